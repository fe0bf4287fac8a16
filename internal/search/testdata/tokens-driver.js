// tokens-driver.js reads lines on stdin and prints, for each, the JSON of
// its tokens as AnnalsText.tokens finds them: [word, term, matched text].
// textjs_test.go compares them with Go's search.Tokens.
"use strict";
const path = require("path");
const { tokens } = require(path.join(__dirname, "../../../static/search/text.js"));

const lines = require("fs").readFileSync(0, "utf8").split("\n");
if (lines[lines.length - 1] === "") lines.pop();
const out = lines.map((line) =>
  JSON.stringify(tokens(line).map((t) => [t.word, t.term, line.slice(t.start, t.end)])));
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
