package synth

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path"

	"github.com/spf13/afero"
)

// DefaultPerFile is how many articles a file holds unless told otherwise.
const DefaultPerFile = 10000

// Options says what to generate.
type Options struct {
	N       int    // articles
	Seed    uint64 // the same seed gives the same files
	PerFile int    // articles per file; DefaultPerFile when 0
}

// File is one written file of articles.
type File struct {
	Path     string
	Articles int
	Bytes    int64
}

// Write generates opt.N articles into JSON Lines files in dir on fsys,
// named articles-0001.jsonl, articles-0002.jsonl, … (wider numbers when
// there are more files), opt.PerFile articles each, so that their names
// sort in generation order. It creates dir and overwrites files of those
// names; it writes one file at a time and holds no article longer than it
// takes to encode it.
func Write(fsys afero.Fs, dir string, c *Corpora, opt Options) ([]File, error) {
	if opt.N < 0 {
		return nil, fmt.Errorf("synth: N is %d, not a count", opt.N)
	}
	per := opt.PerFile
	if per <= 0 {
		per = DefaultPerFile
	}
	if err := fsys.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	nfiles := (opt.N + per - 1) / per
	width := max(4, len(fmt.Sprint(nfiles)))
	g := NewGenerator(c, opt.Seed)
	var files []File
	for i := range nfiles {
		name := path.Join(dir, fmt.Sprintf("articles-%0*d.jsonl", width, i+1))
		count := min(per, opt.N-i*per)
		f, err := writeFile(fsys, name, g, count)
		if err != nil {
			return files, err
		}
		files = append(files, f)
	}
	return files, nil
}

// writeFile writes the next count articles of g to name.
func writeFile(fsys afero.Fs, name string, g *Generator, count int) (File, error) {
	out, err := fsys.Create(name)
	if err != nil {
		return File{}, err
	}
	cw := &countWriter{w: out}
	bw := bufio.NewWriterSize(cw, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for range count {
		a, err := g.Next()
		if err == nil {
			err = enc.Encode(&a)
		}
		if err != nil {
			out.Close()
			return File{}, fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		out.Close()
		return File{}, err
	}
	if err := out.Close(); err != nil {
		return File{}, err
	}
	return File{Path: name, Articles: count, Bytes: cw.n}, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
