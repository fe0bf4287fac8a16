//go:build race

package synth

// raceDetector is true in a race-detector build, which runs several times
// slower: the tests then load a thinned Reuters-21578 and draw fewer
// articles.
const raceDetector = true
