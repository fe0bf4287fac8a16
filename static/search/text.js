/*
 * text.js: the words of the search index, in the browser.
 *
 * AnnalsText splits text into words, folds them and stems them exactly as
 * the index builder does (Tokens in internal/search/tokens.go), so that a
 * query finds the terms the index was written with. The two must stay
 * identical in behaviour: internal/search/textjs_test.go runs both on
 * internal/search/testdata/words.txt (and on the research corpora when
 * they are present) and compares every token.
 *
 * A classic script: it sets globalThis.AnnalsText, and module.exports
 * when loaded by node.
 *
 *   tokens(text)  [{word, term, start, end}]; start and end are offsets in
 *                 the string (UTF-16 code units); term is "" for a stop word
 *   normalize(w)  lower case, accents, apostrophes and dots removed
 *   term(w)       the index term of a normalised word
 *   stem(w)       Porter2 (Snowball English), as github.com/kljensen/snowball
 *                 english.Stem(w, true) gives it
 *   stopWords     the Set of words left out of the index
 *   fileKey(s)    the file name of a term (format.md, "Files")
 *
 * Unicode classes come from the JavaScript engine and Go's tables from the
 * Go release; characters assigned after Go's Unicode version are letters
 * here and not there.
 */
(function (root) {
  "use strict";

  // Go: `(?:\pL\.){2,}|[\pL\pM\pN]+(?:['’][\pL\pM]+)*`. Dotted initialisms
  // ("U.S.") first, then runs of letters, marks and digits, with
  // apostrophes between letters ("Korea's", "O'Brien").
  const wordPattern = /(?:\p{L}\.){2,}|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*/gu;

  // The longest indexed word, in UTF-8 bytes as Go counts it.
  const maxWord = 40;

  const stopWords = new Set(
    ("a an and are as at be been but by for from had has have he her his i if in " +
      "into is it its of on or she that the their them there they this to was we " +
      "were which will with would you").split(" "));

  function tokens(text) {
    const out = [];
    for (const m of text.matchAll(wordPattern)) {
      const word = normalize(m[0]);
      if (word === "" || utf8Length(word) > maxWord) continue;
      out.push({ word, term: term(word), start: m.index, end: m.index + m[0].length });
    }
    return out;
  }

  // normalize folds a word found by the pattern: lower case, final sigma
  // as sigma, accents removed (NFD, then marks dropped), a possessive "'s"
  // and then every apostrophe and dot removed.
  function normalize(word) {
    if (plain.test(word)) return word.toLowerCase();
    let w = lower(word).replace(/ς/g, "σ");
    if (/[^\x00-\x7f]/.test(w)) w = w.normalize("NFD").replace(/\p{M}/gu, "");
    w = w.replace(/’/g, "'");
    if (w.endsWith("'s")) w = w.slice(0, -2);
    return w.replace(/['.]/g, "");
  }

  // plain words need nothing but lower case.
  const plain = /^[A-Za-z0-9]+$/;

  // term is "" for a stop word, the stem of a word of three or more
  // letters a–z, and the word itself otherwise (numbers, other scripts).
  function term(word) {
    if (stopWords.has(word)) return "";
    if (!/^[a-z]{3,}$/.test(word)) return word;
    let t = stems.get(word);
    if (t === undefined) {
      if (stems.size >= 50000) stems.clear();
      t = stem(word);
      stems.set(word, t);
    }
    return t;
  }

  // stems remembers the stems of words seen: snippets tokenise whole
  // articles, and their words repeat.
  const stems = new Map();

  // lower is Go's strings.ToLower: each character on its own, so "İ" is
  // "i" and "Σ" is always "σ" (String.toLowerCase gives "i̇", and "ς" at
  // the end of a word).
  function lower(s) {
    if (!/[^\x00-\x7f]/.test(s)) return s.toLowerCase();
    return Array.from(s, (c) => (c === "\u0130" ? "i" : c.toLowerCase())).join("");
  }

  function utf8Length(s) {
    let n = 0;
    for (const c of s) {
      const cp = c.codePointAt(0);
      n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
    return n;
  }

  // fileKey is Go's FileKey: a–z, 0–9 and "-" stay, any other character
  // becomes "_", its code point in lower-case hexadecimal and "_"; a name
  // Windows keeps for a device (con, nul, com1, …) gets a "_" after it.
  function fileKey(s) {
    let out = "";
    for (const c of s) {
      let cp = c.codePointAt(0);
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x2d) {
        out += c;
        continue;
      }
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate, as Go reads it
      out += "_" + cp.toString(16) + "_";
    }
    if (/^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/.test(out)) out += "_";
    return out;
  }

  /*
   * Porter2, the Snowball English stemmer
   * (https://snowballstem.org/algorithms/english/stemmer.html).
   *
   * The index is stemmed by kljensen/snowball (the version in go.mod), so
   * this follows it where it departs from the description: the words that
   * step 1a must leave alone ("innings", "proceeds", …) are exceptional
   * forms, looked up on the word as given, and every leading apostrophe
   * is removed, not one.
   *
   * The word is an array of characters (code points), as lengths and
   * regions count characters.
   */

  const exceptions = new Map(Object.entries({
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli",
    singly: "singl", sky: "sky", news: "news", howe: "howe", atlas: "atlas",
    cosmos: "cosmos", bias: "bias", andes: "andes",
    inning: "inning", innings: "inning", outing: "outing", outings: "outing",
    canning: "canning", cannings: "canning", herring: "herring",
    herrings: "herring", earring: "earring", earrings: "earring",
    proceed: "proceed", proceeds: "proceed", proceeded: "proceed",
    proceeding: "proceed", exceed: "exceed", exceeds: "exceed",
    exceeded: "exceed", exceeding: "exceed", succeed: "succeed",
    succeeds: "succeed", succeeded: "succeed", succeeding: "succeed",
  }));

  const isVowel = (c) => c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y";

  function stem(input) {
    const word = lower(input.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, ""));
    if (utf8Length(word) <= 2) return word;
    if (exceptions.has(word)) return exceptions.get(word);

    let w = Array.from(word.replace(/[’‘‛]/g, "'"));
    let lead = 0;
    while (lead < w.length - 1 && w[lead] === "'") lead++;
    w = w.slice(lead);

    // Y is a consonant: initial y, and y after a vowel.
    for (let i = 0; i < w.length; i++) {
      if (w[i] === "y" && (i === 0 || isVowel(w[i - 1]))) w[i] = "Y";
    }

    // R1 is the region after the first non-vowel following a vowel (or
    // after gener, commun, arsen), R2 the same region within R1.
    const afterVowelConsonant = (from) => {
      for (let i = from + 1; i < w.length; i++) {
        if (isVowel(w[i - 1]) && !isVowel(w[i])) return i + 1;
      }
      return w.length;
    };
    const text = w.join("");
    const prefix = ["gener", "commun", "arsen"].find((p) => text.startsWith(p));
    let r1 = prefix ? prefix.length : afterVowelConsonant(0);
    let r2 = afterVowelConsonant(r1);

    const ends = (s) => s.length <= w.length && w.slice(w.length - s.length).join("") === s;
    const longest = (suffixes) => suffixes.find(ends) || "";
    const inR1 = (s) => w.length - s.length >= r1;
    const inR2 = (s) => w.length - s.length >= r2;
    const replace = (s, by) => {
      w.splice(w.length - s.length, s.length, ...by);
      r1 = Math.min(r1, w.length);
      r2 = Math.min(r2, w.length);
    };
    // A short syllable ends at i: non-vowel, vowel, non-vowel other than
    // w, x and Y; or, at the start of the word, vowel, non-vowel.
    const shortSyllable = (i) => {
      if (i === 2) return isVowel(w[0]) && !isVowel(w[1]);
      if (i < 3) return false;
      const c = w[i - 1];
      return !isVowel(c) && c !== "w" && c !== "x" && c !== "Y" && isVowel(w[i - 2]) && !isVowel(w[i - 3]);
    };
    const hasVowel = (end) => w.slice(0, end).some(isVowel);

    // Step 0: apostrophe endings.
    let s = longest(["'s'", "'s", "'"]);
    if (s) replace(s, "");

    // Step 1a: plural s.
    s = longest(["sses", "ied", "ies", "us", "ss", "s"]);
    if (s === "sses") replace(s, "ss");
    else if (s === "ied" || s === "ies") replace(s, w.length > 4 ? "i" : "ie");
    else if (s === "s" && hasVowel(w.length - 2)) replace(s, "");

    // Step 1b: -ed, -ing, -ly.
    s = longest(["eedly", "ingly", "edly", "ing", "eed", "ed"]);
    if (s === "eed" || s === "eedly") {
      if (inR1(s)) replace(s, "ee");
    } else if (s && hasVowel(w.length - s.length)) {
      let [keep1, keep2] = [r1, r2];
      replace(s, "");
      const t = longest(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
      if (t === "at" || t === "bl" || t === "iz") {
        w.push("e");
      } else if (t) {
        w.pop();
      } else if (r1 >= w.length && shortSyllable(w.length)) {
        w.push("e"); // a short word: R1 and R2 stay empty
        keep1 = keep2 = w.length;
      }
      r1 = Math.min(keep1, w.length);
      r2 = Math.min(keep2, w.length);
    }

    // Step 1c: y after a non-vowel (not the first letter) is i.
    const n = w.length;
    if (n > 2 && (w[n - 1] === "y" || w[n - 1] === "Y") && !isVowel(w[n - 2])) w[n - 1] = "i";

    // Step 2: suffixes in R1.
    s = longest(["ational", "fulness", "iveness", "ization", "ousness",
      "biliti", "lessli", "tional", "alism", "aliti", "ation", "entli",
      "fulli", "iviti", "ousli", "anci", "abli", "alli", "ator", "enci",
      "izer", "bli", "ogi", "li"]);
    if (s && inR1(s)) {
      if (s === "li") {
        if ("cdeghkmnrt".includes(w[w.length - 3] || "-")) replace(s, "");
      } else if (s === "ogi") {
        if (w[w.length - 4] === "l") replace(s, "og");
      } else {
        replace(s, step2[s]);
      }
    }

    // Step 3: suffixes in R1, -ative in R2.
    s = longest(["ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness"]);
    if (s && inR1(s)) {
      if (s !== "ative") replace(s, step3[s]);
      else if (inR2(s)) replace(s, "");
    }

    // Step 4: suffixes in R2.
    s = longest(["ement", "ance", "ence", "able", "ible", "ment", "ent", "ant",
      "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"]);
    if (s && inR2(s)) {
      if (s !== "ion") replace(s, "");
      else if (w[w.length - 4] === "s" || w[w.length - 4] === "t") replace(s, "");
    }

    // Step 5: e in R2, or in R1 after no short syllable; ll in R2.
    const last = w.length - 1;
    if (r1 <= last) {
      if (w[last] === "e") {
        if (r2 <= last || !shortSyllable(last)) w.pop();
      } else if (w[last] === "l" && r2 <= last && w[last - 1] === "l") {
        w.pop();
      }
    }

    return w.join("").replace(/Y/g, "y");
  }

  const step2 = {
    ational: "ate", fulness: "ful", iveness: "ive", ization: "ize",
    ousness: "ous", biliti: "ble", lessli: "less", tional: "tion",
    alism: "al", aliti: "al", ation: "ate", entli: "ent", fulli: "ful",
    iviti: "ive", ousli: "ous", anci: "ance", abli: "able", alli: "al",
    ator: "ate", enci: "ence", izer: "ize", bli: "ble",
  };
  const step3 = {
    ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic",
    ical: "ic", ful: "", ness: "",
  };

  const AnnalsText = { tokens, normalize, term, stem, stopWords, fileKey };
  root.AnnalsText = AnnalsText;
  if (typeof module !== "undefined" && module.exports) module.exports = AnnalsText;
})(globalThis);
