package search

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// changedFixture is the fixture after an archive's everyday changes: one
// article edited, one renamed, one gone, one added before all others (so
// every id moves) and one entity given another alias.
func changedFixture() []Doc {
	docs := fixture()
	docs[0].Text += " A correction was added on the same day."
	docs[1].Title = "Rail Talks Open Between Arvenia and Vaske"
	docs = append(docs[:2], docs[3:]...)
	for i := range docs {
		for k, e := range docs[i].Entities {
			if e.Key == "kestrel-federation" {
				n := *e
				n.Aliases = append(append([]string(nil), e.Aliases...), "the Federation")
				docs[i].Entities[k] = &n
			}
		}
	}
	return append(docs, Doc{Path: "2001/05/02/early-ferry/", Title: "A Ferry Crosses the Grey Sea", Date: date("2001-05-02"),
		Source: "Vask Ledger", Text: "The first ferry from Merrin to Vaske carried forty passengers and the mail."})
}

// TestMemoryGivesTheSameIndex checks that an index that remembers an
// earlier one, in memory or through its binary form, writes the files a
// fresh index writes, byte for byte, and reads only what changed.
func TestMemoryGivesTheSameIndex(t *testing.T) {
	_, st, mem := writeIndexWith(t, fixture(), &remembering{})
	if st.Remembered != 0 || mem.Len() != len(fixture()) {
		t.Fatalf("a first index remembers %d documents of %d, took %d from nothing", mem.Len(), len(fixture()), st.Remembered)
	}
	data, err := mem.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var decoded Memory
	if err := decoded.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	docs := changedFixture()
	want := writeIndex(t, docs)
	unchanged := 0
	for _, d := range docs {
		if slices.ContainsFunc(fixture(), func(old Doc) bool { return reflect.DeepEqual(old, d) }) {
			unchanged++
		}
	}
	if unchanged == 0 || unchanged >= len(docs)-3 {
		t.Fatalf("%d of %d documents unchanged: the change is not what the test means", unchanged, len(docs))
	}
	for name, old := range map[string]*Memory{"in memory": mem, "decoded": &decoded} {
		got, st, next := writeIndexWith(t, docs, &remembering{old: old})
		if st.Remembered != unchanged {
			t.Errorf("%s: %d documents taken from the memory, want %d", name, st.Remembered, unchanged)
		}
		if next.Len() != len(docs) {
			t.Errorf("%s: the next memory holds %d documents, want %d", name, next.Len(), len(docs))
		}
		for file, data := range want {
			if got[file] != data {
				t.Errorf("%s: %s differs from a fresh index's:\n%s\nwant:\n%s", name, file, got[file], data)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d files, a fresh index has %d", name, len(got), len(want))
		}
	}
}

// TestMemoryBinary checks that a memory survives its binary form, that
// the form leaves out terms no document uses, and that a form cut short
// or with a wrong term is an error.
func TestMemoryBinary(t *testing.T) {
	_, _, mem := writeIndexWith(t, fixture(), &remembering{})
	// A memory made over an older one holds the older one's terms in its
	// vocabulary; only the terms in use are written.
	_, _, next := writeIndexWith(t, fixture()[:3], &remembering{old: mem})
	small, err := next.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	_, _, direct := writeIndexWith(t, fixture()[:3], &remembering{})
	directData, err := direct.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if len(small) != len(directData) {
		t.Errorf("the memory of 3 documents made over one of %d takes %d bytes, one made afresh %d", len(fixture()), len(small), len(directData))
	}
	var back Memory
	if err := back.UnmarshalBinary(small); err != nil {
		t.Fatal(err)
	}
	again, err := back.MarshalBinary()
	if err != nil || !bytes.Equal(again, small) {
		t.Errorf("a decoded memory encodes to %d other bytes (%v)", len(again), err)
	}
	for n := range len(small) {
		var m Memory
		if err := m.UnmarshalBinary(small[:n]); err == nil {
			t.Errorf("a memory cut to %d of %d bytes decodes without an error", n, len(small))
		}
	}
	var m Memory
	if err := m.UnmarshalBinary(append(bytes.Clone(small), 0)); err == nil {
		t.Error("a memory with a byte after its end decodes without an error")
	}
}

// TestReadTexts checks that documents whose text the index reads through
// Read give the index and the memory of the same documents holding their
// texts, and that a text that cannot be read is the index's error.
func TestReadTexts(t *testing.T) {
	held := changedFixture()
	read := func(docs []Doc) []Doc {
		out := slices.Clone(docs)
		for i := range out {
			text := out[i].Text
			out[i].Text, out[i].Read = "", func() (string, error) { return text, nil }
		}
		return out
	}
	_, _, old := writeIndexWith(t, fixture(), &remembering{})
	want, _, wantMem := writeIndexWith(t, held, &remembering{old: old})
	got, st, gotMem := writeIndexWith(t, read(held), &remembering{old: old})
	if st.Remembered == 0 {
		t.Error("no document recalled: the key of a document read through Read is not its text's")
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the index of documents read through Read differs from that of the same documents in memory")
	}
	a, _ := gotMem.MarshalBinary()
	b, _ := wantMem.MarshalBinary()
	if !bytes.Equal(a, b) {
		t.Error("the memory of documents read through Read differs from that of the same documents in memory")
	}

	broken := errors.New("gone")
	docs := read(held)
	docs[2].Read = func() (string, error) { return "", broken }
	if _, _, err := writeWith(context.Background(), small, docs, writeFunc(func(string, []byte) error { return nil }), nil); !errors.Is(err, broken) {
		t.Errorf("an index with a text that cannot be read: %v, want %v", err, broken)
	}
}

// TestMemoryWrittenInParts checks that a memory larger than the parts
// WriteTo writes at a time decodes to itself, and that WriteTo reports
// every byte and stops at the writer's error.
func TestMemoryWrittenInParts(t *testing.T) {
	_, _, mem := writeIndexWith(t, synthetic(2000, 1), &remembering{})
	var b bytes.Buffer
	n, err := mem.WriteTo(&b)
	if err != nil || n != int64(b.Len()) || b.Len() < 4<<16 {
		t.Fatalf("WriteTo wrote %d bytes, said %d (%v); want several parts of 64 KB", b.Len(), n, err)
	}
	var back Memory
	if err := back.UnmarshalBinary(b.Bytes()); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.keys, mem.keys) || !reflect.DeepEqual(back.names, mem.names) || back.Len() != mem.Len() {
		t.Error("a memory written in parts decodes to another")
	}
	again, _ := back.MarshalBinary()
	if !bytes.Equal(again, b.Bytes()) {
		t.Error("a memory written in parts encodes to other bytes once decoded")
	}
	full := errors.New("disk full")
	if _, err := mem.WriteTo(&failingWriter{after: 3 << 16, err: full}); !errors.Is(err, full) {
		t.Errorf("WriteTo to a writer that fails: %v, want %v", err, full)
	}
}

