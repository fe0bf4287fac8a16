//go:build race

package extract

// raceDetector is true in a race-detector build, which runs the pipeline
// several times slower; the corpus tests then check a deterministic tenth
// of each corpus (thin). Full runs, without -race, check everything and
// give the numbers reported.
const raceDetector = true
