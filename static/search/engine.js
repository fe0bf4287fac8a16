/*
 * annals search engine: reads the index that `annals build` writes under
 * search/ (see internal/search/format.md) and answers queries.
 *
 * A classic script, so that it runs from file:// as well as from a web
 * server: index files are classic scripts too, loaded by a loader function
 * the page provides, and they hand their data to the global annalsSearch.
 * It defines AnnalsEngine; under node it is also module.exports, for the
 * tests in internal/search/jstest.
 */
(function (global) {
  'use strict';

  var Text = global.AnnalsText || (typeof require === 'function' ? require('./text.js') : null);

  var ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var VALUE = new Int8Array(128).fill(-1);
  for (var i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

  var KINDS = ['people', 'places', 'organizations'];
  var PREFIX_TERMS = 8;   // terms a word being typed expands to
  var TYPO_TERMS = 3;     // terms a misspelt word expands to
  var PHRASE_CHECKS = 40; // results read per page to find phrase matches

  // varint reads the number at s[at] and returns it with the index after
  // it: five bits a character, low bits first, 32 set but on the last.
  function varint(s, at) {
    var v = 0, mul = 1, c;
    do {
      c = VALUE[s.charCodeAt(at++)];
      v += (c & 31) * mul;
      mul *= 32;
    } while (c & 32);
    return [v, at];
  }

  // decodePostings reads a posting list: ids and impacts.
  function decodePostings(s) {
    var ids = [], imp = [], i = 0, prev = 0;
    while (i < s.length) {
      var r = varint(s, i);
      prev += r[0];
      ids.push(prev);
      imp.push(VALUE[s.charCodeAt(r[1])]);
      i = r[1] + 1;
    }
    return { ids: ids, imp: imp };
  }

  // decodeSet reads a set of ids: "L" and differences, or "B" and a bitmap.
  function decodeSet(s) {
    if (s.charAt(0) === 'L') {
      var ids = decodeVarints(s.slice(1));
      for (var i = 1; i < ids.length; i++) ids[i] += ids[i - 1];
      return ids;
    }
    var out = [];
    if (s.charAt(0) === 'B') {
      for (var j = 1; j < s.length; j++) {
        var bits = VALUE[s.charCodeAt(j)];
        for (var k = 0; bits; k++, bits >>= 1) {
          if (bits & 1) out.push((j - 1) * 6 + k);
        }
      }
    }
    return out;
  }

  function decodeVarints(s) {
    var out = [], i = 0;
    while (i < s.length) {
      var r = varint(s, i);
      out.push(r[0]);
      i = r[1];
    }
    return out;
  }

  // A Registry receives what index files hand to annalsSearch.
  function Registry() {
    this.metaData = null;
    this.daysData = null;
    this.shards = new Map();
    this.postingFiles = new Map();
    this.allSets = new Map();
    this.docs = new Map();
    this.facetLists = new Map();
  }
  Registry.prototype.meta = function (m) { this.metaData = m; };
  Registry.prototype.days = function (d) { this.daysData = d; };
  Registry.prototype.terms = function (key, entries) {
    var m = new Map();
    for (var i = 0; i < entries.length; i++) m.set(entries[i][0], entries[i]);
    this.shards.set(key, m);
  };
  Registry.prototype.postings = function (name, p) { this.postingFiles.set(name, p); };
  Registry.prototype.all = function (term, set) { this.allSets.set(term, set); };
  Registry.prototype.doc = function (id, d) { this.docs.set(id, d); };
  Registry.prototype.facets = function (kind, list) { this.facetLists.set(kind, list); };

  // Engine answers queries. load(path) loads one index file, path relative
  // to the index folder, and returns a promise that settles once the file
  // has run; the file hands its data to registry.
  function Engine(load, registry) {
    this.load = load;
    this.reg = registry;
    this.pending = new Map();
    this.meta = null;
    this.postingCache = new Map();
  }

  // file loads path once.
  Engine.prototype.file = function (path) {
    var p = this.pending.get(path);
    if (!p) {
      var self = this;
      p = this.load(path);
      p.catch(function () { self.pending.delete(path); });
      this.pending.set(path, p);
    }
    return p;
  };

  Engine.prototype.init = function () {
    var self = this;
    if (this.meta) return Promise.resolve(this.meta);
    return this.file('meta.js').then(function () {
      self.meta = self.reg.metaData;
      if (!self.meta || self.meta.v !== 1) throw new Error('search index: unknown version');
      return self.meta;
    });
  };

  // compare orders strings by code point, as Go orders the shard keys
  // (UTF-16 units alone would put U+10000 and above before U+E000).
  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      var x = a.charCodeAt(i), y = b.charCodeAt(i);
      if (x === y) continue;
      if (x >= 0xd800 && y >= 0xd800) {
        x += x >= 0xe000 ? -0x800 : 0x2000;
        y += y >= 0xe000 ? -0x800 : 0x2000;
      }
      return x < y ? -1 : 1;
    }
    return a.length - b.length;
  }

  // shardIndex returns the index of the shard whose range holds term: the
  // last key not after it; -1 when term comes before every shard.
  Engine.prototype.shardIndex = function (term) {
    var keys = this.meta.shards, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(keys[mid], term) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  // shardKey returns the key of the shard that would hold term, or "".
  Engine.prototype.shardKey = function (term) {
    var i = this.shardIndex(term);
    return i < 0 ? '' : this.meta.shards[i];
  };

  Engine.prototype.shard = function (key) {
    var self = this;
    if (!key) return Promise.resolve(new Map());
    return this.file('t/' + Text.fileKey(key) + '.js').then(function () {
      return self.reg.shards.get(key) || new Map();
    });
  };

  // entry returns a term's shard entry [term, df, postings], or null.
  Engine.prototype.entry = function (term) {
    return this.shard(this.shardKey(term)).then(function (m) { return m.get(term) || null; });
  };

  // postingsOf returns a term's documents and impacts: {ids, imp}, and
  // for a frequent term, only its top documents with partial: true and the
  // impact rest of the others.
  Engine.prototype.postingsOf = function (entry) {
    var self = this, term = entry[0];
    var cached = this.postingCache.get(term);
    if (cached) return Promise.resolve(cached);
    var done = function (p) {
      self.postingCache.set(term, p);
      return p;
    };
    if (entry[2] !== 0) return Promise.resolve(done(decodePostings(entry[2])));
    return this.file('p/' + Text.fileKey(term) + '.js').then(function () {
      var f = self.reg.postingFiles.get(term);
      var top = decodePostings(f.top);
      if (f.rest) {
        top.partial = true;
        top.rest = f.rest;
      }
      return done(top);
    });
  };

  // fullPostingsOf returns all of a term's documents and impacts.
  Engine.prototype.fullPostingsOf = function (entry) {
    var self = this, term = entry[0];
    return this.postingsOf(entry).then(function (top) {
      if (!top.partial) return top;
      return self.file('p/' + Text.fileKey(term) + '.all.js').then(function () {
        var all = decodeSet(self.reg.allSets.get(term)), imp = new Array(all.length), t = 0;
        for (var i = 0; i < all.length; i++) {
          if (t < top.ids.length && top.ids[t] === all[i]) imp[i] = top.imp[t++];
          else imp[i] = top.rest;
        }
        var full = { ids: all, imp: imp };
        self.postingCache.set(term, full);
        return full;
      });
    });
  };

  // setOf returns the documents of one person, place, organization or
  // source, by kind and key.
  Engine.prototype.setOf = function (kind, key) {
    var self = this, name = kind + '/' + key;
    return this.file('e/' + kind + '/' + Text.fileKey(key) + '.js').then(function () {
      var f = self.reg.postingFiles.get(name);
      return f ? decodeSet(f.all) : [];
    });
  };

  Engine.prototype.facetList = function (kind) {
    var self = this;
    return this.file('facets/' + kind + '.js').then(function () {
      return self.reg.facetLists.get(kind) || [];
    });
  };

  Engine.prototype.doc = function (id) {
    var self = this;
    return this.file('f/' + Math.floor(id / 1000) + '/' + id + '.js').then(function () {
      return self.reg.docs.get(id);
    });
  };

  // parse splits a query into words and quoted phrases. The last word is
  // a prefix when typing is still going on: no space or quote after it.
  function parse(q) {
    var words = [], phrases = [];
    var parts = q.split('"');
    for (var i = 0; i < parts.length; i++) {
      var toks = Text.tokens(parts[i]);
      var quoted = i % 2 === 1;
      if (quoted && toks.length > 1) phrases.push(toks.map(function (t) { return t.word; }));
      for (var j = 0; j < toks.length; j++) {
        var t = toks[j];
        if (!t.term) continue;
        words.push({ word: t.word, term: t.term, prefix: false, quoted: quoted });
      }
    }
    var last = words[words.length - 1];
    if (last && !last.quoted && /[\p{L}\p{N}]$/u.test(q)) last.prefix = true;
    var seen = new Set();
    words = words.filter(function (w) {
      var k = w.term + (w.prefix ? '*' : '');
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    return { words: words, phrases: phrases };
  }

  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  // alternatives finds the terms a query word stands for:
  // [{term, word, df, weight, kind}] with kind "exact", "prefix" or "typo".
  Engine.prototype.alternatives = function (w) {
    var self = this, out = [], seen = new Set();
    var add = function (entry, word, weight, kind) {
      if (!entry || seen.has(entry[0])) return;
      seen.add(entry[0]);
      out.push({ entry: entry, term: entry[0], word: word, df: entry[1], weight: weight, kind: kind });
    };
    return this.entry(w.term).then(function (exact) {
      add(exact, w.word, 1, 'exact');
      if (!w.prefix || w.word.length < 3) return;
      return self.prefixEntries(w).then(function (found) {
        // Frequent terms have postings files of their own: a word typed in
        // full loads none for its longer forms, a part of a word two.
        var files = exact ? 0 : 2;
        found.forEach(function (e) {
          if (e[2] === 0 && files-- <= 0) return;
          add(e, e[0], 0.8, 'prefix');
        });
      });
    }).then(function () {
      if (out.length || w.word.length < 5 || w.quoted) return;
      return self.typoEntries(w).then(function (found) {
        found.forEach(function (f) { add(f.entry, f.word, 0.7, 'typo'); });
      });
    }).then(function () { return out; });
  };

  // prefixEntries returns the most frequent terms that begin with the word
  // being typed or with its stem, or that the word begins with.
  Engine.prototype.prefixEntries = function (w) {
    var self = this;
    // From the shard of the shortest stem the word may have to the last
    // shard of words that begin with it.
    var lo = Math.max(0, this.shardIndex(w.word.slice(0, Math.max(4, w.word.length - 3))));
    var hi = this.shardIndex(w.word + '\u{10FFFF}');
    if (hi < 0 || hi - lo >= 2) return Promise.resolve([]);
    var keys = this.meta.shards.slice(lo, hi + 1);
    return Promise.all(keys.map(function (k) { return self.shard(k); })).then(function (shards) {
      var found = [];
      shards.forEach(function (m) {
        m.forEach(function (e, t) {
          if (t.startsWith(w.word) || t.startsWith(w.term) ||
              (w.word.startsWith(t) && t.length >= 4 && w.word.length - t.length <= 3)) {
            found.push(e);
          }
        });
      });
      found.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
      return found.slice(0, PREFIX_TERMS);
    });
  };

  // edits returns the words one edit away from word: a letter deleted,
  // two swapped, one changed or one inserted.
  function edits(word) {
    var abc = 'abcdefghijklmnopqrstuvwxyz', out = new Set();
    for (var i = 0; i <= word.length; i++) {
      var a = word.slice(0, i), b = word.slice(i);
      if (b) out.add(a + b.slice(1));
      if (b.length > 1) out.add(a + b[1] + b[0] + b.slice(2));
      for (var j = 0; j < abc.length; j++) {
        if (b) out.add(a + abc[j] + b.slice(1));
        out.add(a + abc[j] + b);
      }
    }
    out.delete(word);
    return Array.from(out);
  }

  // typoEntries returns the most frequent terms of words one edit away
  // from the word, among the shards of its first letters.
  Engine.prototype.typoEntries = function (w) {
    var self = this;
    if (!/^[a-z]+$/.test(w.word)) return Promise.resolve([]);
    var home = this.shardKey(w.term);
    var byKey = new Map();
    edits(w.word).forEach(function (v) {
      var t = Text.term(v);
      if (!t) return;
      var k = self.shardKey(t);
      if (!k) return;
      if (!byKey.has(k)) byKey.set(k, []);
      byKey.get(k).push({ word: v, term: t });
    });
    // The word's own shard, and the two that a slip of the first letters
    // leads to (a swap, a missing or doubled first letter).
    var keys = [home, this.shardKey(Text.term(w.word[1] + w.word[0] + w.word.slice(2)) || ''),
      this.shardKey(Text.term(w.word.slice(1)) || '')].filter(function (k, i, a) {
      return k && byKey.has(k) && a.indexOf(k) === i;
    });
    return Promise.all(keys.map(function (k) { return self.shard(k); })).then(function (shards) {
      var found = new Map();
      shards.forEach(function (m, i) {
        byKey.get(keys[i]).forEach(function (v) {
          var e = m.get(v.term);
          if (e && !found.has(v.term)) found.set(v.term, { entry: e, word: v.word });
        });
      });
      return Array.from(found.values()).sort(function (a, b) { return b.entry[1] - a.entry[1]; }).slice(0, TYPO_TERMS);
    });
  };

  // slot combines a word's alternatives: a document's score is the best
  // of its alternatives'. It returns sorted ids and their scores; with
  // full, every document, else for frequent terms only the top ones, with
  // partial set and rest the least score of the others.
  Engine.prototype.slot = function (alts, full) {
    var self = this, n = this.meta.n;
    return Promise.all(alts.map(function (a) {
      return full ? self.fullPostingsOf(a.entry) : self.postingsOf(a.entry);
    })).then(function (ps) {
      var score = new Map(), partial = false, rest = 0;
      ps.forEach(function (p, i) {
        var w = alts[i].weight * idf(n, alts[i].df);
        for (var j = 0; j < p.ids.length; j++) {
          var s = w * p.imp[j], old = score.get(p.ids[j]);
          if (old === undefined || s > old) score.set(p.ids[j], s);
        }
        if (p.partial) {
          partial = true;
          rest = Math.max(rest, w * p.rest);
        }
      });
      var ids = Array.from(score.keys()).sort(function (a, b) { return a - b; });
      return {
        ids: ids, score: ids.map(function (id) { return score.get(id); }), partial: partial, rest: rest,
        alts: alts, df: Math.max.apply(null, alts.map(function (a) { return a.df; }))
      };
    });
  };

  // intersect keeps the ids in all lists, adding scores.
  function intersect(lists) {
    lists = lists.slice().sort(function (a, b) { return a.ids.length - b.ids.length; });
    var out = lists[0];
    for (var l = 1; l < lists.length; l++) {
      var b = lists[l], ids = [], score = [], i = 0, j = 0;
      while (i < out.ids.length && j < b.ids.length) {
        if (out.ids[i] < b.ids[j]) i++;
        else if (out.ids[i] > b.ids[j]) j++;
        else {
          ids.push(out.ids[i]);
          score.push(out.score[i] + b.score[j]);
          i++;
          j++;
        }
      }
      out = { ids: ids, score: score };
    }
    return out;
  }

  // union keeps the ids in any list, adding scores.
  function union(lists) {
    var score = new Map();
    lists.forEach(function (l) {
      for (var i = 0; i < l.ids.length; i++) score.set(l.ids[i], (score.get(l.ids[i]) || 0) + l.score[i]);
    });
    var ids = Array.from(score.keys()).sort(function (a, b) { return a - b; });
    return { ids: ids, score: ids.map(function (id) { return score.get(id); }) };
  }

  // dateRange returns the ids [lo, hi) of documents dated from from to to
  // (both "YYYY-MM-DD", either may be empty).
  Engine.prototype.dateRange = function (from, to) {
    var self = this, meta = this.meta;
    if (!from && !to) return Promise.resolve(null);
    return this.file('days.js').then(function () {
      var d = self.reg.daysData;
      var counts = decodeVarints(d.counts), first = Date.parse(d.first + 'T00:00:00Z');
      var idOf = function (day, after) {
        var t = Date.parse(day + 'T00:00:00Z');
        if (isNaN(t)) return after ? meta.n : meta.undated;
        var k = Math.round((t - first) / 864e5) + (after ? 1 : 0), id = meta.undated;
        for (var i = 0; i < counts.length && i < k; i++) id += counts[i];
        return Math.min(id, meta.n);
      };
      return [from ? idOf(from, false) : meta.undated, to ? idOf(to, true) : meta.n];
    });
  };

  // search answers a query: opts has q, people, places, organizations
  // (lists of keys), source (a key), from, to (dates), sort ("relevance",
  // "newest" or "oldest"), page (from 0) and size. The answer lists the
  // page's results with their documents, the number of matches and notes
  // on how the query was read ("unknown", "typo", "any") and on filters
  // naming no person, place, organization or source of the archive
  // ("no-name").
  Engine.prototype.search = function (opts) {
    var self = this;
    var size = opts.size || 10, page = opts.page || 0;
    return this.init().then(function () {
      var query = parse(opts.q || '');
      // Every name has a file of its documents, from the same folder as
      // meta.js, which has loaded: a name whose file does not load is
      // one the archive does not have, and matches nothing.
      // Their notes keep the order of the filters, whichever file fails
      // first.
      var filters = [], unknown = [];
      var setOf = function (kind, key) {
        var at = filters.length;
        return self.setOf(kind, key).catch(function () {
          unknown[at] = { kind: 'no-name', facet: kind, key: key };
          return [];
        });
      };
      KINDS.forEach(function (kind) {
        (opts[kind] || []).forEach(function (key) { filters.push(setOf(kind, key)); });
      });
      if (opts.source) filters.push(setOf('sources', opts.source));
      var words = Promise.all(query.words.map(function (w) { return self.alternatives(w); }));
      return Promise.all([words, Promise.all(filters), self.dateRange(opts.from, opts.to)]).then(function (r) {
        return self.rank(query, r[0], r[1], r[2], opts.sort, page, size);
      }).then(function (r) {
        r.notes = unknown.filter(Boolean).concat(r.notes);
        return r;
      });
    });
  };

  Engine.prototype.rank = function (query, alts, sets, range, sort, page, size) {
    var self = this, notes = [];
    var filtered = sets.length > 0 || range !== null;
    var words = [];
    query.words.forEach(function (w, i) {
      if (alts[i].length) words.push({ word: w, alts: alts[i] });
      else if (!w.prefix) notes.push({ kind: 'unknown', word: w.word });
      alts[i].forEach(function (a) {
        if (a.kind === 'typo') notes.push({ kind: 'typo', word: w.word, match: a.word });
      });
    });
    var missing = query.words.some(function (w, i) { return !alts[i].length && !w.prefix; });
    if (!words.length && !filtered) return Promise.resolve({ total: 0, exact: true, results: [], notes: notes, query: query, terms: [] });
    var terms = [];
    words.forEach(function (w) { w.alts.forEach(function (a) { terms.push(a); }); });
    if (!sort) sort = 'relevance';
    // Every document of frequent terms is needed to order by date, to
    // filter, and for pages past the first few.
    var full = sort !== 'relevance' || filtered || page >= 5;
    var attempt = function (full) {
      return Promise.all(words.map(function (w) { return self.slot(w.alts, full); })).then(function (slots) {
        var c = words.length ? self.filter(self.candidates(slots, missing), sets, range) : self.allIds(sets, range);
        var order = c.ids.map(function (id, i) { return i; });
        var ranking = sort;
        if (!words.length && ranking === 'relevance') ranking = 'newest';
        if (ranking === 'newest') order.reverse();
        else if (ranking === 'relevance') {
          order.sort(function (a, b) { return c.score[b] - c.score[a] || c.ids[b] - c.ids[a]; });
        }
        var ranked = order.map(function (i) { return { id: c.ids[i], check: c.check[i] }; });
        // Documents in the top of only some of the frequent words are
        // mostly without the others: with too few in the top of all of
        // them, every document of the words costs less than checking.
        if (c.topOnly && !full && c.sure < (page + 1) * size) return attempt(true);
        return self.page(query, ranked, terms, page, size).then(function (r) {
          if (r.unsure && !full) return attempt(true);
          r.any = c.any;
          if (c.estimate !== undefined && (c.topOnly || !r.done)) {
            r.total = Math.max(c.estimate, r.total);
            r.exact = !!c.estimateExact;
            r.approx = !c.estimateExact;
            r.more = r.more || r.results.length === size;
          }
          return r;
        });
      });
    };
    return attempt(full).then(function (r) {
      if (r.any) notes.push({ kind: 'any' });
      r.notes = notes;
      r.query = query;
      r.terms = terms;
      return r;
    });
  };

  // candidates combines the words' slots: documents with every word, or
  // with some of them when none has all. For frequent words only the top
  // documents are known: a document outside them is a candidate to check,
  // scored as if it had the word, and the total is an estimate.
  Engine.prototype.candidates = function (slots, missing) {
    var exact = slots.filter(function (s) { return !s.partial; });
    var partial = slots.filter(function (s) { return s.partial; });
    var base;
    if (exact.length) {
      base = missing ? { ids: [], score: [] } : intersect(exact);
      if (!base.ids.length && (slots.length > 1 || missing)) {
        var any = withChecks(union(slots), null);
        any.any = true;
        return any;
      }
    } else {
      base = union(partial);
    }
    if (!partial.length) return withChecks(base, null);
    var ids = [], score = [], checks = [];
    var pos = partial.map(function () { return 0; });
    for (var i = 0; i < base.ids.length; i++) {
      var id = base.ids[i], s = exact.length ? base.score[i] : 0, need = [];
      partial.forEach(function (p, k) {
        while (pos[k] < p.ids.length && p.ids[pos[k]] < id) pos[k]++;
        if (pos[k] < p.ids.length && p.ids[pos[k]] === id) s += p.score[pos[k]];
        else {
          s += p.rest;
          need.push(p);
        }
      });
      // Without a rarer word, only documents in the top of some frequent
      // word are known; those in the top of every one are the answer.
      if (!exact.length && need.length) continue;
      ids.push(id);
      score.push(s);
      checks.push(need.length ? need : null);
    }
    var out = { ids: ids, score: score, check: checks };
    // The share of documents with all the frequent words among those
    // with the rarest of them.
    var n = this.meta.n, est;
    if (exact.length) {
      est = base.ids.length;
      partial.forEach(function (p) { est *= p.df / n; });
    } else {
      out.topOnly = true;
      var rarest = partial.reduce(function (a, b) { return a.df <= b.df ? a : b; });
      out.sure = ids.length;
      est = rarest.df * ids.length / Math.max(1, rarest.ids.length);
      out.estimateExact = partial.length === 1;
    }
    out.estimate = Math.round(est);
    return out;
  };

  function withChecks(list, check) {
    return { ids: list.ids, score: list.score, check: list.ids.map(function () { return check; }) };
  }

  // allIds lists the documents a filter alone allows.
  Engine.prototype.allIds = function (sets, range) {
    var ids = sets.length ? sets[0] : [];
    if (!sets.length) {
      for (var id = range ? range[0] : 0; id < (range ? range[1] : this.meta.n); id++) ids.push(id);
    }
    return this.filter(withChecks({ ids: ids, score: ids.map(function () { return 0; }) }, null), sets.slice(1), range);
  };

  // inSorted tells whether the sorted list has id.
  function inSorted(list, id) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < id) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] === id;
  }

  // filter keeps the candidates in every set and in the range of ids.
  Engine.prototype.filter = function (c, sets, range) {
    var list = { ids: [], score: [], check: [] };
    for (var i = 0; i < c.ids.length; i++) {
      var id = c.ids[i];
      if (range && (id < range[0] || id >= range[1])) continue;
      if (!sets.every(function (s) { return inSorted(s, id); })) continue;
      list.ids.push(id);
      list.score.push(c.score[i]);
      list.check.push(c.check[i]);
    }
    ['estimate', 'estimateExact', 'topOnly', 'sure', 'any'].forEach(function (k) {
      if (c[k] !== undefined) list[k] = c[k];
    });
    return list;
  };

  // page loads the documents of one page of results. Documents that must be
  // checked (for a phrase, or for a frequent word outside its top
  // documents) are read in ranked order and kept when they pass. When too
  // many fail, it answers unsure, and the query is run again with every
  // document of the frequent words.
  Engine.prototype.page = function (query, ranked, terms, page, size) {
    var self = this, match = matcher(query, terms);
    var phrases = query.phrases.length > 0;
    var checking = phrases || ranked.some(function (r) { return r.check; });
    if (!checking) {
      var ids = ranked.slice(page * size, (page + 1) * size).map(function (r) { return r.id; });
      return Promise.all(ids.map(function (id) { return self.doc(id); })).then(function (docs) {
        return {
          total: ranked.length, exact: true, done: true,
          results: docs.map(function (d, i) { return result(ids[i], d, match); })
        };
      });
    }
    var want = (page + 1) * size, matched = [], next = 0, failed = 0;
    var budget = want + (phrases ? PHRASE_CHECKS : size);
    var step = function () {
      var done = next >= ranked.length;
      if (matched.length >= want || done || next >= budget) {
        var unsure = !done && matched.length < want && ranked.some(function (r) { return r.check; });
        return {
          total: matched.length, exact: done, done: done, more: !done && !unsure,
          unsure: unsure, failed: failed,
          results: matched.slice(page * size, want).map(function (m) { return result(m.id, m.doc, match); })
        };
      }
      var batch = ranked.slice(next, Math.min(next + size, budget));
      next += batch.length;
      return Promise.all(batch.map(function (r) { return self.doc(r.id); })).then(function (docs) {
        docs.forEach(function (d, i) {
          // The file holds the start of a long text: what it lacks may
          // be in the rest.
          var r = batch[i], words = null, cut = d.x.slice(-1) === '…';
          var ok = cut || query.phrases.every(function (p) { return hasPhrase(d.t + '\n' + d.x, p); });
          if (ok && r.check && !cut) {
            words = docTerms(d);
            ok = r.check.every(function (s) { return s.alts.some(function (a) { return words.has(a.term); }); });
          }
          if (ok) matched.push({ id: r.id, doc: d });
          else failed++;
        });
        return step();
      });
    };
    // With nothing to check, step answers at once, not with a promise.
    return Promise.resolve(step());
  };

  // docTerms returns the terms of a result's file: those of its title and
  // text, and those of its names and source (already terms).
  function docTerms(d) {
    var set = new Set();
    Text.tokens(d.t + '\n' + d.x).forEach(function (t) {
      if (t.term) set.add(t.term);
    });
    if (d.n) d.n.split(' ').forEach(function (t) { set.add(t); });
    return set;
  }

  // hasPhrase tells whether text has the words of phrase in a row.
  function hasPhrase(text, phrase) {
    var toks = Text.tokens(text);
    outer: for (var i = 0; i + phrase.length <= toks.length; i++) {
      for (var j = 0; j < phrase.length; j++) {
        if (toks[i + j].word !== phrase[j]) continue outer;
      }
      return true;
    }
    return false;
  }

  // result is what a result shows, words that match marked.
  function result(id, doc, match) {
    return {
      id: id, path: doc.u, title: doc.t, date: doc.d, source: doc.s,
      titleParts: highlight(doc.t, match, 0, doc.t.length),
      snippet: snippet(doc.x, match, 30)
    };
  }

  // matcher returns a function telling whether a token matches the query.
  function matcher(query, terms) {
    var set = new Set(terms.map(function (a) { return a.term; }));
    var prefixes = query.words.filter(function (w) { return w.prefix; }).map(function (w) { return w.word; });
    return function (tok) {
      if (tok.term && set.has(tok.term)) return true;
      for (var i = 0; i < prefixes.length; i++) {
        if (tok.word.startsWith(prefixes[i])) return true;
      }
      return false;
    };
  }

  // highlight splits text[start:end] into parts, marking matching words.
  function highlight(text, match, start, end) {
    var parts = [], at = start;
    Text.tokens(text.slice(start, end)).forEach(function (t) {
      if (!match(t)) return;
      if (t.start + start > at) parts.push({ text: text.slice(at, t.start + start), mark: false });
      parts.push({ text: text.slice(t.start + start, t.end + start), mark: true });
      at = t.end + start;
    });
    if (at < end) parts.push({ text: text.slice(at, end), mark: false });
    return parts;
  }

  // snippet picks the window of about n words with the most matches (and
  // the opening when nothing matches) and marks the matches in it.
  function snippet(text, match, n) {
    var toks = Text.tokens(text);
    if (!toks.length) return [];
    var hits = toks.map(function (t) { return match(t) ? 1 : 0; });
    var best = 0, bestAt = 0, sum = 0;
    for (var i = 0; i < toks.length; i++) {
      sum += hits[i];
      if (i >= n) sum -= hits[i - n];
      if (sum > best) {
        best = sum;
        bestAt = Math.max(0, i - n + 1);
      }
    }
    // Start a few words before the first hit of the window.
    var first = bestAt;
    while (first < toks.length && !hits[first] && best) first++;
    var from = Math.max(0, first - 6), to = Math.min(toks.length, from + n);
    from = Math.max(0, Math.min(from, to - n));
    var start = from === 0 ? 0 : toks[from].start, end = to === toks.length ? text.length : toks[to - 1].end;
    var parts = highlight(text, match, start, end);
    if (parts.length) parts[0].text = parts[0].text.replace(/^\s+/, '');
    if (from > 0) parts.unshift({ text: '… ', mark: false });
    if (to < toks.length) parts.push({ text: ' …', mark: false });
    return parts;
  }

  var api = {
    Engine: Engine, Registry: Registry, parse: parse, edits: edits, hasPhrase: hasPhrase,
    decodePostings: decodePostings, decodeSet: decodeSet, decodeVarints: decodeVarints, snippet: snippet
  };
  global.AnnalsEngine = api;
  if (typeof module === 'object' && module.exports) module.exports = api;
})(typeof globalThis !== 'undefined' ? globalThis : this);
