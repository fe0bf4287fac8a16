// Command annals-train trains the named-entity model of package
// internal/ner from the shared research corpora and writes the model file
// that package embeds. From the module root:
//
//	go run ./cmd/annals-train -corpora ../shared/corpora -out internal/ner/model.bin.gz
//
// It trains an averaged perceptron on CoNLL-2003 eng.train for -epochs
// passes, with a gazetteer from the GMB sentences outside the held-out
// tenth (sentence index % 10 == 9), and capitalisation statistics and
// -clusters word classes learnt from the text of eng.train, Reuters-21578,
// BBC News and those GMB sentences. Weights below -prune are dropped. It
// reports the eng.testa (dev) F1 of the model unpruned and pruned (with -v,
// after every epoch too); eng.testb is never read. The defaults are the
// settings chosen on eng.testa, and they make the committed model.
//
// The output depends only on the corpora and the flags: the shuffle has a
// fixed seed, word classes are assigned in a fixed order, and every map is
// written in sorted order. It takes about two minutes on two cores.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/ner"
	"github.com/annals-archive/annals/internal/ner/gold"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "annals-train:", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		dir      = flag.String("corpora", "", "the shared corpora folder (default: found as package corpus finds it)")
		outPath  = flag.String("out", "internal/ner/model.bin.gz", "the model file to write")
		epochs   = flag.Int("epochs", 10, "training epochs")
		seed     = flag.Uint64("seed", 1, "shuffle seed")
		prune    = flag.Float64("prune", 0.5, "drop weights smaller than this in magnitude")
		useGMB   = flag.Bool("gmb", true, "build the gazetteer from GMB's training sentences")
		useTrain = flag.Bool("train-gazetteer", false, "add eng.train's entities to the gazetteer (measured: no gain on eng.testa)")
		useCase  = flag.Bool("case", true, "gather capitalisation statistics from running text")
		classes  = flag.Int("clusters", 800, "word classes learnt from the running text (0: none)")
		passes   = flag.Int("cluster-passes", 8, "passes of the word-class exchange algorithm")
		verbose  = flag.Bool("v", false, "report every epoch's dev F1")
	)
	flag.Parse()
	if *dir == "" {
		d, err := corpus.Dir()
		if err != nil {
			return err
		}
		*dir = d
	}
	start := time.Now()
	logf := func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "%6.1fs ", time.Since(start).Seconds())
		fmt.Fprintf(os.Stderr, format+"\n", args...)
	}
	train, err := gold.ReadCoNLL(filepath.Join(*dir, gold.CoNLLTrain))
	if err != nil {
		return err
	}
	dev, err := gold.ReadCoNLL(filepath.Join(*dir, gold.CoNLLDev))
	if err != nil {
		return err
	}
	opt := ner.TrainOptions{Epochs: *epochs, Seed: *seed, Dev: dev, Clusters: *classes, ClusterIterations: *passes, TrainGazetteer: *useTrain}
	if *verbose {
		opt.Log = logf
	}
	if *useGMB {
		sents, err := gold.ReadGMB(filepath.Join(*dir, gold.GMBFile))
		if err != nil {
			return err
		}
		for i, s := range sents {
			if !gold.GMBHeldOut(i) {
				opt.Gazetteer = append(opt.Gazetteer, s)
				opt.CaseText = append(opt.CaseText, strings.Join(s.Words, " "))
			}
		}
	}
	if *useCase {
		for _, d := range train {
			text, _ := ner.Join(d)
			opt.CaseText = append(opt.CaseText, text)
		}
		reuters, err := corpus.Reuters(*dir)
		if err != nil {
			return err
		}
		for _, r := range reuters {
			opt.CaseText = append(opt.CaseText, r.Body)
		}
		bbc, err := corpus.BBC(*dir)
		if err != nil {
			return err
		}
		for _, b := range bbc {
			opt.CaseText = append(opt.CaseText, string(b.Data))
		}
	}
	m := ner.Train(train, opt)
	// Report the dev score unpruned and pruned; write the pruned model.
	var model bytes.Buffer
	for _, threshold := range []float64{0, *prune} {
		var buf bytes.Buffer
		if err := m.Save(&buf, float32(threshold)); err != nil {
			return err
		}
		saved, err := ner.ReadModel(bytes.NewReader(buf.Bytes()))
		if err != nil {
			return err
		}
		p, r, f := saved.Evaluate(dev).Total().PRF()
		logf("prune %.2f: %d bytes; dev (eng.testa) P %.4f R %.4f F1 %.4f", threshold, buf.Len(), p, r, f)
		model = buf
	}
	return os.WriteFile(*outPath, model.Bytes(), 0o644)
}
