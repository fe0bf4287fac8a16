package htmltext

import (
	"flag"
	"testing"

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
	zyte := loadBenchmark(t)
	l3s := loadL3S(t)
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
			ms := make([]match, len(zyte))
			for i, p := range zyte {
				got, _ := extract(p.html, p.url, opts)
				ms[i] = shingleMatch(p.body, got.Body)
			}
			_, _, zf = scores(ms)
		}
		{
			ms := make([]match, len(l3s))
			for i, p := range l3s {
				got, _ := extract(p.html, p.URL, opts)
				ms[i] = shingleMatch(p.Fulltext, got.Body)
			}
			_, _, lf = scores(ms)
		}
		t.Logf("%-28s Zyte F1 %.3f  L3S-GN1 F1 %.3f", v.name, zf, lf)
	}
}
