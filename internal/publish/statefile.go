package publish

import (
	"bufio"
	"crypto/sha256"
	"io"

	"github.com/spf13/afero"
)

// WriteSummed writes a state file, such as a manifest, that a reader
// trusts only whole: body writes its contents, as it encodes them, to a
// buffered writer that also hashes them; end gives the bytes that close
// the file from the SHA-256 of those contents. The file is written beside
// name and renamed into place only when everything was written, so a
// build cut short leaves the previous file or none.
func WriteSummed(fsys afero.Fs, name string, body func(io.Writer) error, end func(sum []byte) []byte) error {
	tmp := name + ".tmp"
	f, err := fsys.Create(tmp)
	if err != nil {
		return err
	}
	h := sha256.New()
	w := bufio.NewWriterSize(io.MultiWriter(f, h), 1<<16)
	err = body(w)
	if err == nil {
		err = w.Flush()
	}
	if err == nil {
		_, err = f.Write(end(h.Sum(nil)))
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
