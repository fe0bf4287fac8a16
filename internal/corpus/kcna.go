package corpus

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// KCNAFile is the KCNA corpus file, relative to the corpora folder.
const KCNAFile = "kcna/headlines_2024-11-11.json"

// KCNARecord is one record of the KCNA corpus.
type KCNARecord struct {
	Topic     string `json:"topic"`
	Headline  string `json:"headline"`
	Link      string `json:"link"`
	Date      int64  `json:"date"` // Unix milliseconds
	DateStr   string `json:"date_str"`
	StoryText string `json:"story_text"`
}

// KCNA reads every record of the KCNA corpus, in file order.
func KCNA(dir string) ([]KCNARecord, error) {
	data, err := os.ReadFile(filepath.Join(dir, KCNAFile))
	if err != nil {
		return nil, err
	}
	var recs []KCNARecord
	return recs, json.Unmarshal(data, &recs)
}
