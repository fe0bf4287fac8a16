package progress

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestQuietUnlessTerminal(t *testing.T) {
	var out bytes.Buffer
	r := New("build", &out)
	b := r.Stage("load", 3)
	b.Add(3)
	r.Wrote(10)
	r.Stage("pages", 0).Add(1)
	r.Wrote(5)
	r.Wrote(7)
	rep := r.Done()
	if out.Len() != 0 {
		t.Errorf("drew on a non-terminal: %q", out.String())
	}
	if len(rep.Stages) != 2 || rep.Stages[0].Name != "load" || rep.Stages[1].Name != "pages" {
		t.Fatalf("stages = %+v, want load then pages", rep.Stages)
	}
	if rep.Stages[0].Files != 1 || rep.Stages[0].Bytes != 10 || rep.Stages[1].Files != 2 || rep.Stages[1].Bytes != 12 {
		t.Errorf("writes not counted by stage: %+v", rep.Stages)
	}
	if rep.Files != 3 || rep.Bytes != 22 {
		t.Errorf("totals = %d files, %d bytes; want 3, 22", rep.Files, rep.Bytes)
	}
	if rep.MaxRSS <= 0 {
		t.Errorf("peak memory %d, want > 0", rep.MaxRSS)
	}
}

func TestBarsOnTerminal(t *testing.T) {
	var out bytes.Buffer
	r := New("build", nil)
	r.out = &out // as New does for a terminal
	b := r.Stage("pages", 4)
	b.Add(2)
	b.Add(2)
	r.Done()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	last := lines[len(lines)-1]
	last = last[strings.LastIndexByte(last, '\r')+1:]
	if !strings.HasPrefix(last, "pages      [##############################] 100% 4/4 ") {
		t.Errorf("final bar line = %q", last)
	}
}

func TestLineWithoutTotal(t *testing.T) {
	b := &Bar{name: "search"}
	b.Add(7)
	if got := strings.TrimSpace(b.line(1500 * time.Millisecond)); got != "search     7 1.5s" {
		t.Errorf("line = %q", got)
	}
}

func TestCPUTimeCounts(t *testing.T) {
	r := New("build", nil)
	r.Stage("spin", 0)
	// Spin until the process has used 50 ms more CPU, however busy the
	// machine; a clock that never moves fails at the deadline.
	cpu0 := CPUTime()
	for deadline := time.Now().Add(10 * time.Second); CPUTime()-cpu0 < 50*time.Millisecond; {
		if time.Now().After(deadline) {
			t.Fatal("CPU time did not advance in 10 s of spinning")
		}
	}
	rep := r.Done()
	if rep.Stages[0].CPU < 0.05 || rep.CPU < 0.05 {
		t.Errorf("stage used %.3fs, run %.3fs of CPU; want ≥ 0.05s", rep.Stages[0].CPU, rep.CPU)
	}
}

func TestNilRunDoesNothing(t *testing.T) {
	var r *Run
	r.Stage("load", 1).Add(1)
	r.Wrote(3)
	if rep := r.Done(); len(rep.Stages) != 0 {
		t.Errorf("nil run reported %+v", rep)
	}
}

// TestReportJSON pins the field names benchmarks read.
func TestReportJSON(t *testing.T) {
	rep := Report{Command: "build", Articles: 2, Pages: 5, Files: 9, Bytes: 100, Wall: 1.5, CPU: 2, MaxRSS: 4096,
		Stages: []Stage{{Name: "search", Wall: 0.5, CPU: 0.75, MaxRSS: 4096, Files: 3, Bytes: 40}}}
	var buf bytes.Buffer
	if err := rep.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"command", "articles", "pages", "files", "bytes", "wall_seconds", "cpu_seconds", "max_rss_bytes", "stages"} {
		if _, ok := got[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, buf.String())
		}
	}
	st := got["stages"].([]any)[0].(map[string]any)
	for _, k := range []string{"name", "wall_seconds", "cpu_seconds", "max_rss_bytes", "files", "bytes"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stage JSON lacks %q", k)
		}
	}
}
