package cli

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/afero"
)

// syncBuffer is a bytes.Buffer safe for one writer and one reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return string(body)
}

func TestServeRebuildsOnChange(t *testing.T) {
	fsys := afero.NewMemMapFs()
	page := "---\ntitle: First Title\ndate: 2024-01-02\n---\nText.\n"
	name := "site/content/articles/2024/01/02/first.md"
	afero.WriteFile(fsys, name, []byte(page), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut syncBuffer
	done := make(chan int)
	go func() {
		done <- Main(ctx, []string{"serve", "--site", "site", "--addr", "127.0.0.1:0"}, Stdio{Out: &out, Err: &errOut}, fsys)
	}()
	addr := regexp.MustCompile(`at (http://127\.0\.0\.1:\d+/)`)
	eventually(t, "the server to start", func() bool { return addr.MatchString(out.String()) })
	base := addr.FindStringSubmatch(out.String())[1]
	if got := get(t, base+"2024/01/02/first/"); !strings.Contains(got, "First Title") {
		t.Fatalf("served article page lacks its title:\n%s", got)
	}

	afero.WriteFile(fsys, name, []byte(strings.Replace(page, "First Title", "Second Title", 1)), 0o644)
	eventually(t, "the rebuild", func() bool {
		return strings.Contains(get(t, base+"2024/01/02/first/"), "Second Title")
	})
	cancel()
	if code := <-done; code != ExitOK {
		t.Errorf("serve exited %d: %s", code, errOut.String())
	}
}

func TestServeListensOnLoopbackByDefault(t *testing.T) {
	c := lookup("serve")
	fs, _ := newFlagSet(c)
	if got := fs.Lookup("addr").DefValue; !strings.HasPrefix(got, "127.0.0.1:") {
		t.Errorf("serve listens on %s by default, want 127.0.0.1", got)
	}
}
