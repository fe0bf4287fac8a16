package graph

import (
	"encoding/binary"
	"errors"
	"math"
)

// What a graph learns from the docs' texts is all that costs reading
// them: the same-story links, each doc's top terms with the posting lists
// they make, and the related lists ranked from those. AppendBinary keeps
// it, and Restore makes the same graph again from the same docs and those
// bytes without reading a text; the rest of a graph comes from the docs'
// dates and entities, which are at hand. The bytes are this version's
// own: they are for the state a caller keeps between runs of one program,
// and Restore refuses what they cannot describe rather than trust it.

// learnedHeader starts the bytes of AppendBinary.
const learnedHeader = "annals graph learned 1\n"

// AppendBinary appends what g learned from the texts of its docs.
func (g *Graph) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, learnedHeader...)
	b = binary.LittleEndian.AppendUint32(b, uint32(g.n))
	for _, c := range []csr{g.same, g.rel, g.text.docTerms, g.text.post} {
		b = appendInt32s(b, c.off)
		b = appendInt32s(b, c.val)
	}
	b = appendFloat32s(b, g.text.docW)
	b = appendFloat32s(b, g.text.postW)
	return b, nil
}

// errLearned reports bytes that AppendBinary did not write for these docs.
var errLearned = errors.New("graph: not what a graph of these docs learned")

// Restore returns the graph of docs whose texts gave what data holds
// (AppendBinary): the graph New or Read would return for the same docs
// and texts. It fails when data was not written for as many docs, or is
// not whole.
func Restore(docs []Doc, data []byte) (*Graph, error) {
	d := decoder{b: data}
	if string(d.take(len(learnedHeader))) != learnedHeader || d.uint32() != uint32(len(docs)) {
		return nil, errLearned
	}
	n := len(docs)
	var same, rel, docTerms, post csr
	for _, c := range []*csr{&same, &rel, &docTerms, &post} {
		c.off = d.int32s()
		c.val = d.int32s()
	}
	docW, postW := d.float32s(), d.float32s()
	terms := len(post.off) - 1
	if d.err != nil || len(d.b) != 0 ||
		!same.valid(n, n) || !rel.valid(n, n) || !docTerms.valid(n, terms) || !post.valid(terms, n) ||
		len(docW) != len(docTerms.val) || len(postW) != len(post.val) {
		return nil, errLearned
	}

	g := indexed(docs, nil)
	g.same, g.rel = same, rel
	g.text = textIndex{docTerms: docTerms, docW: docW, post: post, postW: postW}
	r := g.prepareRelated()
	g.relGraph = &r
	return g, nil
}

// valid reports whether c has rows rows of values in [0, limit).
func (c csr) valid(rows, limit int) bool {
	if len(c.off) != rows+1 || c.off[0] != 0 || int(c.off[rows]) != len(c.val) {
		return false
	}
	for i := range rows {
		if c.off[i] > c.off[i+1] {
			return false
		}
	}
	for _, v := range c.val {
		if v < 0 || int(v) >= limit {
			return false
		}
	}
	return true
}

func appendInt32s(b []byte, v []int32) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(v)))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, uint32(x))
	}
	return b
}

func appendFloat32s(b []byte, v []float32) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(v)))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	return b
}

// decoder reads what the append functions wrote; after its first failure
// it reads nothing and err says why.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) take(n int) []byte {
	if d.err != nil || n < 0 || n > len(d.b) {
		d.err = errLearned
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) uint32() uint32 {
	if b := d.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// count reads a length of items of four bytes, no more than are left.
func (d *decoder) count() int {
	n := int(d.uint32())
	if d.err == nil && n > len(d.b)/4 {
		d.err = errLearned
		return 0
	}
	return n
}

func (d *decoder) int32s() []int32 {
	b := d.take(4 * d.count())
	out := make([]int32, len(b)/4)
	for k := range out {
		out[k] = int32(binary.LittleEndian.Uint32(b[4*k:]))
	}
	return out
}

func (d *decoder) float32s() []float32 {
	b := d.take(4 * d.count())
	out := make([]float32, len(b)/4)
	for k := range out {
		out[k] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:]))
	}
	return out
}
