/* khrongkan search worker */
/*
 * Material's search worker, given the lunr index that khrongkan built with the site.
 *
 * Installed by generator/lunr_index.py in place of Material's worker file; Material's own file
 * stays beside it (__MATERIAL_WORKER__) and is loaded below, so queries, ranking and
 * highlighting are Material's. Material's worker builds its lunr index from the documents of
 * search/search_index.json before it answers anything; at 1,000 proposals that was most of the
 * first query's time. Here the index is read instead from search/lunr_index.json, made at
 * build time by the same rules (lunr 2.3.9 with Material's settings), and loaded with
 * lunr.Index.load, which is many times faster than building it. That file also holds the
 * documents, which this worker downloads itself as soon as it starts: the page's
 * search/search_index.json has none, so the page (busy laying itself out at that moment) no
 * longer downloads, parses and copies them before the worker can begin.
 *
 * How: Material's search class calls the global `lunr(config)` to build its index. That is
 * replaced by a function that runs Material's configuration on a real lunr builder, so every
 * setting Material makes is made, collects the documents instead of indexing them, and returns
 * the loaded index. It adds the word positions of the fields the documents carry (the title),
 * which Material uses to highlight a match, by running Material's own tokenizer on them.
 * When the index was built with settings this Material does not use, the documents are indexed
 * here as Material always did (the words only the index holds are then not found).
 */
(function () {
  "use strict";

  var SETUP = 0; // Material's SearchMessageType.SETUP
  var READY = 1; // Material's SearchMessageType.READY
  var FORMAT = 1; // of search/lunr_index.json (generator/lunr_index.py)
  var FILE_URL = new URL("../../../search/lunr_index.json", self.location.href).href;
  var OPTIONS = { suggest: false }; // Material's search options unless the page asks for others

  var prebuilt = null; // search/lunr_index.json
  var state = "loading"; // then "setting up" (our own setup), "ready" or "failed"
  var queue = []; // the page's messages while loading or setting up
  var passing = false;
  var send = self.postMessage;

  /* Everything the page sends waits here until the index is loaded, then goes to Material in
     order, one task each (Material's setup finishes before the next message is handled). */
  self.addEventListener("message", function (event) {
    if (passing) return;
    event.stopImmediatePropagation();
    if ((state === "ready" || state === "failed") && !queue.length) {
      handle(event.data);
    } else {
      queue.push(event.data);
    }
  });

  function flush() {
    var messages = queue;
    queue = [];
    messages.forEach(function (message) { setTimeout(function () { handle(message); }, 0); });
  }

  function handle(message) {
    if (state === "ready" && message && message.type === SETUP) {
      var options = message.data && message.data.options;
      if (JSON.stringify(options || OPTIONS) === JSON.stringify(OPTIONS)) {
        send.call(self, { type: READY }); // set up already, with these options
      } else {
        pass({ type: SETUP, data: { config: prebuilt.config, docs: prebuilt.docs, options: options } });
      }
    } else {
      pass(message);
    }
  }

  function pass(message) {
    passing = true;
    try {
      self.dispatchEvent(new MessageEvent("message", { data: message }));
    } finally {
      passing = false;
    }
  }

  /* Set up as soon as the file is here, while the page is still busy with its own layout; the
     READY of this setup is sent when the page sends its setup message. */
  self.postMessage = function (message) {
    if (state === "setting up" && message && message.type === READY) {
      state = "ready";
      flush();
      return;
    }
    return send.apply(self, arguments);
  };

  fetch(FILE_URL, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (file) {
      if (!file || file.format !== FORMAT) throw new Error("format " + (file && file.format));
      prebuilt = file;
      state = "setting up";
      pass({ type: SETUP, data: { config: file.config, docs: file.docs, options: OPTIONS } });
    })
    .catch(function (error) {
      console.error("khrongkan: search/lunr_index.json could not be read, so search finds nothing", error);
      state = "failed";
      flush();
    });

  importScripts("__MATERIAL_WORKER__");

  var lunr = self.lunr;

  /* The builder Material configured scores as the index was built. */
  function usable(builder) {
    return JSON.stringify(Object.keys(builder._fields)) === JSON.stringify(prebuilt.fields) &&
      builder._b === 0 && builder._k1 === 1.2 &&
      JSON.stringify(builder.pipeline.toJSON()) === JSON.stringify(prebuilt.indexPipeline) &&
      builder.metadataWhitelist.join() === "position";
  }

  /* The fields a result shows (the documents carry them); Material highlights matches in them. */
  function shownFields(file) {
    return file.fields.filter(function (name) {
      return file.docs.some(function (doc) { return typeof doc[name] !== "undefined"; });
    });
  }

  /* lunr's serialized index from the packed one: document numbers back to addresses. A match
     in a field no result shows has no metadata to keep, so those postings share one empty,
     frozen object (lunr only reads it) instead of 100,000 of their own. */
  function unpack(file, shown, searchPipeline) {
    var refs = file.docs.map(function (doc) { return doc.location; });
    var fields = file.fields;
    var nothing = Object.freeze({});
    var own = fields.map(function (name) { return shown.indexOf(name) >= 0; });
    var invertedIndex = file.terms.map(function (row) {
      var posting = { _index: row[1] };
      for (var f = 0; f < fields.length; f++) {
        var found = {};
        var numbers = row[2 + f];
        for (var n = 0; n < numbers.length; n++) found[refs[numbers[n]]] = own[f] ? { position: [] } : nothing;
        posting[fields[f]] = found;
      }
      return [row[0], posting];
    });
    var fieldVectors = file.vectors.map(function (row) {
      return [fields[row[0]] + "/" + refs[row[1]], row[2]];
    });
    return {
      version: lunr.version,
      fields: fields,
      fieldVectors: fieldVectors,
      invertedIndex: invertedIndex,
      pipeline: searchPipeline
    };
  }

  function load(builder, added) {
    var shown = shownFields(prebuilt);
    var index = lunr.Index.load(unpack(prebuilt, shown, builder.searchPipeline.toJSON()));
    /* Word positions, which Material highlights with, by Material's own tokenizer; running it
       also fills the table Material finds a match's text by. */
    added.forEach(function (pair) {
      var doc = pair[0];
      var ref = doc[builder._ref];
      shown.forEach(function (name) {
        if (typeof doc[name] === "undefined") return;
        var spec = builder._fields[name];
        var value = spec.extractor ? spec.extractor(doc) : doc[name];
        builder.pipeline.run(builder.tokenizer(value, { fields: [name] })).forEach(function (term) {
          var posting = index.invertedIndex[term.toString()];
          var entry = posting && posting[name] && posting[name][ref];
          if (entry) entry.position.push(term.metadata.position);
        });
      });
    });
    return index;
  }

  function khrongkanLunr(config) {
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    builder.searchPipeline.add(lunr.stemmer);
    var added = [];
    builder.add = function (doc, attributes) { added.push([doc, attributes]); };
    config.call(builder, builder);
    delete builder.add;
    if (prebuilt && usable(builder)) return load(builder, added);
    if (prebuilt) console.warn("khrongkan: this Material indexes differently from search/lunr_index.json; building the index here");
    added.forEach(function (pair) { builder.add(pair[0], pair[1]); });
    return builder.build();
  }

  Object.keys(lunr).forEach(function (key) { khrongkanLunr[key] = lunr[key]; });
  self.lunr = khrongkanLunr;
})();
