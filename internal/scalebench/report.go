package scalebench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// Report is the JSON that annals import and annals build write with
// --report FILE: the whole run, then its stages in order. Fields this
// package does not know are ignored; fields the file lacks are zero.
type Report struct {
	Command     string  `json:"command"` // "import" or "build"
	Articles    int     `json:"articles"`
	Pages       int     `json:"pages"`
	Files       int     `json:"files"`
	Bytes       int64   `json:"bytes"`
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	MaxRSSBytes int64   `json:"max_rss_bytes"`
	Stages      []Stage `json:"stages"`
}

// Stage is one stage of a run. MaxRSSBytes is the process's peak RSS so
// far at the end of the stage, not the stage's own peak.
type Stage struct {
	Name        string  `json:"name"`
	WallSeconds float64 `json:"wall_seconds"`
	CPUSeconds  float64 `json:"cpu_seconds"`
	MaxRSSBytes int64   `json:"max_rss_bytes"`
	Files       int     `json:"files"`
	Bytes       int64   `json:"bytes"`
}

// SearchStage is the name of annals build's stage that writes the search
// index.
const SearchStage = "search"

// ReadReport reads and decodes a report file.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: not an annals report: %w", path, err)
	}
	return &r, nil
}

// Stage returns the stage called name, and whether there is one.
func (r *Report) Stage(name string) (Stage, bool) {
	for _, s := range r.Stages {
		if s.Name == name {
			return s, true
		}
	}
	return Stage{}, false
}

// Measure is the stage's numbers as a Measure.
func (s Stage) Measure() Measure {
	return Measure{
		Wall:   secondsToDuration(s.WallSeconds),
		CPU:    secondsToDuration(s.CPUSeconds),
		MaxRSS: s.MaxRSSBytes,
		Files:  s.Files,
		Bytes:  s.Bytes,
	}
}

func secondsToDuration(s float64) time.Duration {
	return time.Duration(s * float64(time.Second))
}

// flagUndefined tells whether a run failed because the program does not
// define the flag: Go's flag package then makes annals exit 2 with "flag
// provided but not defined: -name".
func flagUndefined(p Proc, name string) bool {
	if p.ExitCode != 2 {
		return false
	}
	for line := range bytes.Lines(p.Stderr) {
		if bytes.HasSuffix(bytes.TrimRight(line, "\n"), []byte("flag provided but not defined: -"+name)) {
			return true
		}
	}
	return false
}
