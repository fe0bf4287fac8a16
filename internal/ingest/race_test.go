//go:build race

package ingest

// raceDetector is true in a race-detector build, which parses HTML ten
// times slower: TestFiftyMegabytes then reads its page with an image of
// 5 MB, not 50.
const raceDetector = true
