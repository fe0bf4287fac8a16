// Unit tests of static/search/engine.js on the index of the Go fixture
// (testdata/index, written by TestIndexGolden). Run by TestNodeTests, or
// with `node --test internal/search/jstest/` from the module root.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");

const root = path.join(__dirname, "../../..");
const E = require(path.join(root, "static/search/engine.js"));
const indexDir = path.join(__dirname, "../testdata/index");

// Fixture ids: index order is undated first, then by date and path.
const ID = {
  explainer: 0, talks: 1, doubts: 2, proposed: 3, gauge: 4, accord: 5, council: 6,
  herring: 7, trawlers: 8, quota: 9, treaty: 10, train: 11, summit: 12,
};

// engine returns an engine over the fixture index and the list of files
// it has loaded.
function engine() {
  const reg = new E.Registry();
  const loaded = [];
  const load = (p) => new Promise((resolve, reject) => {
    loaded.push(p);
    fs.readFile(path.join(indexDir, p), "utf8", (err, src) => {
      if (err) return reject(err);
      new Function("annalsSearch", src)(reg);
      resolve();
    });
  });
  return { eng: new E.Engine(load, reg), loaded };
}

async function ids(opts) {
  const { eng } = engine();
  const r = await eng.search(Object.assign({ size: 20 }, opts));
  return r.results.map((x) => x.id);
}

const sorted = (a) => a.slice().sort((x, y) => x - y);

test("decode: posting lists, sets and varints", () => {
  // 0 → A; 33 → "h" (1 | 32) then "B" (1): low five bits first.
  assert.deepStrictEqual(E.decodeVarints("AhB"), [0, 33]);
  assert.deepStrictEqual(E.decodePostings("CkDl"), { ids: [2, 5], imp: [36, 37] });
  assert.deepStrictEqual(E.decodeSet("LCD"), [2, 5]);
  // bitmap: char 0 = 0b100101 → docs 0, 2, 5; char 1 = 0b000010 → doc 7.
  assert.deepStrictEqual(E.decodeSet("BlC"), [0, 2, 5, 7]);
});

test("parse: words, phrases and the word being typed", () => {
  let q = E.parse("missiles launched");
  assert.deepStrictEqual(q.words.map((w) => [w.term, w.prefix]), [["missil", false], ["launch", true]]);
  q = E.parse("missiles launched ");
  assert.strictEqual(q.words[1].prefix, false);
  q = E.parse('"workers party of korea" kim');
  assert.deepStrictEqual(q.phrases, [["workers", "party", "of", "korea"]]);
  assert.deepStrictEqual(q.words.map((w) => w.term), ["worker", "parti", "korea", "kim"]);
  assert.strictEqual(E.parse('"grey sea"').words.some((w) => w.prefix), false);
  assert.deepStrictEqual(E.parse("the of and").words, []);
});

test("search: every article with a word, ranked by weight", async () => {
  const { eng } = engine();
  const r = await eng.search({ q: "herring ", size: 20 });
  assert.deepStrictEqual(sorted(r.results.map((x) => x.id)), [ID.council, ID.herring, ID.treaty]);
  // The title and repeated mentions weigh more than one mention.
  assert.strictEqual(r.results[0].id, ID.herring);
  assert.strictEqual(r.total, 3);
});

test("search: all words must match", async () => {
  assert.deepStrictEqual(sorted(await ids({ q: "bridge merrin " })), [ID.explainer, ID.doubts, ID.proposed, ID.train]);
  assert.deepStrictEqual(await ids({ q: "herring treaty " }), [ID.treaty]);
});

test("search: inflected forms meet", async () => {
  assert.deepStrictEqual(sorted(await ids({ q: "congratulated " })), [ID.accord, ID.council]);
  assert.deepStrictEqual(sorted(await ids({ q: "trawler " })), [ID.trawlers]);
});

test("search: frequent terms with top postings and a set of the rest", async () => {
  // "arvenia" is in more documents than the fixture's top limit, so its
  // file has a bitmap of all of them.
  const got = sorted(await ids({ q: "arvenia " }));
  assert.deepStrictEqual(got, [ID.talks, ID.gauge, ID.accord, ID.quota, ID.treaty, ID.train, ID.summit]);
});

