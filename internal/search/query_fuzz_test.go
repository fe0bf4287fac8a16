package search

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/annals-archive/annals/internal/article"
)

// FuzzQuery runs arbitrary queries, with filters, orders and pages, through
// static/search/engine.js on the fixture's index (testdata/index) and
// checks the answer against the fixture: the query is answered without
// an exception and in time, the parsed words are the terms Tokens finds,
// every result is a document of the index that passes the filters, in the
// order asked for, and a query with no word and no filter finds nothing.
//
// The engine runs in one node process per fuzzing worker, which answers a
// query a line (testdata/query-driver.js).
func FuzzQuery(f *testing.F) {
	node := nodePath(f)
	for _, q := range []string{"herring ", "herr", "bridge merrin ", `"rail bridge"`, `"bridge over the selva"`, "trawelrs ", "zeppelin herring ",
		"arvenia ", "RoA ", "the of and", `"" , . ; -- !?`, `"unclosed phrase`, "Zürich 평양 « Le sommet »", "e.g. U.S. O'Brien’s",
		"a", "congratulat", "\u00a0\u200b\ufeff", strings.Repeat("railway ", 40), `"`, "kestrel-federation 2024"} {
		f.Add(q, "", "", uint8(0), uint8(0), uint8(0), uint8(20))
	}
	f.Add("bridge ", "2023-06-09", "2023-06-09", uint8(0), uint8(2), uint8(0), uint8(10))
	f.Add("", "", "", uint8(1<<4), uint8(2), uint8(1), uint8(2))
	f.Add("railway ", "", "", uint8(4), uint8(0), uint8(0), uint8(3))
	f.Add("arvenia ", "2024-13-01", "9999-12-31", uint8(2|3<<4), uint8(3), uint8(0), uint8(1))
	f.Add("herring", "", "2023-12-31", uint8(8), uint8(1), uint8(6), uint8(0))

	root := moduleRoot(f)
	fixtureDocs := fixture()
	slices.SortFunc(fixtureDocs, docOrder)
	var (
		once   sync.Once
		engine *queryEngine
	)
	f.Cleanup(func() {
		if engine != nil {
			engine.stop()
		}
	})
	f.Fuzz(func(t *testing.T, q, from, to string, filters, order, page, size uint8) {
		once.Do(func() { engine = startQueryEngine(node, root) })
		opts := queryOpts(q, from, to, filters, order, page, size)
		ans, err := engine.ask(opts)
		if err != nil {
			t.Fatalf("query %+v: %v", opts, err)
		}
		checkAnswer(t, fixtureDocs, opts, ans)
	})
}

// The filters a fuzzed byte picks: bits 0-3 pick entities, bits 4-6 a
// source (0 for none).
var (
	filterEntities = []struct{ kind, key string }{
		{"people", "ilse-dorn"}, {"places", "arvenia"}, {"places", "kestrel-federation"}, {"organizations", "grey-sea-fisheries-council"},
	}
	filterSources = []string{"grey-sea-wire", "northsea-observer", "toriva-morning-post", "vask-ledger"}
	orders        = []string{"", "relevance", "newest", "oldest"}
)

// searchOpts are the options of Engine.search.
type searchOpts struct {
	Q             string   `json:"q"`
	People        []string `json:"people,omitempty"`
	Places        []string `json:"places,omitempty"`
	Organizations []string `json:"organizations,omitempty"`
	Source        string   `json:"source,omitempty"`
	From          string   `json:"from,omitempty"`
	To            string   `json:"to,omitempty"`
	Sort          string   `json:"sort,omitempty"`
	Page          int      `json:"page"`
	Size          int      `json:"size,omitempty"`
}

