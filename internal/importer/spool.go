package importer

import (
	"runtime"
	"sync"

	"github.com/annals-archive/annals/internal/progress"
)

// A spool writes pages on other goroutines while the inputs are still
// being read, so that an import holds no new article's text longer than
// it takes to write it. Pages are queued in input order and each is
// written atomically (pageWriter); the queue is short, so a slow disk
// slows the reading rather than filling memory. After the first failure
// the spool calls stop, skips what is queued, and close returns the error.
type spool struct {
	w    *pageWriter
	run  *progress.Run
	stop func()
	jobs chan spoolJob
	wg   sync.WaitGroup

	mu  sync.Mutex
	err error
}

type spoolJob struct {
	name string
	data []byte
}

func newSpool(w *pageWriter, run *progress.Run, stop func()) *spool {
	s := &spool{w: w, run: run, stop: stop, jobs: make(chan spoolJob, 64)}
	for range runtime.GOMAXPROCS(0) {
		s.wg.Go(func() {
			for j := range s.jobs {
				if s.failed() {
					continue
				}
				if err := s.w.write(j.name, j.data); err != nil {
					s.fail(err)
					continue
				}
				s.run.Wrote(len(j.data))
			}
		})
	}
	return s
}

// write queues data to be written to the file name.
func (s *spool) write(name string, data []byte) {
	s.jobs <- spoolJob{name, data}
}

// close waits for every queued page and returns the first error.
func (s *spool) close() error {
	close(s.jobs)
	s.wg.Wait()
	return s.err
}

func (s *spool) failed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err != nil
}

func (s *spool) fail(err error) {
	s.mu.Lock()
	if s.err == nil {
		s.err = err
		s.stop()
	}
	s.mu.Unlock()
}
