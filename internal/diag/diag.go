// Package diag carries diagnostics: messages about the user's input (a bad
// date, broken front matter, a page edited by hand) with the file and line
// they concern. Stages return diagnostics as data and keep going; the CLI
// prints them together at the end. Go errors stay reserved for failures of
// I/O and of annals itself.
//
// A List is safe for concurrent use.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a diagnostic fails the command.
type Severity int

// Severities, least severe first.
const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one message about one place in the input.
type Diagnostic struct {
	Severity Severity
	File     string // as the user named it; "" when it concerns no file
	Line     int    // 1-based; 0 when unknown
	Message  string
}

// String formats the diagnostic as "file:line: severity: message".
func (d Diagnostic) String() string {
	switch {
	case d.File == "":
		return fmt.Sprintf("%s: %s", d.Severity, d.Message)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s: %s", d.File, d.Line, d.Severity, d.Message)
	default:
		return fmt.Sprintf("%s: %s: %s", d.File, d.Severity, d.Message)
	}
}

// List collects diagnostics from concurrent stages.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf adds an error about file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{Error, file, line, fmt.Sprintf(format, args...)})
}

// Warnf adds a warning about file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{Warning, file, line, fmt.Sprintf(format, args...)})
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sorted returns the diagnostics ordered by file, line and message, so that
// output does not depend on the order in which concurrent stages finished.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Message, b.Message))
	})
	return out
}

// String returns the sorted diagnostics, one per line.
func (l *List) String() string {
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// Count returns the number of diagnostics of severity s.
func (l *List) Count(s Severity) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}
