package htmltext

import (
	"flag"
	"testing"

	"github.com/annals-archive/annals/internal/corpus"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

var compare = flag.Bool("compare", false, "TestCompareOptions: score trafilatura settings on the corpora (slow)")

// TestCompareOptions scores Body under several trafilatura settings, to
// choose options():
//
//	go test ./internal/htmltext/ -run TestCompareOptions -v -timeout 30m -args -compare
func TestCompareOptions(t *testing.T) {
	if !*compare {
		t.Skip("run with -compare")
	}
	zyte := zytePages(t)
	l3s := l3sPages(t)
	type variant struct {
		name string
		set  func(*trafilatura.Options)
	}
	variants := []variant{
		{"chosen", func(*trafilatura.Options) {}},
		{"favour precision", func(o *trafilatura.Options) { o.Focus = trafilatura.FavorPrecision }},
		{"favour recall", func(o *trafilatura.Options) { o.Focus = trafilatura.FavorRecall }},
		{"no tables", func(o *trafilatura.Options) { o.ExcludeTables = true }},
		{"no fallback", func(o *trafilatura.Options) { o.EnableFallback = false }},
		{"no fallback, favour recall", func(o *trafilatura.Options) {
			o.EnableFallback = false
			o.Focus = trafilatura.FavorRecall
		}},
	}
	for _, v := range variants {
		opts := options()
		v.set(&opts)
		var zf, lf float64
		{
			ms := make([]corpus.Match, len(zyte))
			for i, p := range zyte {
				got, _ := extract(p.HTML, p.URL, opts)
				ms[i] = corpus.ShingleMatch(p.Body, got.Body)
			}
			_, _, zf = corpus.Scores(ms)
		}
		{
			ms := make([]corpus.Match, len(l3s))
			for i, p := range l3s {
				got, _ := extract(p.HTML, p.URL, opts)
				ms[i] = corpus.ShingleMatch(p.Body, got.Body)
			}
			_, _, lf = corpus.Scores(ms)
		}
		t.Logf("%-28s Zyte F1 %.3f  L3S-GN1 F1 %.3f", v.name, zf, lf)
	}
}
