// Package scalebench measures annals at scale against Hugo and Pagefind.
// For each archive size N, Run writes N raw articles with package synth
// into a work folder, runs the real annals binary on them as subprocesses
// (init, import, build), and, at the sizes asked, builds the same content/
// with Hugo and indexes Hugo's output with Pagefind; Table renders what it
// measured as one Markdown table.
//
// Its contract:
//
//   - Every number comes from running a real binary as a subprocess: wall
//     time around the run; CPU time (user + system) and peak RSS from the
//     rusage that wait4 returns, which includes the children the process
//     waited for; files and bytes from walking the folder the step writes
//     (content/ for import, build/ for build, Hugo's output folder, and
//     its pagefind/ folder for Pagefind). Programs are started through a
//     small starter process, this executable run again (see RunStarter),
//     so that the benchmark's own memory does not count in their peak RSS:
//     a program that uses Run must call RunStarter first in main.
//   - Stage numbers (the search index inside annals build) come from the
//     JSON that annals import and build write with --report FILE, decoded
//     leniently: unknown fields are ignored. A binary without that flag
//     exits 2 with "flag provided but not defined"; Run then runs it again
//     without the flag, and from then on never passes it, and the stage
//     rows say the numbers are absent.
//   - Hugo reads the annals site's own content/, mounted into a site of
//     embedded templates (WriteHugoSite), with annals' article addresses.
//   - Run writes only inside its work folder: n<N>/ for each size, which it
//     refuses to reuse when not empty and removes when that size is done
//     unless told to keep it, and bin/annals when it builds annals itself.
//   - Nothing here is safe for two Runs on one work folder at once; the
//     functions without a work folder are safe for concurrent use.
//
// The generated articles are resampled from research corpora: the folders
// Run writes are for local measurement and must not be published.
package scalebench
