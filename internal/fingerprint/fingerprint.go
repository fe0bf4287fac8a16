// Package fingerprint hashes Go values by their content, so that a build
// can tell that what a file is made from has not changed since the file
// was last made, and skip making it again.
//
// Of encodes its values by walking them with reflection: every field of
// every struct, exported or not, the elements of slices and arrays, the
// values behind pointers and interfaces, and maps in the order of their
// encoded keys. A field added to a type later is therefore covered without
// anyone remembering to add it. The encoding is unambiguous (lengths
// before contents, markers for nil) and includes each top-level value's
// type, and the sum is the first 16 bytes of its SHA-256. Values must not
// hold cycles, functions or channels: Of panics on the last two, as they
// have no content to compare, but for a nil function, which stands for
// none as a nil pointer does.
//
// A Memo encodes values that many others share once, and their sums in
// the others' place.
//
// The encoding is stable within one program; a build that compares sums
// across runs must also compare the program that made them (Program).
// Of is safe for concurrent use.
package fingerprint

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sync"
	"time"
)

// A Sum is the fingerprint of some values. The zero Sum stands for none.
type Sum [16]byte

// String returns the sum in hexadecimal.
func (s Sum) String() string { return hex.EncodeToString(s[:]) }

// IsZero reports whether s is the zero Sum.
func (s Sum) IsZero() bool { return s == Sum{} }

var buffers = sync.Pool{New: func() any { return new([]byte) }}

// Of returns the fingerprint of values, in order.
func Of(values ...any) Sum { return (*Memo)(nil).Of(values...) }

// A Memo remembers the fingerprints of the values behind pointers of
// chosen types, so that a value that many others point to (an article's
// summary, listed on many pages) is encoded once and then stands in the
// others' encodings by its sum. The values behind those pointers must not
// change while the Memo is in use. Sums taken through a Memo differ from
// those Of gives; they equal those of any Memo of the same types. A Memo
// is safe for concurrent use; the nil *Memo remembers nothing.
type Memo struct {
	types map[reflect.Type]bool
	mu    sync.RWMutex
	sums  map[any]Sum // the pointer, which the map keeps alive → Sum
}

// NewMemo returns a Memo of the values behind pointers of the types of
// pointers, each a typed nil pointer such as (*T)(nil).
func NewMemo(pointers ...any) *Memo {
	m := &Memo{types: map[reflect.Type]bool{}, sums: map[any]Sum{}}
	for _, p := range pointers {
		t := reflect.TypeOf(p)
		if t == nil || t.Kind() != reflect.Pointer {
			panic(fmt.Sprintf("fingerprint: NewMemo of %T, not a pointer", p))
		}
		m.types[t] = true
	}
	return m
}

// Of returns the fingerprint of values, in order, as m encodes them.
func (m *Memo) Of(values ...any) Sum {
	bp := buffers.Get().(*[]byte)
	b := (*bp)[:0]
	for _, v := range values {
		if v == nil {
			b = append(b, 0)
			continue
		}
		rv := reflect.ValueOf(v)
		b = append(b, 1)
		b = appendString(b, rv.Type().String())
		b = m.appendValue(b, rv)
	}
	full := sha256.Sum256(b)
	*bp = b
	if cap(b) <= 1<<20 {
		buffers.Put(bp)
	}
	return Sum(full[:16])
}

// remembered returns the sum of what pointer v points to, computing it
// once. v must be able to give its Interface: a pointer read from an
// unexported field is walked instead.
func (m *Memo) remembered(v reflect.Value) Sum {
	key := v.Interface()
	m.mu.RLock()
	sum, ok := m.sums[key]
	m.mu.RUnlock()
	if ok {
		return sum
	}
	sum = m.Of(v.Elem().Interface())
	m.mu.Lock()
	m.sums[key] = sum
	m.mu.Unlock()
	return sum
}

var timeType = reflect.TypeFor[time.Time]()

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func (m *Memo) appendValue(b []byte, v reflect.Value) []byte {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1)
		}
		return append(b, 0)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return binary.AppendUvarint(b, v.Uint())
	case reflect.Float32, reflect.Float64:
		return binary.AppendUvarint(b, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		c := v.Complex()
		b = binary.AppendUvarint(b, math.Float64bits(real(c)))
		return binary.AppendUvarint(b, math.Float64bits(imag(c)))
	case reflect.String:
		return appendString(b, v.String())
	case reflect.Slice:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b = binary.AppendUvarint(b, uint64(v.Len()))
			return append(b, v.Bytes()...)
		}
		fallthrough
	case reflect.Array:
		n := v.Len()
		b = binary.AppendUvarint(b, uint64(n))
		for i := range n {
			b = m.appendValue(b, v.Index(i))
		}
		return b
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0)
		}
		if m != nil && m.types[v.Type()] && v.CanInterface() {
			sum := m.remembered(v)
			return append(append(b, 2), sum[:]...)
		}
		return m.appendValue(append(b, 1), v.Elem())
	case reflect.Func:
		if v.IsNil() {
			return append(b, 0)
		}
	case reflect.Interface:
		if v.IsNil() {
			return append(b, 0)
		}
		e := v.Elem()
		b = appendString(append(b, 1), e.Type().String())
		return m.appendValue(b, e)
	case reflect.Struct:
		// A time read from an unexported field cannot be read as one;
		// its own fields are walked instead: equal instants may then
		// differ by their monotonic readings.
		if v.Type() == timeType && v.CanInterface() {
			t := v.Interface().(time.Time)
			b = binary.AppendVarint(b, t.Unix())
			b = binary.AppendVarint(b, int64(t.Nanosecond()))
			return appendString(b, t.Location().String())
		}
		for i := range v.NumField() {
			b = m.appendValue(b, v.Field(i))
		}
		return b
	case reflect.Map:
		return m.appendMap(b, v)
	}
	panic(fmt.Sprintf("fingerprint: a %s has no content to fingerprint", v.Type()))
}

// appendMap encodes a map's entries ordered by their encoded keys.
func (m *Memo) appendMap(b []byte, v reflect.Value) []byte {
	if v.IsNil() {
		return append(b, 0)
	}
	type kv struct{ k, v []byte }
	entries := make([]kv, 0, v.Len())
	for it := v.MapRange(); it.Next(); {
		entries = append(entries, kv{m.appendValue(nil, it.Key()), m.appendValue(nil, it.Value())})
	}
	slices.SortFunc(entries, func(x, y kv) int { return cmp.Or(bytes.Compare(x.k, y.k), bytes.Compare(x.v, y.v)) })
	b = binary.AppendUvarint(append(b, 1), uint64(len(entries)))
	for _, e := range entries {
		b = append(append(b, e.k...), e.v...)
	}
	return b
}
