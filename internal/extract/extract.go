package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/annals-archive/annals/internal/article"
	"github.com/annals-archive/annals/internal/clean"
	"github.com/annals-archive/annals/internal/diag"
	"github.com/annals-archive/annals/internal/entity"
)

var jucheMark = regexp.MustCompile(`[\[(]?Juche\s?\d{1,3}\.\d{1,2}\.\d{1,2}\.?[\])]?`)

// Article cleans raw.Body and establishes the article's title, date,
// source, slug and URL. Diagnostics name raw.Origin.File and raw.Line.
//
// Priorities:
//   - Title: the declared title (its first line); a title line cleaning
//     removed from the top; the lead sentence, cut at a clause boundary.
//   - Date: see dateFinders. No evidence leaves the article undated.
//   - Source: the declared source; the dateline's agency; the site name
//     from the URL.
//   - Slug: article.Slug(title), or "article-" and the start of the input's
//     SHA-256 when the title has no letter or digit.
//
// Markdown inputs are already clean: only their whitespace is normalised,
// and only declared metadata is used.
func Article(raw article.Raw) (article.Article, []diag.Diagnostic) {
	var ds []diag.Diagnostic
	warn := func(format string, args ...any) {
		ds = append(ds, diag.Diagnostic{Severity: diag.Warning, File: raw.Origin.File, Line: raw.Line, Message: fmt.Sprintf(format, args...)})
	}

	a := article.Article{
		Author:  strings.TrimSpace(raw.Author),
		Origins: []article.Origin{raw.Origin},
		Extra:   raw.Extra,
	}
	var f facts
	f.raw = raw
	if raw.Format == article.Markdown {
		a.Body = clean.Markdown(raw.Body)
	} else {
		f.clean = clean.TextWith(raw.Body, clean.Options{KnownName: entity.Builtin().IsPerson})
		a.Body = f.clean.Body
	}

	a.Title = cleanTitle(raw.Title)
	if a.Title != "" {
		a.Body = dropFirstIf(a.Body, a.Title)
	} else if f.clean.Title != "" {
		a.Title = f.clean.Title
	}
	paras := strings.Split(strings.TrimSpace(a.Body), "\n\n")
	if a.Title == "" && raw.Format == article.Markdown {
		a.Title = markdownTitle(paras)
	}
	if a.Title == "" && len(paras) > 0 {
		a.Title = leadTitle(clean.Unescape(paras[0]))
	}

	f.text = plain(paras)
	a.Date = findDate(&f, warn)

	a.Source = strings.TrimSpace(raw.Source)
	if a.Source == "" {
		a.Source = f.clean.Dateline.Agency
	}
	a.URL = strings.TrimSpace(raw.URL)
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			warn("URL %q is not an absolute http(s) URL; ignored", a.URL)
			a.URL = ""
		} else if a.Source == "" {
			a.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}

	a.Entities = mergeEntities(raw.Entities, entities(a.Body, f.clean.Dateline))
	a.Slug = article.Slug(a.Title)
	if a.Slug == "" {
		a.Slug = fallbackSlug(raw)
	}
	return a, ds
}

// date runs the date finders in priority order. Evidence that names an
// impossible date is reported and skipped.
func findDate(f *facts, warn func(string, ...any)) article.Date {
	for _, df := range dateFinders {
		if f.raw.Format == article.Markdown && df.name != "declared date" {
			break
		}
		d, ok, err := df.findDate(f)
		if err != nil {
			warn("%s: %v; not used as the article's date", df.name, err)
		}
		if ok {
			return d
		}
	}
	return article.Date{}
}

// dropFirstIf removes the body's first paragraph when it repeats the title.
func dropFirstIf(body, title string) string {
	first, rest, _ := strings.Cut(body, "\n\n")
	p := strings.TrimSpace(clean.Unescape(first))
	if strings.EqualFold(strings.TrimRight(p, " ."), strings.TrimRight(title, " .")) {
		return rest
	}
	return body
}

// markdownTitle returns the text of a leading "# " heading.
func markdownTitle(paras []string) string {
	if len(paras) == 0 || !strings.HasPrefix(paras[0], "# ") {
		return ""
	}
	line, _, _ := strings.Cut(paras[0], "\n")
	return strings.TrimSpace(strings.TrimPrefix(line, "# "))
}

// plain returns the paragraphs as plain text, one per line.
func plain(paras []string) string {
	n := 0
	for _, p := range paras {
		n += len(p) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range paras {
		b.WriteString(clean.Unescape(p))
		b.WriteByte('\n')
	}
	return b.String()
}

func fallbackSlug(raw article.Raw) string {
	sum := raw.Origin.SHA256
	if len(sum) < 12 {
		h := sha256.Sum256([]byte(raw.Origin.String() + "\x00" + raw.Body))
		sum = hex.EncodeToString(h[:])
	}
	return "article-" + strings.ToLower(sum[:12])
}
