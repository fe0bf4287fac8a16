package content

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// scalarPieces are what random front matter values are made of: words,
// digits, YAML syntax, spaces, booleans and non-ASCII runes.
var scalarPieces = []string{"Kim", "a", "b", "e", "f", "x", "0", "1", "7", "0b", "1e5", "yes", "No", "ON", "true", "NULL",
	"null", "y", "n", "~", " ", " ", ":", ": ", "#", " #", "-", "- ", "---", "...", "\"", "'", "<", ">", "&", "*", "!",
	"|", "%", "@", "`", ",", "[", "]", "{", "}", "?", ".", "/", "\\", "é", "\t", "\n", "https://example.org/a#b"}

func randomScalar(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(5) {
		b.WriteString(scalarPieces[rng.IntN(len(scalarPieces))])
	}
	return b.String()
}

func randomHex(rng *rand.Rand) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 1+rng.IntN(64))
	for i := range b {
		b[i] = digits[rng.IntN(len(digits))]
		if rng.IntN(3) == 0 {
			b[i] = digits[rng.IntN(10)] // more strings of digits only
		}
	}
	return string(b)
}

// TestScalarShapesAsEncoded checks, on random strings, that every value
// writeFrontMatter writes itself is written as the YAML encoder writes it.
func TestScalarShapesAsEncoded(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	direct := 0
	for range 50000 {
		s := randomScalar(rng)
		if rng.IntN(4) == 0 {
			s = randomHex(rng)
		}
		var want string
		switch {
		case isPlain(s), isHexDigest(s):
			want = "k: " + s + "\n"
		case isDigits(s):
			want = "k: " + recordString(s) + "\n"
		default:
			continue
		}
		direct++
		if got := string(mustYAML(map[string]string{"k": s})); got != want {
			t.Fatalf("%q is encoded as %q, not %q", s, got, want)
		}
	}
	if direct < 5000 {
		t.Errorf("only %d values of known shapes: the test says little", direct)
	}
}

// TestFrontMatterAsEncoded compares writeFrontMatter with the encoder on
// random front matter.
func TestFrontMatterAsEncoded(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	safe := strings.Fields(`Kim Jong Un - -- . , ' " < > & * ! % @ ( ) a:b a#b 1 2024 x/y yes`)
	value := func() string {
		switch rng.IntN(10) {
		case 0:
			return ""
		case 1:
			return randomScalar(rng)
		}
		var b strings.Builder
		b.WriteString("Word")
		for range rng.IntN(4) {
			b.WriteString(" ")
			b.WriteString(safe[rng.IntN(len(safe))])
		}
		return b.String()
	}
	names := func() []string {
		var out []string
		for range rng.IntN(4) {
			out = append(out, value())
		}
		return out
	}
	written := 0
	for range 20000 {
		fm := frontMatter{Title: "T" + value(), Slug: "s" + value(), Source: value(), URL: value(), Author: value(),
			People: names(), Places: names(), Organizations: names()}
		if rng.IntN(4) > 0 {
			d, _ := article.MakeDate(1+rng.IntN(9999), time.Month(1+rng.IntN(12)), 1+rng.IntN(28))
			fm.Date = yamlDate(d)
		}
		for range rng.IntN(3) {
			o := article.Origin{File: value(), SHA256: randomHex(rng), Title: value()}
			if rng.IntN(2) == 0 {
				o.Record = randomHex(rng)
			}
			fm.Origin = append(fm.Origin, o)
		}
		var b bytes.Buffer
		if !writeFrontMatter(&b, &fm) {
			continue
		}
		written++
		if want := mustYAML(&fm); !bytes.Equal(b.Bytes(), want) {
			t.Fatalf("front matter %+v written as\n%s\nnot as the encoder writes it:\n%s", fm, b.Bytes(), want)
		}
	}
	if written < 500 {
		t.Errorf("only %d front matters written directly: the test says little", written)
	}
}
