package graph

import (
	"reflect"
	"slices"
	"testing"
)

// TestRestoreGivesTheSameGraph checks that a graph restored from what
// another learned is that graph, reading no text.
func TestRestoreGivesTheSameGraph(t *testing.T) {
	docs := synthetic(3000, 9)
	g := New(docs)
	data, err := g.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	bare := make([]Doc, len(docs))
	for i := range docs {
		bare[i] = docs[i]
		bare[i].Text = ""
	}
	r, err := Restore(bare, data)
	if err != nil {
		t.Fatal(err)
	}
	sameLinks(t, r, g, "the restored graph gives other links")
	for i := range docs {
		// Beyond the lists kept, Related ranks again.
		if !slices.Equal(r.Related(i, 40), g.Related(i, 40)) {
			t.Fatalf("doc %d: the restored graph ranks other related docs", i)
		}
	}
	for _, part := range []struct {
		name string
		a, b any
	}{
		{"dates", r.dateIndex, g.dateIndex}, {"entities", r.entityIndex, g.entityIndex},
		{"text", r.text, g.text}, {"same", r.same, g.same}, {"related", r.rel, g.rel},
		{"scoring", *r.relGraph, *g.relGraph},
	} {
		if !reflect.DeepEqual(part.a, part.b) {
			t.Errorf("the restored graph's %s differ", part.name)
		}
	}
}

// TestRestoreRefusesOtherBytes checks that bytes cut short, lengthened,
// damaged or written for other docs give an error, never a graph or a
// panic.
func TestRestoreRefusesOtherBytes(t *testing.T) {
	docs := synthetic(60, 3)
	data, _ := New(docs).AppendBinary(nil)
	if _, err := Restore(docs, data); err != nil {
		t.Fatalf("the graph's own bytes: %v", err)
	}
	for n := range len(data) {
		if g, err := Restore(docs, data[:n]); err == nil || g != nil {
			t.Fatalf("bytes cut to %d of %d gave a graph", n, len(data))
		}
	}
	if _, err := Restore(docs, append(slices.Clone(data), 0)); err == nil {
		t.Error("a byte more gave a graph")
	}
	if _, err := Restore(docs[:59], data); err == nil {
		t.Error("the bytes of 60 docs gave a graph of 59")
	}
	// Every byte after the header, set to 0xff in turn: a length over
	// what is left, a doc or term out of range, or a weight, which can
	// take any value. None may panic.
	for k := len(learnedHeader) + 4; k < len(data); k++ {
		bad := slices.Clone(data)
		if bad[k] == 0xff {
			continue
		}
		bad[k] = 0xff
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("byte %d set to 0xff: panic %v", k, p)
				}
			}()
			Restore(docs, bad)
		}()
	}
}
