/*
 * Thai search for the review site (khrongkan).
 *
 * Thai is written without spaces between words, so the search engine (lunr, inside
 * Material's search worker) cannot find a word inside a sentence by itself. At build time
 * generator/search_index.py cut the Thai text of the search entries into words
 * (PyThaiNLP) and joined them with zero-width spaces (U+200B), which the search separator
 * in mkdocs.yml treats as a word break; it also added a field "thai" that lists the
 * dictionary words found where another cut would put a word (except those that begin a longer
 * word: the "+word*" prefix search below finds them). Nothing visible changes on the page.
 *
 * (generator/lunr_index.py then built the lunr index itself, which khrongkan's search worker,
 * generator/search_worker.js, loads in place of Material's index build.)
 *
 * Here the query gets the same treatment before Material's search worker sees it: every
 * run of Thai letters is cut into words taken from the index's own vocabulary
 * (search/vocabulary.json, written beside the index: a few kilobytes, so the page does not
 * download and parse the whole index a second time while Material's worker builds it; falling back
 * to the browser's Intl.Segmenter for words the index does not have), and every word
 * becomes a required prefix term ("+word*"). So "กองทุนสวัสดิการ" finds the pages that
 * contain both words, and not every page that contains either.
 *
 * Hook: Material sends {type: 2 (QUERY), data: "what the user typed"} to its search worker
 * with worker.postMessage; the query is rewritten there. Queries without Thai letters, or
 * with search syntax typed by the user (+ - * ~ ^ : "), pass unchanged. A Thai query typed
 * before the vocabulary is here waits for it (or for its failure), so it is sent once, cut right.
 */
(function () {
  "use strict";

  var QUERY = 2; // Material's SearchMessageType.QUERY
  var THAI = /[\u0E00-\u0E7F]/;
  var SYNTAX = /[+\-*~^:"]/;

  var words = null; // Thai words of the index
  var prefixes = null; // every prefix of those words
  var longest = 0;
  var segmenter = typeof Intl !== "undefined" && Intl.Segmenter
    ? new Intl.Segmenter("th", { granularity: "word" })
    : null;

  function vocabularyUrl() {
    var base = ".";
    var config = document.getElementById("__config");
    if (config) {
      try {
        base = JSON.parse(config.textContent).base || ".";
      } catch (error) {
        base = ".";
      }
    }
    return new URL("search/vocabulary.json", new URL(base.replace(/\/?$/, "/"), location.href)).href;
  }

  function learn(vocabulary) {
    var known = new Set();
    var starts = new Set();
    vocabulary.forEach(function (word) {
      if (typeof word !== "string" || !word || known.has(word)) return;
      known.add(word);
      longest = Math.max(longest, word.length);
      for (var i = 1; i <= word.length; i++) starts.add(word.slice(0, i));
    });
    words = known;
    prefixes = starts;
  }

  /* Fewest words from the vocabulary; the last piece may be a word still being typed. */
  function cut(run) {
    var n = run.length;
    var best = [0];
    var back = [];
    for (var k = 1; k <= n; k++) best.push(Infinity);
    for (var i = 0; i < n; i++) {
      if (best[i] === Infinity) continue;
      for (var j = i + 1; j <= Math.min(n, i + longest); j++) {
        var piece = run.slice(i, j);
        if ((words.has(piece) || (j === n && prefixes.has(piece))) && best[i] + 1 < best[j]) {
          best[j] = best[i] + 1;
          back[j] = i;
        }
      }
    }
    if (best[n] === Infinity) return null;
    var pieces = [];
    for (var end = n; end > 0; end = back[end]) pieces.unshift(run.slice(back[end], end));
    return pieces;
  }

  function fallback(run) {
    if (!segmenter) return [run];
    var pieces = [];
    for (var part of segmenter.segment(run)) {
      if (part.isWordLike) pieces.push(part.segment);
    }
    return pieces.length ? pieces : [run];
  }

  function terms(part) {
    var found = [];
    part.split(/([\u0E00-\u0E7F]+)/).forEach(function (chunk, index) {
      if (!chunk) return;
      if (index % 2) {
        (words && cut(chunk) || fallback(chunk)).forEach(function (word) { found.push(word); });
      } else {
        chunk.split(/[^\p{L}\p{N}]+/u).forEach(function (word) { if (word) found.push(word); });
      }
    });
    return found;
  }

  function rewrite(query) {
    if (typeof query !== "string" || !THAI.test(query)) return query;
    return query.split(/\s+/).filter(Boolean).map(function (part) {
      if (!THAI.test(part) || SYNTAX.test(part)) return part;
      return terms(part).map(function (word) { return "+" + word + "*"; }).join(" ");
    }).join(" ");
  }

  /* Material reads the search box on key-up. Text that comes without keys (pasted, or from a
     phone's Thai keyboard) has none: send one, so that text is searched too. */
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (box && box.matches && box.matches("input[data-md-component=search-query]")) {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    }
  });

  if (typeof Worker === "undefined") return; // no search worker, nothing to rewrite

  var post = Worker.prototype.postMessage;
  var settled = false; // the vocabulary is known, or could not be read
  var pending = null; // a Thai query typed before that: sent once it is settled

  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      if (!settled && THAI.test(message.data)) {
        pending = { worker: this, query: message.data }; // one query, cut right, instead of two
        return undefined;
      }
      pending = null;
      var args = Array.prototype.slice.call(arguments);
      args[0] = { type: QUERY, data: rewrite(message.data) };
      return post.apply(this, args);
    }
    return post.apply(this, arguments);
  };

  var ready = fetch(vocabularyUrl(), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (vocabulary) {
      learn(vocabulary);
      return true;
    })
    .catch(function () { return false; })
    .then(function (learned) {
      settled = true;
      if (pending) {
        post.call(pending.worker, { type: QUERY, data: rewrite(pending.query) });
        pending = null;
      }
      return learned;
    });

  window.khrongkanSearch = { ready: ready, rewrite: rewrite };
})();
