package cli

import (
	"encoding/json"
	"flag"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/config"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/importer"
)

var extractCmd = &Command{
	Name:    "extract",
	Args:    "PATH...",
	Summary: "Print what import would extract, as JSON Lines, writing nothing.",
	Help: `One JSON object per article on standard output:
{"origin", "title", "date" (YYYY-MM-DD or null), "source", "url",
"body" (cleaned Markdown), "entities"}.`,
	Flags: func(fs *flag.FlagSet) func(*Env, []string) int {
		site := fs.String("site", ".", "the archive whose annals.toml sets the JSON field names")
		return func(env *Env, args []string) int {
			if len(args) == 0 {
				return usageError(env, "extract", "name at least one file or folder")
			}
			cfg, err := config.Load(env.Fs, *site)
			if err != nil {
				return failure(env, "extract", err)
			}
			var diags diag.List
			items, err := importer.Extract(env.Ctx, env.Fs, args, cfg.Import.Fields, &diags)
			report(env.Stdio.Err, &diags)
			if err != nil {
				return failure(env, "extract", err)
			}
			enc := json.NewEncoder(env.Stdio.Out)
			enc.SetEscapeHTML(false)
			for _, it := range items {
				if err := enc.Encode(extracted(it)); err != nil {
					return failure(env, "extract", err)
				}
			}
			if diags.HasErrors() {
				return ExitFailure
			}
			return ExitOK
		}
	},
}

// extractRecord is the JSON shape of one extracted article.
type extractRecord struct {
	Origin   string           `json:"origin"`
	Title    string           `json:"title"`
	Date     *string          `json:"date"`
	Source   *string          `json:"source"`
	URL      *string          `json:"url"`
	Body     string           `json:"body"`
	Entities []article.Entity `json:"entities"`
}

func extracted(it importer.Item) extractRecord {
	a := it.Article
	rec := extractRecord{
		Origin:   it.Raw.Origin.String(),
		Title:    a.Title,
		Date:     orNull(a.Date.String()),
		Source:   orNull(a.Source),
		URL:      orNull(a.URL),
		Body:     strings.TrimSpace(a.Body),
		Entities: a.Entities,
	}
	if rec.Entities == nil {
		rec.Entities = []article.Entity{}
	}
	return rec
}

func orNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
