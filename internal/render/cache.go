package render

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// partialCacheSize bounds the partials of one generation of the cache:
// enough for an entry per article of a large archive at a few depths, at
// a fixed memory cost however large the archive grows.
const partialCacheSize = 1 << 18

// partialCache keeps rendered partials for partialCached in two
// generations: when the young one is full it becomes the old one, and the
// old one is dropped; an entry found in the old generation moves back to
// the young. Memory stays bounded, recently used entries stay, and a miss
// only costs a render.
type partialCache struct {
	max        int
	mu         sync.Mutex
	young, old map[string]template.HTML
}

func newPartialCache(max int) *partialCache {
	return &partialCache{max: max, young: map[string]template.HTML{}}
}

func (c *partialCache) get(key string) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if html, ok := c.young[key]; ok {
		return html, true
	}
	html, ok := c.old[key]
	if ok {
		c.add(key, html)
	}
	return html, ok
}

func (c *partialCache) put(key string, html template.HTML) {
	c.mu.Lock()
	c.add(key, html)
	c.mu.Unlock()
}

// add puts an entry in the young generation; c.mu is held.
func (c *partialCache) add(key string, html template.HTML) {
	if len(c.young) >= c.max {
		c.old, c.young = c.young, make(map[string]template.HTML, c.max)
	}
	c.young[key] = html
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
