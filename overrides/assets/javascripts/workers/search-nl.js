/* Search worker (a worker, not a page component: not in the ks.js bundle). Material's own,
   named after the "#" of this script's address, with a query that answers questions. Before
   Material turns each word into a prefix query:
   - Dutch stop words and question words are left out, unless the query has nothing else, so
     "wat moet ik als gemeente eerst doen" searches for "gemeente eerst" (the index has no stop
     words, and as prefixes they matched every word that starts with "in", "de", "een" ...);
   - a word that starts no word in the index is a typo: it is replaced by the index words one
     edit away (two for long words), so "ketenaanpk" searches for "ketenaanpak".
   Runs as a worker and, in the offline edition, in the iframe of the worker shim (where
   importScripts loads asynchronously): messages wait until Material's worker is loaded. */
"use strict";
(() => {
  const SETUP = 0;
  const QUERY = 2;
  const EXACT = 3; // a word as typed counts this much more than the longer words it starts
  let handle; // Material's message handler
  let index; // the lunr index Material builds
  let extra = new Set(); // question words from data/search.yaml, sent in the index's config

  const add = self.addEventListener;
  self.addEventListener = function (type, listener, ...rest) {
    if (type !== "message") return add.call(this, type, listener, ...rest);
    handle = listener;
  };
  const self_url = self.document ? document.currentScript.src : location.href; // iframe or worker
  const name = decodeURIComponent(new URL(self_url).hash.slice(1)).split("?")[0]; // the shim appends "?time"
  const loaded = Promise.resolve(importScripts(new URL(name, self_url).href)).then(() => {
    const build = lunr.Builder.prototype.build;
    lunr.Builder.prototype.build = function () {
      return (index = build.call(this));
    };
  });

  const isStopWord = (word) => extra.has(word) || (lunr.nl && !lunr.nl.stopWordFilter(word));

  /** Index words within `distance` edits of `word`. */
  function near(word, distance) {
    return index.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(word, distance)).toArray();
  }

  function known(word) {
    return index.tokenSet.intersect(lunr.TokenSet.fromString(word + "*")).toArray().length > 0;
  }

  /** The query as Material should see it: without stop words, typos replaced. */
  function rewrite(query) {
    const separator = lunr.tokenizer.separator;
    const parts = query.trim().split(/\s+/);
    const plain = (part) => part.toLowerCase().split(separator).filter(Boolean);
    const kept = parts.filter((part) => !/^[+-]/.test(part) && !plain(part).every(isStopWord));
    const words = kept.length ? kept : parts;
    if (!index || /["*~^:]/.test(query)) return words.join(" "); // a lunr query of its own
    const exact = words.length > 1; // one word: every word it starts is as good a match
    const out = [];
    for (const part of words) {
      if (/^[+-]/.test(part)) {
        out.push(part);
        continue;
      }
      for (const word of plain(part)) {
        if (word.length < 5 || /\d/.test(word) || known(word)) out.push(...(exact ? [`${word}^${EXACT}`, word] : [word]));
        else {
          const found = near(word, 1);
          const fixed = found.length || word.length < 8 ? found : near(word, 2);
          out.push(...(fixed.length ? fixed.slice(0, 5) : [word]));
        }
      }
    }
    return out.join(" ");
  }

  add.call(self, "message", async (ev) => {
    await loaded;
    const message = ev.data;
    if (message.type === SETUP) extra = new Set(message.data.config.question_words || []);
    if (message.type === QUERY && typeof message.data === "string")
      return handle({ data: { ...message, data: rewrite(message.data) } });
    return handle(ev);
  });
})();
