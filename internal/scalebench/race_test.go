//go:build race

package scalebench

// raceDetector is true in a race-detector build, where loading the corpora
// alone takes five times as long: TestRun then leaves out the rebuilds to
// stay under a minute.
const raceDetector = true