test("search: aliases of names find their articles", async () => {
  assert.deepStrictEqual(sorted(await ids({ q: "RoA " })), sorted(await ids({ q: "arvenia " })));
  assert.deepStrictEqual(sorted(await ids({ q: "KF " })), sorted(await ids({ q: "kestrel " })));
});

test("search: the word being typed is a prefix", async () => {
  assert.deepStrictEqual(sorted(await ids({ q: "herr" })), [ID.council, ID.herring, ID.treaty]);
  // A word typed past its stem still finds it: congratulat → congratul.
  assert.deepStrictEqual(sorted(await ids({ q: "congratulat" })), [ID.accord, ID.council]);
});

test("search: quoted phrases match words in a row", async () => {
  assert.deepStrictEqual(sorted(await ids({ q: '"rail bridge"' })), [ID.proposed]);
  assert.deepStrictEqual(await ids({ q: '"bridge rail"' }), []);
  // Stop words inside a phrase count.
  assert.deepStrictEqual(sorted(await ids({ q: '"bridge at merrin"' })), [ID.explainer, ID.doubts, ID.train]);
  assert.deepStrictEqual(sorted(await ids({ q: '"bridge over the selva"' })), [ID.proposed]);
});

test("search: one typo in a word of five letters or more", async () => {
  const { eng } = engine();
  const r = await eng.search({ q: "trawelrs ", size: 20 });
  assert.deepStrictEqual(r.results.map((x) => x.id), [ID.trawlers]);
  assert.deepStrictEqual(r.notes.filter((n) => n.kind === "typo").map((n) => n.match), ["trawlers"]);
  assert.deepStrictEqual(sorted(await ids({ q: "hering " })), [ID.council, ID.herring, ID.treaty]);
  // Words shorter than five letters are not corrected.
  assert.deepStrictEqual(await ids({ q: "quta " }), []);
  assert.deepStrictEqual(sorted(await ids({ q: "quota " })), [ID.council, ID.quota, ID.treaty]);
});

test("search: a word in no article says so", async () => {
  const { eng } = engine();
  const r = await eng.search({ q: "zeppelin " });
  assert.strictEqual(r.total, 0);
  assert.deepStrictEqual(r.notes, [{ kind: "unknown", word: "zeppelin" }]);
  // With other words, the others still find articles.
  const r2 = await eng.search({ q: "zeppelin herring " });
  assert.strictEqual(r2.total, 3);
});

test("filters: people, places, organizations, sources and dates", async () => {
  assert.deepStrictEqual(sorted(await ids({ people: ["ilse-dorn"] })), [ID.proposed, ID.accord, ID.quota, ID.summit]);
  assert.deepStrictEqual(sorted(await ids({ q: "railway ", places: ["kestrel-federation"] })), [ID.talks, ID.gauge, ID.accord]);
  assert.deepStrictEqual(sorted(await ids({ organizations: ["grey-sea-fisheries-council"], source: "toriva-morning-post" })), [ID.council, ID.herring]);
  assert.deepStrictEqual(sorted(await ids({ q: "bridge ", from: "2023-06-09", to: "2023-06-09" })), [ID.doubts, ID.proposed]);
  assert.deepStrictEqual(sorted(await ids({ q: "bridge ", from: "2024-01-01" })), [ID.train]);
  assert.deepStrictEqual(sorted(await ids({ q: "bridge ", to: "2023-12-31" })), [ID.doubts, ID.proposed]);
});

test("filters: a name the archive does not have matches nothing and says so", async () => {
  const { eng } = engine();
  const r = await eng.search({ q: "bridge ", people: ["nobody"], source: "no-such-paper" });
  assert.strictEqual(r.total, 0);
  assert.deepStrictEqual(r.notes, [
    { kind: "no-name", facet: "people", key: "nobody" },
    { kind: "no-name", facet: "sources", key: "no-such-paper" },
  ]);
  // Without the unknown names, the same words find their articles.
  assert.strictEqual((await eng.search({ q: "bridge " })).total, 4);
});

test("order: newest and oldest first", async () => {
  assert.deepStrictEqual(await ids({ q: "herring ", sort: "newest" }), [ID.treaty, ID.herring, ID.council]);
  assert.deepStrictEqual(await ids({ q: "herring ", sort: "oldest" }), [ID.council, ID.herring, ID.treaty]);
  // Filters alone list newest first, undated last.
  assert.deepStrictEqual(await ids({ source: "vask-ledger" }), [ID.quota, ID.accord, ID.explainer]);
});

