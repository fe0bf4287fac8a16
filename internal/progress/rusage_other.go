//go:build !unix

package progress

import "time"

// CPUTime is unknown here: always 0.
func CPUTime() time.Duration { return 0 }

// maxRSS is unknown here.
func maxRSS() int64 { return 0 }
