package ner

import (
	"strings"
	"testing"

	"github.com/annals-archive/annals/internal/examples"
)

// scoreTexts are texts to compare the tagger's cached scores on: the
// example archive's articles when present, and a few edge cases (a
// headline in capitals, one-word sentences, gazetteer names).
func scoreTexts(t *testing.T) []string {
	texts := []string{
		"RUSSIA AND NORTH KOREA SIGN TREATY IN PYONGYANG\n\nKim Jong Un met Vladimir Putin in Pyongyang on Wednesday.",
		"Yes.\n\nNo!\n\nMr. Smith went to Washington. He met Kim. Kim met him.",
		"The United Nations Security Council met in New York. The United States and the European Union said so.",
		"",
	}
	return append(texts, examples.Bodies(t)...)
}

// TestCachedScores checks that the scores the tagger sums from its caches
// equal the sums of the features one by one, as training defines them, for
// every token and every pair of previous tags.
func TestCachedScores(t *testing.T) {
	m := defaultModel()
	s := new(scratch)
	for _, text := range scoreTexts(t) {
		h := history{}
		for _, sent := range splitSentences(text) {
			var forms []string
			for _, tk := range sent {
				forms = append(forms, tk.form)
			}
			m.staticScores(forms, s)
			infos := m.infos(forms, nil)
			caps := capsSentence(forms)
			for i := range infos {
				var want vector
				m.sum(staticFeatures(nil, infos, i, caps), &want)
				got := s.infos[i]
				if got.lower != infos[i].lower || got.short != infos[i].short || got.upper != infos[i].upper || got.gaz != infos[i].gaz {
					t.Fatalf("%q, token %d %q: info %+v, want %+v", strings.Join(forms, " "), i, forms[i], got, infos[i])
				}
				if s.sums[i] != want {
					t.Fatalf("%q, token %d %q: static scores %v, want %v", strings.Join(forms, " "), i, forms[i], s.sums[i], want)
				}
				for p1 := range nClasses {
					for p2 := range nClasses {
						var got, want vector
						m.addDynamic(&got, s, i, p1, p2, h)
						m.sum(dynamicFeatures(nil, infos, i, p1, p2, h), &want)
						if got != want {
							t.Fatalf("%q, token %d %q after tags %d %d: dynamic scores %v, want %v", strings.Join(forms, " "), i, forms[i], p2, p1, got, want)
						}
						total := s.sums[i]
						addTo(&total, &got)
						var scores [nClasses]float32
						for k := range total {
							scores[k] = float32(total[k])
						}
						if b, want := bestAllowedSum(&total, p1), bestAllowed(&scores, p1); b != want {
							t.Fatalf("%q, token %d %q after tags %d %d: best tag %d, want %d", strings.Join(forms, " "), i, forms[i], p2, p1, b, want)
						}
					}
				}
			}
			m.tag(forms, h, s)
		}
	}
}
