package build

import (
	"bytes"
	"crypto/sha256"
	"io"
	"path"

	"github.com/spf13/afero"

	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/publish"
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
// body writes, as it is written (publish.WriteSummed), so that a build
// cut short leaves the previous file or none.
func writeState(fsys afero.Fs, name, header string, body func(io.Writer) error) error {
	if err := fsys.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	program := fingerprint.Program()
	return publish.WriteSummed(fsys, name, func(w io.Writer) error {
		if _, err := io.WriteString(w, header); err != nil {
			return err
		}
		if _, err := w.Write(program[:]); err != nil {
			return err
		}
		return body(w)
	}, func(sum []byte) []byte { return sum })
}
