package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// partialCacheSize bounds the partials kept: enough for an entry per
// article of a large archive at the usual depths, and a fixed memory cost
// however large the archive grows.
const partialCacheSize = 1 << 18

// partialCache keeps rendered partials for partialCached. When full it
// starts over, so memory stays bounded; a miss only costs a render.
type partialCache struct {
	max int
	mu  sync.RWMutex
	m   map[string]template.HTML
}

func newPartialCache(max int) *partialCache {
	return &partialCache{max: max, m: map[string]template.HTML{}}
}

func (c *partialCache) get(key string) (template.HTML, bool) {
	c.mu.RLock()
	html, ok := c.m[key]
	c.mu.RUnlock()
	return html, ok
}

func (c *partialCache) put(key string, html template.HTML) {
	c.mu.Lock()
	if len(c.m) >= c.max {
		clear(c.m)
	}
	c.m[key] = html
	c.mu.Unlock()
}

// cacheKey joins a partial's name and variants.
func cacheKey(name string, variants []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		if s, ok := v.(string); ok {
			b.WriteString(s)
		} else {
			fmt.Fprint(&b, v)
		}
	}
	return b.String()
}
