// Unit tests of static/search/text.js. Run by TestNodeTests, or with
// `node --test internal/search/jstest/` from the module root.
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const root = path.join(__dirname, "../../..");
const textJS = path.join(root, "static/search/text.js");
const T = require(textJS);

test("stem: Porter2 examples", () => {
  const cases = {
    consign: "consign", consigned: "consign", consigning: "consign",
    consignment: "consign", consistency: "consist", consistently: "consist",
    consolation: "consol", consolatory: "consolatori", consolidated: "consolid",
    knackeries: "knackeri", knaves: "knave", kneeling: "kneel", knightly: "knight",
    knitted: "knit", knives: "knive",
    missile: "missil", missiles: "missil",
    congratulate: "congratul", congratulated: "congratul", congratulations: "congratul",
    running: "run", hopping: "hop", hoping: "hope", agreed: "agre", feed: "feed",
    caresses: "caress", ponies: "poni", ties: "tie", cries: "cri", gas: "gas",
    gaps: "gap", kiwis: "kiwi", bliss: "bliss",
    relational: "relat", conditional: "condit", rational: "ration",
    hopefulness: "hope", callousness: "callous", sensitivity: "sensit",
    electrical: "electr", formative: "format", allowance: "allow",
    replacement: "replac", adjustment: "adjust", adoption: "adopt",
    controll: "control", geology: "geolog", fully: "fulli", happily: "happili",
  };
  for (const [word, want] of Object.entries(cases)) {
    assert.strictEqual(T.stem(word), want, word);
  }
});

test("stem: exceptional forms", () => {
  const cases = {
    skies: "sky", skis: "ski", sky: "sky", news: "news", dying: "die",
    lying: "lie", tying: "tie", idly: "idl", gently: "gentl", ugly: "ugli",
    early: "earli", only: "onli", singly: "singl", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes", howe: "howe",
    innings: "inning", outings: "outing", herrings: "herring",
    earrings: "earring", cannings: "canning", succeeded: "succeed",
    proceeding: "proceed", exceeds: "exceed",
  };
  for (const [word, want] of Object.entries(cases)) {
    assert.strictEqual(T.stem(word), want, word);
  }
});

test("stem: gener, commun and arsen end R1 early", () => {
  assert.strictEqual(T.stem("generously"), "generous");
  assert.strictEqual(T.stem("generate"), "generat");
  assert.strictEqual(T.stem("general"), "general");
  assert.strictEqual(T.stem("communism"), "communism");
  assert.strictEqual(T.stem("communication"), "communic");
  assert.strictEqual(T.stem("arsenal"), "arsenal");
  assert.strictEqual(T.stem("arsenic"), "arsenic");
});

test("stem: y as a consonant", () => {
  assert.strictEqual(T.stem("yelling"), "yell");
  assert.strictEqual(T.stem("youth"), "youth");
  assert.strictEqual(T.stem("sayings"), "say");
  assert.strictEqual(T.stem("enjoying"), "enjoy");
  assert.strictEqual(T.stem("crying"), "cri");
  assert.strictEqual(T.stem("cried"), "cri");
});

test("stem: short words, case, apostrophes", () => {
  assert.strictEqual(T.stem("by"), "by");
  assert.strictEqual(T.stem("  Running "), "run");
  assert.strictEqual(T.stem("SKIES"), "sky");
  assert.strictEqual(T.stem("workers'"), "worker");
  assert.strictEqual(T.stem("korea’s"), "korea");
  assert.strictEqual(T.stem("'tis"), "tis");
});

test("stopWords: the list in tokens.go", () => {
  const src = fs.readFileSync(path.join(root, "internal/search/tokens.go"), "utf8");
  const m = /const StopWords = "([^"]*)"/.exec(src);
  assert.ok(m, "StopWords in tokens.go");
  assert.deepStrictEqual([...T.stopWords].sort(), m[1].split(" ").sort());
  assert.ok(T.stopWords.has("the"));
  assert.ok(!T.stopWords.has("us"), "us is also U.S.");
});

test("term: stop words, stems, other words as they are", () => {
  assert.strictEqual(T.term("the"), "");
  assert.strictEqual(T.term("would"), "");
  assert.strictEqual(T.term("missiles"), "missil");
  assert.strictEqual(T.term("us"), "us");
  assert.strictEqual(T.term("2022"), "2022");
  assert.strictEqual(T.term("38th"), "38th");
  assert.strictEqual(T.term("평양"), "평양");
  assert.strictEqual(T.term("москва"), "москва");
});

test("normalize: case, accents, apostrophes, dots", () => {
  const cases = {
    "Korea's": "korea", "Korea’s": "korea", "workers’": "workers",
    "O'Brien": "obrien", "don't": "dont", "U.S.": "us", "e.g.": "eg",
    "Zürich": "zurich", "São": "sao", "Ñuñoa": "nunoa", "CAFÉ": "cafe",
    "ΟΔΟΣ": "οδοσ", "οδός": "οδοσ", "İstanbul": "istanbul", "Москва": "москва",
  };
  for (const [word, want] of Object.entries(cases)) {
    assert.strictEqual(T.normalize(word), want, word);
  }
});

test("tokens: offsets in UTF-16 code units", () => {
  const text = "😀 The U.S. and 𝐁𝐨𝐥𝐝 Korea’s 38th missiles, café.";
  const got = T.tokens(text).map((t) => [t.word, t.term, text.slice(t.start, t.end), t.start]);
  assert.deepStrictEqual(got, [
    ["the", "", "The", 3],
    ["us", "us", "U.S.", 7],
    ["and", "", "and", 12],
    ["𝐁𝐨𝐥𝐝", "𝐁𝐨𝐥𝐝", "𝐁𝐨𝐥𝐝", 16],
    ["korea", "korea", "Korea’s", 25],
    ["38th", "38th", "38th", 33],
    ["missiles", "missil", "missiles", 38],
    ["cafe", "cafe", "café", 48],
  ]);
});

test("tokens: words longer than 40 UTF-8 bytes are left out", () => {
  const words = (text) => T.tokens(text).map((t) => t.word);
  assert.deepStrictEqual(words("a".repeat(40)), ["a".repeat(40)]);
  assert.deepStrictEqual(words("a".repeat(41)), []);
  assert.deepStrictEqual(words("α".repeat(20)), ["α".repeat(20)]);
  assert.deepStrictEqual(words("α".repeat(21)), []);
  assert.deepStrictEqual(words("U.S. " + "x.".repeat(30)), ["us", "x".repeat(30)]);
});

test("fileKey: a–z, 0–9 and - kept, the rest as code points", () => {
  assert.strictEqual(T.fileKey("missil"), "missil");
  assert.strictEqual(T.fileKey("38th"), "38th");
  assert.strictEqual(T.fileKey("zürich"), "z_fc_rich");
  assert.strictEqual(T.fileKey("long-range"), "long-range");
  assert.strictEqual(T.fileKey("A.b"), "_41__2e_b");
  assert.strictEqual(T.fileKey("a😀"), "a_1f600_");
  assert.strictEqual(T.fileKey("평양"), "_d3c9__c591_");
  assert.strictEqual(T.fileKey(""), "");
});

test("a classic script sets globalThis.AnnalsText", () => {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(textJS, "utf8"), context, { filename: textJS });
  const A = context.AnnalsText;
  assert.strictEqual(typeof A, "object");
  for (const name of ["tokens", "normalize", "term", "stem", "fileKey"]) {
    assert.strictEqual(typeof A[name], "function", name);
  }
  assert.strictEqual(A.term("congratulations"), "congratul");
});
