package corpus

import (
	"os"
	"path/filepath"
	"slices"
)

// BBCDoc is one article file of the BBC News corpus: its first line is the
// title, then a blank line and the body.
type BBCDoc struct {
	Category string // business, entertainment, politics, sport, tech
	Name     string // e.g. "001.txt"
	Data     []byte // the raw bytes (one file holds a Latin-1 byte)
}

// BBC reads the 2,225 BBC News articles, by category and file name.
func BBC(dir string) ([]BBCDoc, error) {
	var docs []BBCDoc
	for _, cat := range []string{"business", "entertainment", "politics", "sport", "tech"} {
		names, err := filepath.Glob(filepath.Join(dir, "bbc", cat, "*.txt"))
		if err != nil {
			return nil, err
		}
		slices.Sort(names)
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				return nil, err
			}
			docs = append(docs, BBCDoc{Category: cat, Name: filepath.Base(name), Data: data})
		}
	}
	return docs, nil
}
