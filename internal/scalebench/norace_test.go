//go:build !race

package scalebench

const raceDetector = false