func queryOpts(q, from, to string, filters, order, page, size uint8) searchOpts {
	o := searchOpts{Q: q, From: from, To: to, Sort: orders[order%4], Page: int(page % 8), Size: int(size % 25)}
	for i, e := range filterEntities {
		if filters&(1<<i) == 0 {
			continue
		}
		switch e.kind {
		case "people":
			o.People = append(o.People, e.key)
		case "places":
			o.Places = append(o.Places, e.key)
		default:
			o.Organizations = append(o.Organizations, e.key)
		}
	}
	if s := int(filters>>4) % (len(filterSources) + 1); s > 0 {
		o.Source = filterSources[s-1]
	}
	return o
}

// queryAnswer is what query-driver.js prints for a query.
type queryAnswer struct {
	Error string `json:"error"`
	Parse struct {
		Words []struct {
			Word, Term     string
			Prefix, Quoted bool
		}
		Phrases [][]string
	}
	Total   int
	Exact   bool
	Notes   []map[string]string
	Results []struct {
		ID   int
		Path string
	}
}

// checkAnswer checks the engine's answer to o against the fixture's
// documents, in index order.
func checkAnswer(t *testing.T, docs []Doc, o searchOpts, a *queryAnswer) {
	t.Helper()
	if a.Error != "" {
		t.Fatalf("query %+v raised %s", o, a.Error)
	}
	// The parsed words are the query's terms, the last one typed at most
	// being a prefix; phrases are quoted runs of more than one word.
	var want []string
	for part := range strings.SplitSeq(o.Q, `"`) {
		for _, tok := range Tokens(part) {
			if tok.Term != "" {
				want = append(want, tok.Term)
			}
		}
	}
	var got []string
	for i, w := range a.Parse.Words {
		got = append(got, w.Term)
		if w.Prefix && (i != len(a.Parse.Words)-1 || w.Quoted) {
			t.Fatalf("query %q: word %d of %d, %q, is a prefix", o.Q, i+1, len(a.Parse.Words), w.Word)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(slices.Compact(want), slices.Compact(got)) {
		t.Fatalf("query %q is parsed to terms %q, Tokens finds %q", o.Q, got, slices.Compact(want))
	}
	for _, p := range a.Parse.Phrases {
		if len(p) < 2 {
			t.Fatalf("query %q: phrase %q of fewer than two words", o.Q, p)
		}
	}

	filtered := len(o.People)+len(o.Places)+len(o.Organizations) > 0 || o.Source != "" || o.From != "" || o.To != ""
	if len(a.Parse.Words) == 0 && !filtered && (a.Total != 0 || len(a.Results) != 0 || len(a.Notes) != 0) {
		t.Fatalf("query %q of no word finds %d results, notes %v", o.Q, a.Total, a.Notes)
	}
	size := o.Size
	if size == 0 {
		size = 10
	}
	if len(a.Results) > size {
		t.Fatalf("query %+v: %d results on a page of %d", o, len(a.Results), size)
	}
	if len(a.Results) > 0 && a.Total < o.Page*size+len(a.Results) {
		t.Fatalf("query %+v: %d results on page %d, %d in all", o, len(a.Results), o.Page, a.Total)
	}

	// Every result is a document of the index, once, that passes the
	// filters, in the order asked for.
	from, fromErr := article.ParseDate(o.From)
	to, toErr := article.ParseDate(o.To)
	dates := (o.From == "" || fromErr == nil) && (o.To == "" || toErr == nil)
	seen := map[int]bool{}
	for i, r := range a.Results {
		if r.ID < 0 || r.ID >= len(docs) || seen[r.ID] {
			t.Fatalf("query %+v: result %d has id %d, of %d documents, or twice", o, i+1, r.ID, len(docs))
		}
		seen[r.ID] = true
		d := docs[r.ID]
		if r.Path != d.Path {
			t.Fatalf("query %+v: result %d, id %d, has path %q, not %q", o, i+1, r.ID, r.Path, d.Path)
		}
		for _, key := range slices.Concat(o.People, o.Places, o.Organizations) {
			if !slices.ContainsFunc(d.Entities, func(n *Name) bool { return n.Key == key }) {
				t.Fatalf("query %+v: result %s does not name %s", o, d.Path, key)
			}
		}
		if o.Source != "" && article.Slug(d.Source) != o.Source {
			t.Fatalf("query %+v: result %s is from %s", o, d.Path, d.Source)
		}
		if dates && (o.From != "" || o.To != "") {
			if d.Date.IsZero() || o.From != "" && d.Date.Compare(from) < 0 || o.To != "" && d.Date.Compare(to) > 0 {
				t.Fatalf("query %+v: result %s is dated %v", o, d.Path, d.Date)
			}
		}
		if i == 0 {
			continue
		}
		prev := a.Results[i-1].ID
		newest := o.Sort == "newest" || len(a.Parse.Words) == 0 && o.Sort != "oldest"
		if newest && r.ID > prev || o.Sort == "oldest" && r.ID < prev {
			t.Fatalf("query %+v: results %d and %d, ids %d and %d, are out of order", o, i, i+1, prev, r.ID)
		}
	}
}

// queryAnswerTime bounds the time one query may take: the fixture's
// answers take milliseconds, so only a query that does not end takes
// this long.
const queryAnswerTime = 20 * time.Second

// queryEngine is a node process running testdata/query-driver.js.
type queryEngine struct {
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	answers chan []byte
	stderr  strings.Builder

	mu  sync.Mutex
	err error // set once the process is unusable
}

// startQueryEngine starts the driver in the module root. An error in
// starting it is the error of every query.
func startQueryEngine(node, root string) *queryEngine {
	e := &queryEngine{answers: make(chan []byte)}
	e.cmd = exec.Command(node, filepath.Join("internal", "search", "testdata", "query-driver.js"))
	e.cmd.Dir = root
	e.cmd.Stderr = &e.stderr
	stdout, err := e.cmd.StdoutPipe()
	if err == nil {
		e.stdin, err = e.cmd.StdinPipe()
	}
	if err == nil {
		err = e.cmd.Start()
	}
	if err != nil {
		e.fail(fmt.Errorf("starting node: %v", err))
		return e
	}
	go func() {
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				close(e.answers)
				waitErr := e.cmd.Wait()
				e.fail(fmt.Errorf("node ended (%v, %v):\n%s", err, waitErr, e.stderr.String()))
				return
			}
			e.answers <- line
		}
	}()
	return e
}

