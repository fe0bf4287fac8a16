// Package parallel runs one function over the indexes 0 … n-1 on
// GOMAXPROCS workers. Callers write each result into a slice at its index,
// so output never depends on scheduling. It holds no state.
package parallel

import (
	"context"
	"runtime"
	"sync"
)

// For runs fn(0) … fn(n-1) on GOMAXPROCS workers, stops handing out work
// when ctx is done, and returns the first error fn returned, or ctx's.
func For(ctx context.Context, n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}
