// Package progress follows a long run stage by stage: it draws a bar per
// stage while a person watches a terminal, stays silent otherwise, and
// reports what each stage cost — wall time, CPU time, the process's peak
// memory so far, and the files and bytes it wrote — as a closing summary
// and as JSON for benchmarks.
//
// A nil *Run and a nil *Bar do nothing, so code under test needs no
// special case. A Run is safe for concurrent use: workers call Bar.Add and
// Run.Wrote from many goroutines.
package progress

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// Stage is what one stage of a run cost.
type Stage struct {
	Name string  `json:"name"`
	Wall float64 `json:"wall_seconds"`
	CPU  float64 `json:"cpu_seconds"`
	// MaxRSS is the process's peak resident memory at the end of the
	// stage: the peak so far, not the stage's own.
	MaxRSS int64 `json:"max_rss_bytes"`
	Files  int64 `json:"files"`
	Bytes  int64 `json:"bytes"`
}

// Report is what a whole run did and cost.
type Report struct {
	Command  string  `json:"command"`
	Articles int     `json:"articles"`
	Pages    int     `json:"pages,omitempty"`
	Files    int64   `json:"files"`
	Bytes    int64   `json:"bytes"`
	Wall     float64 `json:"wall_seconds"`
	CPU      float64 `json:"cpu_seconds"`
	MaxRSS   int64   `json:"max_rss_bytes"`
	Stages   []Stage `json:"stages"`
}

// Run follows one command's stages.
type Run struct {
	command string
	out     io.Writer // where bars are drawn; nil when quiet
	start   time.Time
	cpu0    time.Duration

	mu     sync.Mutex
	stages []Stage
	cur    *Bar
	files  atomic.Int64 // written during the current stage
	bytes  atomic.Int64
	stop   chan struct{}
	drawn  sync.WaitGroup
}

// Bar is the progress of one stage: Add counts units of work done.
type Bar struct {
	name  string
	total atomic.Int64
	done  atomic.Int64
	start time.Time
	cpu0  time.Duration
}

// New starts following command. Bars are drawn on w only when w is a
// terminal; pass nil for a silent run.
func New(command string, w io.Writer) *Run {
	r := &Run{command: command, start: time.Now(), cpu0: CPUTime()}
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		r.out = w
	}
	return r
}

// Stage ends the current stage and begins one named name, of total units
// of work (0 when unknown).
func (r *Run) Stage(name string, total int) *Bar {
	if r == nil {
		return nil
	}
	r.end()
	b := &Bar{name: name, start: time.Now(), cpu0: CPUTime()}
	b.total.Store(int64(total))
	r.mu.Lock()
	r.cur = b
	r.mu.Unlock()
	if r.out != nil {
		r.stop = make(chan struct{})
		r.drawn.Add(1)
		go r.draw(b, r.stop)
	}
	return b
}

// Add counts n more units of work done.
func (b *Bar) Add(n int) {
	if b != nil {
		b.done.Add(int64(n))
	}
}

// SetTotal sets the units of work of a stage begun before they were
// known.
func (b *Bar) SetTotal(n int) {
	if b != nil {
		b.total.Store(int64(n))
	}
}

// Wrote counts a file of n bytes written in the current stage.
func (r *Run) Wrote(n int) {
	if r != nil {
		r.files.Add(1)
		r.bytes.Add(int64(n))
	}
}

// end closes the current stage, if any, and records its cost.
func (r *Run) end() {
	r.mu.Lock()
	b := r.cur
	r.cur = nil
	r.mu.Unlock()
	if b == nil {
		return
	}
	if r.stop != nil {
		close(r.stop)
		r.drawn.Wait()
		r.stop = nil
	}
	st := Stage{
		Name:   b.name,
		Wall:   time.Since(b.start).Seconds(),
		CPU:    (CPUTime() - b.cpu0).Seconds(),
		MaxRSS: maxRSS(),
		Files:  r.files.Swap(0),
		Bytes:  r.bytes.Swap(0),
	}
	r.mu.Lock()
	r.stages = append(r.stages, st)
	r.mu.Unlock()
}

// Done ends the last stage and returns the run's report; the caller fills
// in Articles and Pages.
func (r *Run) Done() Report {
	if r == nil {
		return Report{}
	}
	r.end()
	rep := Report{
		Command: r.command,
		Wall:    time.Since(r.start).Seconds(),
		CPU:     (CPUTime() - r.cpu0).Seconds(),
		MaxRSS:  maxRSS(),
		Stages:  r.stages,
	}
	for _, st := range r.stages {
		rep.Files += st.Files
		rep.Bytes += st.Bytes
	}
	return rep
}

// draw redraws b's line five times a second until stop is closed, then
// leaves its final state on the line.
func (r *Run) draw(b *Bar, stop chan struct{}) {
	defer r.drawn.Done()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			fmt.Fprintf(r.out, "\r%s\n", b.line(time.Since(b.start)))
			return
		case <-tick.C:
			fmt.Fprintf(r.out, "\r%s", b.line(time.Since(b.start)))
		}
	}
}

// barWidth is the width of the bar itself, in cells.
const barWidth = 30

// line is the bar's text: name, bar, count and elapsed time, padded to a
// fixed width so a shorter line overwrites a longer one.
func (b *Bar) line(elapsed time.Duration) string {
	done, total := b.done.Load(), b.total.Load()
	var s string
	if total > 0 {
		done = min(done, total)
		full := int(done * barWidth / total)
		s = fmt.Sprintf("%-10s [%s%s] %3d%% %d/%d %s", b.name,
			strings.Repeat("#", full), strings.Repeat(" ", barWidth-full),
			done*100/total, done, total, elapsed.Round(100*time.Millisecond))
	} else {
		s = fmt.Sprintf("%-10s %d %s", b.name, done, elapsed.Round(100*time.Millisecond))
	}
	return fmt.Sprintf("%-78s", s)
}

// Summary writes rep for a person: one line per stage.
func (rep Report) Summary(w io.Writer) {
	for _, st := range rep.Stages {
		fmt.Fprintf(w, "  %-10s %8s  cpu %8s  %6d files %9s\n", st.Name,
			seconds(st.Wall), seconds(st.CPU), st.Files, megabytes(st.Bytes))
	}
	fmt.Fprintf(w, "  %-10s %8s  cpu %8s  peak memory %s\n", "total", seconds(rep.Wall), seconds(rep.CPU), megabytes(rep.MaxRSS))
}

func seconds(s float64) string { return fmt.Sprintf("%.2fs", s) }

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// WriteJSON writes rep as indented JSON.
func (rep Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
