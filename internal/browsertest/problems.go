package browsertest

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
)

// Kind says what went wrong on a page.
type Kind string

// The kinds of problems a Tab records.
const (
	ConsoleError Kind = "console error"      // console.error or console.assert
	Exception    Kind = "uncaught exception" // Runtime.exceptionThrown
	BrowserLog   Kind = "browser log error"  // Log.entryAdded of level error
	LoadFailed   Kind = "failed request"     // Network.loadingFailed
	HTTPError    Kind = "HTTP error"         // a response with status >= 400
	CSPViolation Kind = "CSP violation"      // a securitypolicyviolation event
	Dialog       Kind = "dialog"             // alert, confirm, prompt or beforeunload
	Tripwire     Kind = "tripwire"           // a call of a function set by Tab.Tripwire
)

// Problem is one error seen on a page.
type Problem struct {
	Kind Kind
	// URL is the resource that failed, or the script that logged or threw;
	// it can be empty for a message written by inline code.
	URL string
	// Page is the address of the page that was open when it happened.
	Page string
	// Text is the message, the network error or the HTTP status.
	Text string
}

func (p Problem) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", p.Kind, p.Text)
	if p.URL != "" {
		fmt.Fprintf(&b, " (%s)", p.URL)
	}
	if p.Page != "" && p.Page != p.URL {
		fmt.Fprintf(&b, " on page %s", p.Page)
	}
	return b.String()
}

// recorder collects problems from the events of one tab. Its listen method
// runs in chromedp's event loop for the tab, before the loop reads the next
// message, so every event that came before the reply to a command has been
// recorded by the time the command returns.
type recorder struct {
	mu       sync.Mutex
	page     string                       // URL of the top frame
	requests map[network.RequestID]string // request URLs, for loadingFailed
	problems []Problem
	warnings []Problem // console.warn: kept for the log, never a failure
}

func newRecorder() *recorder {
	return &recorder{requests: make(map[network.RequestID]string)}
}

func (r *recorder) add(kind Kind, url, text string) {
	r.problems = append(r.problems, Problem{Kind: kind, URL: url, Page: r.page, Text: text})
}

func (r *recorder) listen(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *page.EventFrameNavigated:
		if ev.Frame != nil && ev.Frame.ParentID == "" {
			r.page = ev.Frame.URL
		}
	case *runtime.EventConsoleAPICalled:
		switch ev.Type {
		case runtime.ConsoleAPICalledTypeError, runtime.ConsoleAPICalledTypeAssert:
			r.add(ConsoleError, stackURL(ev.StackTrace), argsText(ev.Args))
		case runtime.ConsoleAPICalledTypeWarning:
			r.warnings = append(r.warnings, Problem{
				Kind: "console warning", URL: stackURL(ev.StackTrace), Page: r.page, Text: argsText(ev.Args),
			})
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		if d == nil {
			return
		}
		text := d.Text
		if d.Exception != nil {
			desc, _, _ := strings.Cut(objectText(d.Exception), "\n    at ")
			text = strings.TrimSpace(text + " " + desc)
		}
		url := d.URL
		if url == "" {
			url = stackURL(d.StackTrace)
		}
		r.add(Exception, url, text)
	case *log.EventEntryAdded:
		e := ev.Entry
		// Network entries ("Failed to load resource") repeat what the
		// network events below already report with more detail.
		if e == nil || e.Level != log.EntryLevelError || e.Source == log.EntrySourceNetwork {
			return
		}
		r.add(BrowserLog, e.URL, e.Text)
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			r.requests[ev.RequestID] = ev.Request.URL
		}
	case *network.EventResponseReceived:
		if resp := ev.Response; resp != nil && resp.Status >= 400 && !browserFavicon(resp.URL, ev.Type) {
			r.add(HTTPError, resp.URL, fmt.Sprintf("%d %s", resp.Status, resp.StatusText))
		}
	case *network.EventLoadingFailed:
		url := r.requests[ev.RequestID]
		delete(r.requests, ev.RequestID)
		if browserFavicon(url, ev.Type) {
			return
		}
		// A request cancelled by leaving the page is not a broken page.
		if ev.Canceled && ev.BlockedReason == "" {
			return
		}
		text := ev.ErrorText
		if ev.BlockedReason != "" {
			text = strings.TrimSpace(text + " blocked: " + string(ev.BlockedReason))
		}
		r.add(LoadFailed, url, text)
	case *network.EventLoadingFinished:
		delete(r.requests, ev.RequestID)
	case *page.EventJavascriptDialogOpening:
		r.add(Dialog, ev.URL, fmt.Sprintf("%s %q", ev.Type, ev.Message))
	case *runtime.EventBindingCalled:
		if ev.Name != reportBinding {
			return
		}
		var rep report
		if err := json.Unmarshal([]byte(ev.Payload), &rep); err != nil {
			r.add(BrowserLog, "", "unreadable report "+ev.Payload)
			return
		}
		kind, url, text := rep.problem()
		r.add(kind, url, text)
	}
}

func (r *recorder) snapshot() (problems, warnings []Problem) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Problem(nil), r.problems...), append([]Problem(nil), r.warnings...)
}

// take returns the problems and forgets them and the warnings.
func (r *recorder) take() []Problem {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.problems
	r.problems, r.warnings = nil, nil
	return p
}

func (r *recorder) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.problems, r.warnings = nil, nil
}

// browserFavicon reports whether a request is the one the browser makes by
// itself for /favicon.ico at the root of the host when a page names no icon.
// DevTools does not show its failure in the console, and a site hosted under
// a path prefix cannot answer it, so it is not a problem of the page. An icon
// that a page names in a <link> is fetched with another resource type and is
// checked as usual.
func browserFavicon(rawURL string, typ network.ResourceType) bool {
	if typ != network.ResourceTypeOther {
		return false
	}
	u, err := url.Parse(rawURL)
	return err == nil && u.Path == "/favicon.ico"
}

func stackURL(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 {
		return ""
	}
	return st.CallFrames[0].URL
}

// argsText renders console arguments roughly as the DevTools console does.
func argsText(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		parts = append(parts, objectText(a))
	}
	return strings.Join(parts, " ")
}

func objectText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Type == runtime.RemoteObjectTypeString {
		var s string
		if err := json.Unmarshal([]byte(o.Value), &s); err == nil {
			return s
		}
	}
	if o.Description != "" {
		return o.Description
	}
	if len(o.Value) > 0 {
		return string(o.Value)
	}
	return string(o.Type)
}
