// Command annals-train trains the named-entity model of package
// internal/ner from the shared research corpora and writes the model file
// that package embeds. From the module root:
//
//	go run ./cmd/annals-train -corpora ../shared/corpora -out internal/ner/model.bin.gz
//
// It trains an averaged perceptron on CoNLL-2003 eng.train, with a
// gazetteer from the GMB sentences outside the held-out tenth (sentence
// index % 10 == 9) and capitalisation statistics from eng.train,
// Reuters-21578 and BBC News text. It reports the dev (eng.testa) F1 after
// each epoch with -v; eng.testb is never read. The output depends only on
// the corpora and the flags: the shuffle has a fixed seed and every map is
// written in sorted order.
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
		out      = flag.String("out", "internal/ner/model.bin.gz", "the model file to write")
		epochs   = flag.Int("epochs", 10, "training epochs")
		seed     = flag.Uint64("seed", 1, "shuffle seed")
		prune    = flag.Float64("prune", 0.5, "drop weights smaller than this in magnitude")
		useGMB   = flag.Bool("gmb", true, "build the gazetteer from GMB's training sentences")
		useTrain = flag.Bool("train-gazetteer", false, "add eng.train's entities to the gazetteer (measured: no gain on eng.testa)")
		useCase  = flag.Bool("case", true, "gather capitalisation statistics from running text")
		classes  = flag.Int("clusters", 400, "word classes learnt from the running text (0: none)")
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
	var buf bytes.Buffer
	if err := m.Save(&buf, float32(*prune)); err != nil {
		return err
	}
	saved, err := ner.ReadModel(bytes.NewReader(buf.Bytes()))
	if err != nil {
		return err
	}
	sc := saved.Evaluate(dev)
	p, r, f := sc.Total().PRF()
	logf("saved model: %d bytes; dev (eng.testa) P %.4f R %.4f F1 %.4f", buf.Len(), p, r, f)
	return os.WriteFile(*out, buf.Bytes(), 0o644)
}
