package parallel

import (
	"context"
	"errors"
	"testing"
)

func TestForRunsEveryIndexOnce(t *testing.T) {
	got := make([]int, 1000)
	if err := For(context.Background(), len(got), func(i int) error { got[i]++; return nil }); err != nil {
		t.Fatal(err)
	}
	for i, n := range got {
		if n != 1 {
			t.Fatalf("index %d ran %d times", i, n)
		}
	}
}

func TestForReturnsAnErrorAndStopsOnCancel(t *testing.T) {
	boom := errors.New("boom")
	if err := For(context.Background(), 10, func(i int) error {
		if i == 3 {
			return boom
		}
		return nil
	}); !errors.Is(err, boom) {
		t.Errorf("For = %v, want boom", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := For(ctx, 10, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("For on a cancelled context = %v", err)
	}
}
