package search

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// A Memory is what indexing each document gave: its terms with their
// impacts, and the names its result file lists besides its text. Both
// depend on the document alone (impacts are weighed against a fixed
// reference length, not the archive's), so an index that remembers them
// reads again only the documents that changed. Documents are known by the
// fingerprint of their whole Doc.
//
// A Memory is read-only once made, and safe for concurrent use.
type Memory struct {
	terms    []string          // by id
	keys     []fingerprint.Sum // by document
	postings []docPostings     // by document
	names    []string          // by document: otherNames of its result file

	at map[fingerprint.Sum]int // key → document
}

// memoryMagic starts a Memory's binary form; a change of the form changes
// it, so that an old form is never misread.
const memoryMagic = "annals search memory 1\n"

// Len returns the number of documents m remembers.
func (m *Memory) Len() int {
	if m == nil {
		return 0
	}
	return len(m.keys)
}

// recall returns the postings and other names of the document with key,
// its term ids given by remap, or false when m does not have it.
func (m *Memory) recall(key fingerprint.Sum, remap []int32) (docPostings, string, bool) {
	if m == nil {
		return nil, "", false
	}
	i, ok := m.at[key]
	if !ok {
		return nil, "", false
	}
	ps := make(docPostings, len(m.postings[i]))
	for k, p := range m.postings[i] {
		ps[k] = uint32(remap[p>>6])<<6 | p&63
	}
	return ps, m.names[i], true
}

// index makes the lookup from key to document.
func (m *Memory) index() {
	m.at = make(map[fingerprint.Sum]int, len(m.keys))
	for i, k := range m.keys {
		m.at[k] = i
	}
}

// MarshalBinary encodes m. Terms are numbered afresh in the order the
// documents first use them, so that the frequent ones take one or two
// bytes, and terms no document uses are left out.
func (m *Memory) MarshalBinary() ([]byte, error) {
	var b bytes.Buffer
	_, err := m.WriteTo(&b)
	return b.Bytes(), err
}

// WriteTo writes what MarshalBinary gives to w, a part at a time, so that
// the encoding of a large memory is never whole in memory.
func (m *Memory) WriteTo(w io.Writer) (int64, error) {
	ids := make([]int32, len(m.terms))
	for i := range ids {
		ids[i] = -1
	}
	var order []int32 // new id → old
	for _, ps := range m.postings {
		for _, p := range ps {
			if t := p >> 6; ids[t] < 0 {
				ids[t] = int32(len(order))
				order = append(order, int32(t))
			}
		}
	}
	const part = 1 << 16
	var n int64
	b := append(make([]byte, 0, 2*part), memoryMagic...)
	flush := func(atLeast int) error {
		if len(b) < atLeast {
			return nil
		}
		k, err := w.Write(b)
		n += int64(k)
		b = b[:0]
		return err
	}
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, t := range order {
		b = binary.AppendUvarint(b, uint64(len(m.terms[t])))
		b = append(b, m.terms[t]...)
		if err := flush(part); err != nil {
			return n, err
		}
	}
	b = binary.AppendUvarint(b, uint64(len(m.keys)))
	for i, key := range m.keys {
		b = append(b, key[:]...)
		b = binary.AppendUvarint(b, uint64(len(m.names[i])))
		b = append(b, m.names[i]...)
		b = binary.AppendUvarint(b, uint64(len(m.postings[i])))
		for _, p := range m.postings[i] {
			b = binary.AppendUvarint(b, uint64(ids[p>>6]))
			b = append(b, byte(p&63))
		}
		if err := flush(part); err != nil {
			return n, err
		}
	}
	return n, flush(0)
}

// UnmarshalBinary decodes what MarshalBinary gave into m. It checks every
// length and term id, so that a damaged memory is an error, never a wrong
// index.
func (m *Memory) UnmarshalBinary(data []byte) error {
	r := memoryReader{data: data}
	if len(data) < len(memoryMagic) || string(data[:len(memoryMagic)]) != memoryMagic {
		return errors.New("search memory: not a memory of this version")
	}
	r.data = data[len(memoryMagic):]
	nTerms := r.count(1)
	terms := make([]string, 0, nTerms)
	for range nTerms {
		terms = append(terms, string(r.bytes(r.count(1))))
	}
	nDocs := r.count(len(fingerprint.Sum{}) + 2)
	out := Memory{terms: terms, keys: make([]fingerprint.Sum, nDocs), postings: make([]docPostings, nDocs), names: make([]string, nDocs)}
	for i := range nDocs {
		copy(out.keys[i][:], r.bytes(len(fingerprint.Sum{})))
		out.names[i] = string(r.bytes(r.count(1)))
		ps := make(docPostings, r.count(2))
		for k := range ps {
			t := r.count(0)
			imp := r.bytes(1)
			if r.err == nil && (t >= len(terms) || imp[0] == 0 || imp[0] > 63) {
				r.err = fmt.Errorf("search memory: a posting of term %d, impact %d, of %d terms", t, imp[0], len(terms))
			}
			if r.err != nil {
				return r.err
			}
			ps[k] = uint32(t)<<6 | uint32(imp[0])
		}
		out.postings[i] = ps
	}
	if r.err == nil && len(r.data) != 0 {
		r.err = fmt.Errorf("search memory: %d bytes after the last document", len(r.data))
	}
	if r.err != nil {
		return r.err
	}
	out.index()
	*m = out
	return nil
}

// memoryReader reads a Memory's binary form; after the first error it
// reads zeros and empty slices, and err tells why.
type memoryReader struct {
	data []byte
	err  error
}

// count reads a number of things, each at least size bytes long in what
// is left, so that a damaged count cannot ask for more memory than the
// data could fill.
func (r *memoryReader) count(size int) int {
	if r.err != nil {
		return 0
	}
	n, k := binary.Uvarint(r.data)
	if k <= 0 || (size > 0 && n > uint64(len(r.data)-k)/uint64(size)) || n > 1<<31 {
		r.err = errors.New("search memory: cut short or damaged")
		return 0
	}
	r.data = r.data[k:]
	return int(n)
}

func (r *memoryReader) bytes(n int) []byte {
	if r.err != nil || n > len(r.data) {
		if r.err == nil {
			r.err = errors.New("search memory: cut short")
		}
		return make([]byte, n)
	}
	b := r.data[:n:n]
	r.data = r.data[n:]
	return b
}
