package build

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"io"
	"path"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/fingerprint"
)

// A state file keeps what one build learned for the next, in the output's
// state folder (publish.StateDir): a header naming its kind and version,
// the fingerprint of the program that wrote it, the body, and the SHA-256
// of all that. A build trusts only a file that this very program wrote
// whole; any other is ignored, and the build does the work again.

// readState returns the body of the state file name written with header
// by this program, or nil when it is missing, of another kind, version or
// program, cut short or corrupt.
func readState(fsys afero.Fs, name, header string) []byte {
	data, err := afero.ReadFile(fsys, name)
	if err != nil {
		return nil
	}
	program := fingerprint.Program()
	head := len(header) + len(program)
	if len(data) < head+sha256.Size || string(data[:len(header)]) != header ||
		!bytes.Equal(data[len(header):head], program[:]) {
		return nil
	}
	body, sum := data[:len(data)-sha256.Size], data[len(data)-sha256.Size:]
	if want := sha256.Sum256(body); !bytes.Equal(sum, want[:]) {
		return nil
	}
	return body[head:]
}

// writeState writes the state file name with header and the body that
// body writes, through a temporary file renamed into place, so that a
// build cut short leaves the previous file or none. The body goes to the
// file as it is written, never whole in memory.
func writeState(fsys afero.Fs, name, header string, body func(io.Writer) error) error {
	program := fingerprint.Program()
	if err := fsys.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".tmp"
	f, err := fsys.Create(tmp)
	if err != nil {
		return err
	}
	h := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<16)
	w.WriteString(header)
	w.Write(program[:])
	err = body(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = f.Write(h.Sum(nil))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		fsys.Remove(tmp)
		return err
	}
	return fsys.Rename(tmp, name)
}
