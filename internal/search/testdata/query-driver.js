// query-driver.js answers search queries on the fixture's index
// (testdata/index) for FuzzQuery, one at a time: it reads a JSON query a
// line on stdin, as the search page passes it to Engine.search, and
// prints a JSON line for each: how the query was parsed and the answer,
// or the exception it raised. Each query gets a new engine, so that no
// answer depends on the queries before it.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const readline = require("node:readline");

const E = require(path.join(__dirname, "../../../static/search/engine.js"));
const indexDir = path.join(__dirname, "index");

// Index files compiled once; a missing one rejects, as a failed script
// load does in the browser.
const scripts = new Map();
function script(p) {
  if (!scripts.has(p)) {
    let fn = null;
    try {
      fn = new Function("annalsSearch", fs.readFileSync(path.join(indexDir, p), "utf8"));
    } catch (err) {
      fn = null;
    }
    scripts.set(p, fn);
  }
  return scripts.get(p);
}

async function answer(opts) {
  const reg = new E.Registry();
  const load = (p) => {
    const fn = script(p);
    if (!fn) return Promise.reject(new Error("no index file " + p));
    fn(reg);
    return Promise.resolve();
  };
  const query = E.parse(opts.q || "");
  const r = await new E.Engine(load, reg).search(opts);
  return {
    parse: query,
    total: r.total,
    exact: r.exact,
    notes: r.notes,
    results: r.results.map((x) => ({ id: x.id, path: x.path })),
  };
}

const lines = readline.createInterface({ input: process.stdin });
const queue = [];
let busy = false;
async function next() {
  if (busy) return;
  busy = true;
  while (queue.length) {
    const line = queue.shift();
    let out;
    try {
      out = await answer(JSON.parse(line));
    } catch (err) {
      out = { error: String(err && err.stack || err) };
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  }
  busy = false;
}
lines.on("line", (line) => {
  queue.push(line);
  next();
});
lines.on("close", () => {
  const wait = () => (busy || queue.length ? setTimeout(wait, 10) : process.exit(0));
  wait();
});
