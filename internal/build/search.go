package build

import (
	"context"
	"io"
	"path"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/fingerprint"
	"github.com/annals-archive/annals/internal/publish"
	"github.com/annals-archive/annals/internal/render"
	"github.com/annals-archive/annals/internal/search"
)

// searchFolder holds the search page and its index.
const searchFolder = "search/"

// searchMemory is the state file of what the last index read of each
// article (search.Memory), so that the next reads only those that changed.
const (
	searchMemoryFile   = "search.memory"
	searchMemoryHeader = "annals search memory\n" // the Memory's form has its own version
)

// search renders the search page and writes the index it reads.
func (s *siteBuild) search(ctx context.Context) error {
	name := path.Join(s.state, searchMemoryFile)
	var old *search.Memory
	if data := readState(s.fsys, name, searchMemoryHeader); data != nil {
		var m search.Memory
		if m.UnmarshalBinary(data) == nil {
			old = &m
		}
	}
	docs := s.searchDocs()
	// The articles have been rendered, and the index reads each text
	// from its file when it reads the article; the lists and feeds need
	// only the summaries, so the rest of each article goes.
	for _, p := range s.pages {
		p.article = article.Article{}
	}
	st, next, err := search.WriteRemembering(ctx, docs, searchFiles{s.w}, old)
	if err != nil {
		return err
	}
	// Kept now, whatever happens to this build: what an article's text
	// gives the index stays true.
	if st.Remembered != st.Docs || old.Len() != st.Docs {
		err := writeState(s.fsys, name, searchMemoryHeader, func(w io.Writer) error {
			_, err := next.WriteTo(w)
			return err
		})
		if err != nil {
			return err
		}
	}
	return s.page(&render.Page{Kind: render.KindSearch, Title: "Search", Path: searchFolder}, article.Date{})
}

// searchDocs are the articles as the search index reads them: text, and
// the names of their entities with every form they go by. The articles
// that name an entity by no form of their own share its Name.
func (s *siteBuild) searchDocs() []search.Doc {
	docs := make([]search.Doc, len(s.pages))
	shared := map[*entityLink]*search.Name{}
	for i, p := range s.pages {
		a := &p.article
		// The text is the body's plain text: the body's sum stands for it.
		d := search.Doc{Path: p.path, Title: a.Title, Date: a.Date, Source: a.Source, TextKey: p.body.sum,
			Read: func() (string, error) { return p.readText(s.fsys) }}
		for j, e := range a.Entities {
			l := s.pageLinks[i][j]
			if l == nil {
				continue
			}
			if n := shared[l]; n != nil && len(e.Mentions) == 0 {
				d.Entities = append(d.Entities, n)
				continue
			}
			folder, key, _ := strings.Cut(strings.TrimSuffix(l.path, "/"), "/")
			n := &search.Name{Kind: folder, Key: key, Name: e.Name, Aliases: forms(e, l.others)[1:]}
			if len(e.Mentions) == 0 {
				shared[l] = n
			}
			d.Entities = append(d.Entities, n)
		}
		docs[i] = d
	}
	return docs
}

// searchFiles puts the index's files in the search folder of the site.
type searchFiles struct{ w *publish.Writer }

func (f searchFiles) Write(name string, data []byte) error {
	return f.w.Write(searchFolder+name, data)
}

func (f searchFiles) WriteFrom(name string, data []byte, from fingerprint.Sum) error {
	return f.w.WriteFrom(searchFolder+name, data, from)
}

func (f searchFiles) Keep(name string, from fingerprint.Sum) (bool, error) {
	return f.w.Keep(searchFolder+name, from)
}
