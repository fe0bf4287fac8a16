package corpus

import (
	"testing"
)

func dir(t *testing.T) string {
	t.Helper()
	d, err := Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return d
}

func TestCounts(t *testing.T) {
	d := dir(t)
	kcna, err := KCNA(d)
	if err != nil || len(kcna) != 2111 {
		t.Errorf("KCNA: %d records, %v; want 2,111", len(kcna), err)
	}
	reuters, err := Reuters(d)
	if err != nil || len(reuters) != 21578 {
		t.Fatalf("Reuters: %d articles, %v; want 21,578", len(reuters), err)
	}
	bodies := 0
	for _, r := range reuters {
		if r.Body != "" {
			bodies++
		}
	}
	if bodies != 19043 {
		t.Errorf("Reuters: %d bodies, want 19,043", bodies)
	}
	if r := reuters[0]; r.NewID != "1" || r.Date != "26-FEB-1987 15:01:01.79" || len(r.Places) == 0 {
		t.Errorf("Reuters first article = %+v", r)
	}
	bbc, err := BBC(d)
	if err != nil || len(bbc) != 2225 {
		t.Errorf("BBC: %d files, %v; want 2,225", len(bbc), err)
	}
}