test("pages: results come ten at a time", async () => {
  const { eng } = engine();
  const all = await eng.search({ q: "", source: "grey-sea-wire", size: 2, page: 0 });
  const next = await eng.search({ q: "", source: "grey-sea-wire", size: 2, page: 1 });
  assert.strictEqual(all.total, 5);
  assert.deepStrictEqual(all.results.map((r) => r.id), [ID.summit, ID.train]);
  assert.deepStrictEqual(next.results.map((r) => r.id), [ID.gauge, ID.doubts]);
});

test("loading: a query loads only its shards and its results", async () => {
  const { eng, loaded } = engine();
  await eng.search({ q: "herring ", size: 10 });
  assert.deepStrictEqual(loaded.filter((p) => !p.startsWith("f/")), ["meta.js", "t/h.js"]);
  assert.strictEqual(loaded.filter((p) => p.startsWith("f/")).length, 3);
  loaded.length = 0;
  await eng.search({ q: "herring ", size: 10 });
  assert.deepStrictEqual(loaded, [], "a repeated query loads nothing");
});

test("results: titles and snippets mark the words found", async () => {
  const { eng } = engine();
  const r = await eng.search({ q: "herring grounds " });
  const res = r.results[0];
  assert.strictEqual(res.path, "2024/06/28/herring-closure/");
  assert.deepStrictEqual(res.titleParts.filter((p) => p.mark).map((p) => p.text), ["Herring", "Grounds"]);
  const marked = res.snippet.filter((p) => p.mark).map((p) => p.text.toLowerCase());
  assert.ok(marked.includes("herring") && marked.includes("grounds"), JSON.stringify(res.snippet));
  assert.strictEqual(res.snippet.map((p) => p.text).join(""), "The herring grounds will close for four months each winter. Herring catches fell for a third year.");
});

test("snippet: a window around the matches, with ellipses", () => {
  const words = [];
  for (let i = 0; i < 100; i++) words.push("w" + i);
  words[60] = "needle";
  const text = words.join(" ");
  const parts = E.snippet(text, (t) => t.word === "needle", 30);
  const s = parts.map((p) => p.text).join("");
  assert.ok(s.startsWith("… w54 "), s);
  assert.ok(s.endsWith(" …"), s);
  assert.deepStrictEqual(parts.filter((p) => p.mark).map((p) => p.text), ["needle"]);
});

test("edits: one letter deleted, swapped, changed or added", () => {
  const e = new Set(E.edits("abc"));
  for (const w of ["bc", "ac", "ab", "bac", "acb", "xbc", "abx", "xabc", "abcx"]) assert.ok(e.has(w), w);
  assert.ok(!e.has("abc"));
});

test("frequent terms: the top documents first, every document when needed", async () => {
  // "arvenia" is in 7 documents and the fixture keeps the top 4.
  let { eng, loaded } = engine();
  let r = await eng.search({ q: "arvenia ", size: 3 });
  assert.strictEqual(r.results.length, 3);
  assert.strictEqual(r.total, 7);
  assert.strictEqual(r.exact, true);
  assert.ok(!loaded.includes("p/arvenia.all.js"), loaded.join(" "));

  // With a rarer word, candidates come from it and the frequent word is
  // checked against each result's file: the answer is exact.
  const want = sorted(await ids({ q: "railway ", places: ["arvenia"] }));
  ({ eng, loaded } = engine());
  r = await eng.search({ q: "arvenia railway ", size: 20 });
  assert.deepStrictEqual(sorted(r.results.map((x) => x.id)), want);
  assert.ok(!loaded.includes("p/arvenia.all.js"), loaded.join(" "));

  // Ordered by date, every document is needed.
  ({ eng, loaded } = engine());
  r = await eng.search({ q: "arvenia ", sort: "newest", size: 20 });
  assert.deepStrictEqual(r.results.map((x) => x.id), [ID.summit, ID.train, ID.treaty, ID.quota, ID.accord, ID.gauge, ID.talks]);
  assert.ok(loaded.includes("p/arvenia.all.js"));
});
