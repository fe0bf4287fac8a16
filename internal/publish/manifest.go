package publish

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// A manifest lists the files of an output tree: name → size, SHA-256 and,
// when the build gave one, the fingerprint of what the file was made from.
type manifest map[string]entry

type entry struct {
	size int64
	sum  [sha256.Size]byte
	from fingerprint.Sum // zero when unknown
}

// manifestHeader starts every manifest file; a file of another version is
// not read.
const manifestHeader = "annals manifest 2\n"

// writeManifest writes m sorted by name, one "sum size from name" line per
// file (from is "-" when unknown),
// and a last line "end COUNT SUM" over everything before it, so a file cut
// short or edited is refused when read. It is written as it is encoded
// (WriteSummed).
func writeManifest(fsys afero.Fs, name string, m manifest) error {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return WriteSummed(fsys, name, func(w io.Writer) error {
		if _, err := io.WriteString(w, manifestHeader); err != nil {
			return err
		}
		var line []byte
		for _, n := range names {
			e := m[n]
			line = hex.AppendEncode(line[:0], e.sum[:])
			line = append(line, ' ')
			line = strconv.AppendInt(line, e.size, 10)
			line = append(line, ' ')
			if e.from.IsZero() {
				line = append(line, '-')
			} else {
				line = hex.AppendEncode(line, e.from[:])
			}
			line = append(line, ' ')
			line = append(line, n...)
			line = append(line, '\n')
			if _, err := w.Write(line); err != nil {
				return err
			}
		}
		return nil
	}, func(sum []byte) []byte {
		return fmt.Appendf(nil, "end %d %x\n", len(names), sum)
	})
}

// errManifest reports a manifest that is missing, cut short or corrupt.
var errManifest = errors.New("no valid manifest")

// readManifest reads a manifest written by writeManifest, but for the
// entries that except holds alike, which it leaves out.
func readManifest(fsys afero.Fs, name string, except manifest) (manifest, error) {
	data, err := afero.ReadFile(fsys, name)
	if err != nil || !bytes.HasPrefix(data, []byte(manifestHeader)) {
		return nil, errManifest
	}
	end := bytes.LastIndex(data[:len(data)-1], []byte("\nend "))
	if end < 0 || data[len(data)-1] != '\n' {
		return nil, errManifest
	}
	body, trailer := data[:end+1], strings.Fields(string(data[end+1:]))
	if len(trailer) != 3 || trailer[2] != fmt.Sprintf("%x", sha256.Sum256(body)) {
		return nil, errManifest
	}
	count, err := strconv.Atoi(trailer[1])
	if err != nil {
		return nil, errManifest
	}
	m := make(manifest, count-min(count, len(except)))
	lines := 0
	sc := bufio.NewScanner(bytes.NewReader(body[len(manifestHeader):]))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		// Only the name is kept as a string: a key that pointed into the
		// whole line would keep its hex alive too.
		sumHex, rest, ok1 := bytes.Cut(sc.Bytes(), []byte(" "))
		size, rest, ok2 := bytes.Cut(rest, []byte(" "))
		from, n, ok3 := bytes.Cut(rest, []byte(" "))
		var e entry
		if len(sumHex) != hex.EncodedLen(len(e.sum)) || string(from) != "-" && len(from) != hex.EncodedLen(len(e.from)) {
			return nil, errManifest
		}
		k, err1 := hex.Decode(e.sum[:], sumHex)
		s, err2 := strconv.ParseInt(string(size), 10, 64)
		name := string(n)
		if !ok1 || !ok2 || !ok3 || err1 != nil || k != sha256.Size || err2 != nil || CheckName(name) != nil {
			return nil, errManifest
		}
		if string(from) != "-" {
			if k, err := hex.Decode(e.from[:], from); err != nil || k != len(e.from) || e.from.IsZero() {
				return nil, errManifest
			}
		}
		e.size = s
		lines++
		if old, ok := except[name]; !ok || old != e {
			m[name] = e
		}
	}
	if sc.Err() != nil || lines != count || except == nil && len(m) != count {
		return nil, errManifest
	}
	return m, nil
}
