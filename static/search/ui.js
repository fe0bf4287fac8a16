/*
 * annals search page: reads the query and filters from the page's address,
 * runs them with AnnalsEngine as the reader types, and shows the results.
 * Results are built with DOM methods and textContent only: article text is
 * never read as HTML.
 */
(function () {
  'use strict';

  var E = window.AnnalsEngine;
  var registry = new E.Registry();
  window.annalsSearch = registry;

  // The index lives beside this script; articles are one folder up.
  var base = document.currentScript.src.replace(/[^/]*$/, '');
  var SIZE = 10;
  var FILTERS = [
    { param: 'person', kind: 'people', label: 'person' },
    { param: 'place', kind: 'places', label: 'place' },
    { param: 'organization', kind: 'organizations', label: 'organization' }
  ];

  function load(path) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement('script');
      s.src = base + path;
      s.onload = function () { s.remove(); resolve(); };
      s.onerror = function () { s.remove(); reject(new Error('cannot load ' + path)); };
      document.head.appendChild(s);
    });
  }

  var engine = new E.Engine(load, registry);
  var $ = function (id) { return document.getElementById(id); };
  var form = $('search-form'), input = $('search-q'), status = $('search-status');
  var list = $('search-results'), pager = $('search-pager');
  var source = $('search-source'), from = $('search-from'), to = $('search-to'), sort = $('search-sort');
  var page = 0, run = 0, typing = null;

  // names maps kind → Map(key → name) and Map(lower-case name → key), once
  // the kind's list is loaded.
  var names = {};
  function namesOf(kind) {
    if (names[kind]) return Promise.resolve(names[kind]);
    return engine.facetList(kind).then(function (l) {
      var byKey = new Map(), byName = new Map(), dl = $('list-' + kind);
      l.forEach(function (f) {
        byKey.set(f[1], f[0]);
        byName.set(f[0].toLowerCase(), f[1]);
        var o = document.createElement('option');
        o.value = f[0];
        o.label = f[0] + ' (' + f[2] + ')';
        dl.appendChild(o);
      });
      names[kind] = { byKey: byKey, byName: byName };
      return names[kind];
    });
  }

  // state reads the controls.
  function state() {
    var s = { q: input.value, source: source.value, from: from.value, to: to.value, sort: sort.value, page: page };
    FILTERS.forEach(function (f) {
      var el = $('search-' + f.param);
      s[f.kind] = el.dataset.key ? [el.dataset.key] : [];
    });
    return s;
  }

  // address writes a state as the page's query string.
  function address(s) {
    var p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    FILTERS.forEach(function (f) { s[f.kind].forEach(function (k) { p.append(f.param, k); }); });
    if (s.source) p.set('source', s.source);
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
    if (s.sort && s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.page) p.set('page', String(s.page + 1));
    var q = p.toString();
    return location.pathname + (q ? '?' + q : '');
  }

  // restore sets the controls from the page's address.
  function restore() {
    var p = new URLSearchParams(location.search);
    input.value = p.get('q') || '';
    source.value = p.get('source') || '';
    from.value = p.get('from') || '';
    to.value = p.get('to') || '';
    sort.value = ['newest', 'oldest'].indexOf(p.get('sort')) >= 0 ? p.get('sort') : 'relevance';
    page = Math.max(0, (parseInt(p.get('page'), 10) || 1) - 1);
    return Promise.all(FILTERS.map(function (f) {
      var el = $('search-' + f.param), key = p.get(f.param) || '';
      el.dataset.key = key;
      el.value = key;
      if (!key) return null;
      return namesOf(f.kind).then(function (n) { el.value = n.byKey.get(key) || key; }, function () {});
    }));
  }

  function save(push) {
    var url = address(state());
    if (url === location.pathname + location.search) return;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  function search() {
    var s = state(), mine = ++run, t0 = performance.now();
    status.dataset.state = 'loading';
    return engine.search(s).then(function (r) {
      if (mine !== run) return;
      show(s, r);
      status.dataset.q = s.q;
      // How long the results took, loading included, for measurements.
      status.dataset.ms = (performance.now() - t0).toFixed(1);
      status.dataset.state = 'done';
    }, function (err) {
      if (mine !== run) return;
      clear(list);
      status.textContent = 'Search failed: ' + err.message;
      status.dataset.q = s.q;
      status.dataset.state = 'error';
    });
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  function parts(el, ps) {
    ps.forEach(function (p) {
      if (p.mark) {
        var m = document.createElement('mark');
        m.textContent = p.text;
        el.appendChild(m);
      } else {
        el.appendChild(document.createTextNode(p.text));
      }
    });
  }

  // count says how many articles match: exactly, about (estimated from
  // the most relevant ones) or at least (phrases checked so far).
  function count(r) {
    var n = r.total.toLocaleString('en');
    if (r.approx) return 'About ' + n + ' articles';
    if (r.exact === false) return n + '+ articles';
    return n + (r.total === 1 ? ' article' : ' articles');
  }

  function show(s, r) {
    clear(list);
    clear(pager);
    var words = [];
    r.notes.forEach(function (n) {
      if (n.kind === 'no-name') {
        var f = FILTERS.filter(function (f) { return f.kind === n.facet; })[0];
        words.push('This archive has no ' + (f ? f.label : 'source') + ' “' + n.key + '”.');
      }
      if (n.kind === 'typo') words.push('“' + n.word + '” also matched “' + n.match + '”.');
      if (n.kind === 'unknown') words.push('No article has “' + n.word + '”.');
      if (n.kind === 'any') words.push('No article has all the words: showing articles with some of them.');
    });
    var filtered = s.source || s.from || s.to || FILTERS.some(function (f) { return s[f.kind].length; });
    if (!s.q.trim() && !filtered) {
      status.textContent = 'Type to search ' + engine.meta.n.toLocaleString('en') + ' articles.';
      return;
    }
    status.textContent = (r.total ? count(r) + '.' : 'No article matches.') +
      (words.length ? ' ' + words.join(' ') : '');
    list.start = s.page * SIZE + 1;
    r.results.forEach(function (res) {
      var li = document.createElement('li');
      var h = document.createElement('h2');
      var a = document.createElement('a');
      a.href = '../' + res.path + 'index.html';
      parts(a, res.titleParts);
      h.appendChild(a);
      li.appendChild(h);
      var meta = document.createElement('p');
      meta.className = 'meta';
      if (res.date) {
        var t = document.createElement('time');
        t.dateTime = res.date;
        t.textContent = res.date;
        meta.appendChild(t);
      } else {
        meta.appendChild(document.createTextNode('Undated'));
      }
      if (res.source) meta.appendChild(document.createTextNode(' · ' + res.source));
      li.appendChild(meta);
      var p = document.createElement('p');
      p.className = 'snippet';
      parts(p, res.snippet);
      li.appendChild(p);
      list.appendChild(li);
    });
    var pages = Math.ceil(r.total / SIZE);
    if (pages > 1 || r.more) {
      if (s.page > 0) pager.appendChild(button('Previous page', s.page - 1));
      var at = document.createElement('span');
      at.textContent = 'Page ' + (s.page + 1) + (r.more ? '' : ' of ' + pages);
      pager.appendChild(at);
      if (s.page + 1 < pages || r.more) pager.appendChild(button('Next page', s.page + 1));
    }
  }

  function button(text, to) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    b.addEventListener('click', function () {
      page = to;
      save(true);
      search().then(function () {
        var first = list.querySelector('a');
        if (first) first.focus();
      });
    });
    return b;
  }

  // Typing searches at once. The first key after a pause of a second adds
  // a history entry and later ones rewrite it, as do Enter and a change of
  // filters, so Back steps through searches rather than keystrokes.
  input.addEventListener('input', function () {
    page = 0;
    save(typing === null);
    search();
    clearTimeout(typing);
    typing = setTimeout(function () { typing = null; }, 1000);
  });
  input.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowDown') {
      var first = list.querySelector('a');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener('keydown', function (e) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    var links = Array.prototype.slice.call(list.querySelectorAll('h2 a'));
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    e.preventDefault();
    if (e.key === 'ArrowDown' && i + 1 < links.length) links[i + 1].focus();
    else if (e.key === 'ArrowUp') (i > 0 ? links[i - 1] : input).focus();
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    save(true);
    search();
  });
  [source, from, to, sort].forEach(function (el) {
    el.addEventListener('change', function () {
      page = 0;
      save(true);
      search();
    });
  });
  FILTERS.forEach(function (f) {
    var el = $('search-' + f.param);
    el.addEventListener('focus', function () { namesOf(f.kind).catch(function () {}); });
    el.addEventListener('change', function () {
      namesOf(f.kind).then(function (n) {
        var v = el.value.trim();
        el.dataset.key = v ? n.byName.get(v.toLowerCase()) || '' : '';
        el.setCustomValidity(v && !el.dataset.key ? 'Choose a ' + f.label + ' from the list' : '');
        el.reportValidity();
        page = 0;
        save(true);
        search();
      });
    });
  });
  window.addEventListener('popstate', function () {
    restore().then(search);
  });

  engine.init().then(function (meta) {
    meta.sources.forEach(function (s) {
      var o = document.createElement('option');
      o.value = s[1];
      o.textContent = s[0] + ' (' + s[2] + ')';
      source.appendChild(o);
    });
    return restore();
  }).then(search, function (err) {
    status.textContent = 'The search index could not be loaded: ' + err.message;
    status.dataset.state = 'error';
  });
})();