// fail records the first reason the process is unusable and stops it.
func (e *queryEngine) fail(err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.err == nil {
		e.err = err
	}
	if e.cmd.Process != nil {
		_ = e.cmd.Process.Kill()
	}
}

func (e *queryEngine) failed() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.err
}

// stop ends the process: it exits once its input is closed.
func (e *queryEngine) stop() {
	if e.stdin != nil {
		_ = e.stdin.Close()
	}
}

// ask sends one query and waits for its answer.
func (e *queryEngine) ask(o searchOpts) (*queryAnswer, error) {
	if err := e.failed(); err != nil {
		return nil, err
	}
	line, err := json.Marshal(o)
	if err != nil {
		return nil, err
	}
	if _, err := e.stdin.Write(append(line, '\n')); err != nil {
		return nil, fmt.Errorf("writing to node: %v", err)
	}
	timer := time.NewTimer(queryAnswerTime)
	defer timer.Stop()
	select {
	case out, ok := <-e.answers:
		if !ok {
			// The reader records why before it closes the channel
			// only after; wait for it.
			for e.failed() == nil {
				time.Sleep(time.Millisecond)
			}
			return nil, e.failed()
		}
		var a queryAnswer
		if err := json.Unmarshal(out, &a); err != nil {
			return nil, fmt.Errorf("node answered %q: %v", out, err)
		}
		return &a, nil
	case <-timer.C:
		e.fail(fmt.Errorf("a query got no answer in %v", queryAnswerTime))
		return nil, fmt.Errorf("no answer in %v: the engine does not end", queryAnswerTime)
	}
}
