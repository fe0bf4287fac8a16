package importer

import (
	"context"
	"runtime"
	"sync"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/extract"
	"github.com/annals-archive/annals/internal/ingest"
)

// The pipeline reads inputs and extracts their articles on every core,
// whatever the inputs' sizes, and hands the items on in input order:
//
//	inputs ──readers (one per file, a few at a time)──▶ records ──extractors (GOMAXPROCS)──▶ items in input order
//
// Readers decode files (HTML extraction, JSON decoding) concurrently;
// every record they decode goes to the extractors and, in its file's
// order, to the consumer, which waits for each in turn. At most
// GOMAXPROCS files are being read at once, each queues at most
// recordWindow records, and at most fileWindow files wait for the
// consumer, so memory stays bounded however large the inputs are.
const (
	recordWindow = 64 // records queued per file ahead of the consumer
	fileWindow   = 8  // files read ahead of the consumer
)

// job is one record on its way through the pipeline.
type job struct {
	raw  article.Raw
	file string // the input's path, for diagnostics
	item Item
	done chan struct{} // closed when item is set
}

// extract fills in j.item from j.raw.
func (j *job) extract(diags *diag.List) {
	a, ds := extract.Article(j.raw)
	for _, d := range ds {
		d.File = j.file // the path as given, not the name in the origin
		diags.Add(d)
	}
	j.item = Item{Raw: j.raw, Article: a, key: textKey(a.Body), path: j.file}
	j.raw = article.Raw{}
	close(j.done)
}

// each reads and extracts every article of paths and calls fn with each
// item, in input order, from the calling goroutine. It stops reading when
// ctx is done and then returns ctx's error; the items extracted by then
// are still handed to fn.
func each(ctx context.Context, fsys afero.Fs, paths []string, fields config.Fields, diags *diag.List, fn func(Item)) error {
	inputs := ingest.Inputs(fsys, paths, diags)
	workers := runtime.GOMAXPROCS(0)
	files := make(chan chan *job, fileWindow)
	todo := make(chan *job)
	stop := make(chan struct{}) // closed when the consumer returns

	var extractors sync.WaitGroup
	for range workers {
		extractors.Go(func() {
			for j := range todo {
				j.extract(diags)
			}
		})
	}
	defer extractors.Wait()
	defer close(stop)

	// The dispatcher starts one reader per input, in input order. A
	// reader keeps its slot until it has queued its last record, so the
	// file the consumer waits for always has one.
	go func() {
		var readers sync.WaitGroup
		slots := make(chan struct{}, workers)
		defer func() {
			close(files)
			readers.Wait()
			close(todo)
		}()
		for _, in := range inputs {
			if ctx.Err() != nil {
				return
			}
			queue := make(chan *job, recordWindow)
			select {
			case files <- queue:
			case <-stop:
				return
			}
			select {
			case slots <- struct{}{}:
			case <-stop:
				close(queue)
				return
			}
			readers.Go(func() {
				defer func() { <-slots }()
				read(ctx, fsys, in, fields, diags, queue, todo, stop)
			})
		}
	}()

	for queue := range files {
		for j := range queue {
			<-j.done
			fn(j.item)
		}
	}
	return ctx.Err()
}

// read decodes one input, queueing each record for the consumer (in order)
// and for the extractors, until the input ends, ctx is done or the
// consumer stopped.
func read(ctx context.Context, fsys afero.Fs, in ingest.Input, fields config.Fields, diags *diag.List, queue, todo chan<- *job, stop <-chan struct{}) {
	defer close(queue)
	for raw := range ingest.Records(fsys, in, fields, diags) {
		if ctx.Err() != nil {
			return
		}
		j := &job{raw: raw, file: in.Path, done: make(chan struct{})}
		select {
		case queue <- j:
		case <-stop:
			return
		}
		todo <- j
	}
}
