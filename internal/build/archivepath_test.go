package build

import (
	"fmt"
	"testing"
	"time"
)

// TestArchivePaths checks the archive folders and chart labels against
// the fmt verbs they stand for.
func TestArchivePaths(t *testing.T) {
	for _, y := range []int{1, 47, 999, 2024, 12345} {
		if got, want := yearPath(y), fmt.Sprintf("%04d/", y); got != want {
			t.Errorf("yearPath(%d) = %q, want %q", y, got, want)
		}
		for m := time.January; m <= time.December; m++ {
			if got, want := monthPath(y, m), fmt.Sprintf("%04d/%02d/", y, int(m)); got != want {
				t.Errorf("monthPath(%d, %d) = %q, want %q", y, m, got, want)
			}
			if got, want := monthLabel(y, m), fmt.Sprintf("%s %d", m.String()[:3], y); got != want {
				t.Errorf("monthLabel(%d, %d) = %q, want %q", y, m, got, want)
			}
			for _, d := range []int{1, 9, 10, 31} {
				if got, want := dayPath(y, m, d), fmt.Sprintf("%04d/%02d/%02d/", y, int(m), d); got != want {
					t.Errorf("dayPath(%d, %d, %d) = %q, want %q", y, m, d, got, want)
				}
			}
		}
	}
}