// failingWriter accepts after bytes, then fails with err.
type failingWriter struct {
	after int
	err   error
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after -= len(p); w.after < 0 {
		return 0, w.err
	}
	return len(p), nil
}

// spareFiles is Files over the files an earlier index left: it keeps a
// file when the earlier one was made from the same sum.
type spareFiles struct {
	mu    sync.Mutex
	old   map[string]spareFile
	files map[string]spareFile
}

type spareFile struct {
	data string
	from fingerprint.Sum
}

func (f *spareFiles) Write(name string, data []byte) error {
	return f.WriteFrom(name, data, fingerprint.Sum{})
}

func (f *spareFiles) WriteFrom(name string, data []byte, from fingerprint.Sum) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, dup := f.files[name]; dup {
		return fmt.Errorf("%s written twice", name)
	}
	f.files[name] = spareFile{string(data), from}
	return nil
}

func (f *spareFiles) Keep(name string, from fingerprint.Sum) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old, ok := f.old[name]
	if !ok || from.IsZero() || old.from != from {
		return false, nil
	}
	f.files[name] = old
	return true, nil
}

// TestTextKeys checks that documents known by a TextKey are not read
// when the memory has them: their result files are kept, and the index
// is a fresh index's, file for file. A document whose key changed, or
// whose result file is not kept, is read.
func TestTextKeys(t *testing.T) {
	var reads sync.Map // path → times read
	keyed := func(docs []Doc) []Doc {
		out := slices.Clone(docs)
		for i := range out {
			text, path := out[i].Text, out[i].Path
			out[i].Text, out[i].TextKey = "", fingerprint.Of(text)
			out[i].Read = func() (string, error) {
				n, _ := reads.LoadOrStore(path, new(atomic.Int32))
				n.(*atomic.Int32).Add(1)
				return text, nil
			}
		}
		return out
	}
	index := func(docs []Doc, old *spareFiles, mem *Memory) (*spareFiles, Stats, *Memory) {
		t.Helper()
		reads.Clear()
		out := &spareFiles{files: map[string]spareFile{}}
		if old != nil {
			out.old = old.files
		}
		st, next, err := writeWith(context.Background(), small, keyed(docs), out, &remembering{old: mem})
		if err != nil {
			t.Fatal(err)
		}
		return out, st, next
	}
	read := func() int {
		n := 0
		reads.Range(func(_, v any) bool { n += int(v.(*atomic.Int32).Load()); return true })
		return n
	}

	first, st, mem := index(fixture(), nil, nil)
	if read() != len(fixture()) || st.Kept != 0 {
		t.Fatalf("a first index read %d of %d texts and kept %d files", read(), len(fixture()), st.Kept)
	}
	same, st, mem2 := index(fixture(), first, mem)
	if read() != 0 || st.Kept != len(fixture()) || st.Remembered != len(fixture()) {
		t.Errorf("the same documents: %d texts read, %d result files kept, %d documents recalled; want 0, %d, %d",
			read(), st.Kept, st.Remembered, len(fixture()), len(fixture()))
	}
	// Everyday changes move the ids: a document whose id moved is read
	// for its result file, but its terms are recalled.
	changed, st, _ := index(changedFixture(), same, mem2)
	if read() == 0 || read() == len(changedFixture()) {
		t.Errorf("after everyday changes, %d of %d texts read", read(), len(changedFixture()))
	}
	for name, want := range map[string]map[string]string{"the same documents": writeIndex(t, fixture()), "changed documents": writeIndex(t, changedFixture())} {
		got := same
		if name == "changed documents" {
			got = changed
		}
		if len(got.files) != len(want) {
			t.Errorf("%s: %d files, a fresh index has %d", name, len(got.files), len(want))
		}
		for file, data := range want {
			if got.files[file].data != data {
				t.Errorf("%s: %s differs from a fresh index's:\n%s\nwant:\n%s", name, file, got.files[file].data, data)
			}
		}
	}
	// A memory without the files: every text is read again.
	if _, st, _ := index(fixture(), nil, mem); read() != len(fixture()) || st.Kept != 0 {
		t.Errorf("with no earlier files, %d of %d texts read and %d kept", read(), len(fixture()), st.Kept)
	}
}
