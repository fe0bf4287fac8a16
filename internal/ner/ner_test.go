package ner

import (
	"path/filepath"
	"testing"

	"github.com/annals-archive/annals/internal/corpus"
	"github.com/annals-archive/annals/internal/ner/gold"
)

func corporaDir(t testing.TB) string {
	t.Helper()
	d, err := corpus.Dir()
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return d
}

// TestCoNLLTest measures mention F1 on eng.testb (the evaluation set).
func TestCoNLLTest(t *testing.T) {
	docs, err := gold.ReadCoNLL(filepath.Join(corporaDir(t), gold.CoNLLTest))
	if err != nil {
		t.Fatal(err)
	}
	sc := defaultModel().Evaluate(docs)
	t.Logf("CoNLL-2003 eng.testb, PER/LOC/ORG mentions:\n%s", sc)
	if _, _, f := sc.Total().PRF(); f < 0.85 {
		t.Errorf("F1 %.4f, want >= 0.85", f)
	}
}
