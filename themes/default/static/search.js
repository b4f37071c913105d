/* Charter site search: lists the pages that match what the reader types,
   with elasticlunr.js. The index `charter build` writes is in pieces (see
   src/search/index.rs): a small manifest, term files each holding a run of
   words in sorted order, and files of what results show. A search loads
   only the term files of its words and the display files of the results on
   screen, so a phone never downloads the whole index of a large site.

   The number found is announced through the page's status region
   (role="status"); results are links to the pages, ten at a time. Without
   JavaScript the page shows an A to Z list of every page instead, so
   nothing here is needed to reach any page. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.elasticlunr || !window.fetch || !window.JSON || !window.Promise) {
    return;
  }
  var form = root.querySelector("form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var section = root.querySelector(".search-results");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var noJs = root.querySelector(".search-nojs");
  var indexUrl = root.getAttribute("data-index");
  var folder = indexUrl.replace(/\.json$/, "/");
  var PAGE = 10;

  /* The messages, in the page's language: the template puts them in data
     attributes (the Content Security Policy allows no inline script). */
  function message(name, values) {
    var text = root.getAttribute("data-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  }

  var manifest = null;
  var index = null;
  var termFiles = {}; // number → promise of a term file merged into the index
  var docFiles = {}; // number → promise of an array of [url, title, kind, summary]
  var failed = false;
  var timer = null;
  var searches = 0; // the newest search; older ones stop when they see it
  var found = [];
  var shown = 0;
  var query = "";

  form.hidden = false;
  if (noJs) {
    noJs.hidden = true;
  }

  /* The trimmer of sites in languages other than English (see
     src/search/index.rs): strips what is not a letter or digit, of any
     script, from both ends of a word. Browsers without Unicode regular
     expressions fall back to elasticlunr's ASCII trimmer. */
  var notWordStart;
  var notWordEnd;
  try {
    notWordStart = new RegExp("^[^\\p{Alphabetic}\\p{N}]+", "u");
    notWordEnd = new RegExp("[^\\p{Alphabetic}\\p{N}]+$", "u");
  } catch (e) {
    notWordStart = /^\W+/;
    notWordEnd = /\W+$/;
  }
  window.elasticlunr.Pipeline.registerFunction(function (token) {
    var trimmed = token.replace(notWordStart, "").replace(notWordEnd, "");
    return trimmed || undefined;
  }, "charterTrimmer");

  var options = function (bool) {
    return {
      fields: {
        title: { boost: 4 },
        headings: { boost: 2 },
        summary: { boost: 2 },
        excerpt: { boost: 1 }
      },
      bool: bool,
      expand: true
    };
  };

  function say(text) {
    status.textContent = text;
  }

  function load(name) {
    var url = folder + name + ".json?v=" + encodeURIComponent(manifest.build);
    return window.fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " for " + url);
      }
      return response.json();
    });
  }

  /* Puts a term file's postings into the index's tries, as
     elasticlunr.InvertedIndex.addToken would: a node per letter, and on
     the word's node the documents with their term frequencies. Documents
     are gap-coded; frequencies are in thousandths and already divided by
     the square root of the field's length. */
  function merge(terms) {
    manifest.fields.forEach(function (field) {
      var words = terms[field] || {};
      var trie = index.index[field].root;
      Object.keys(words).forEach(function (word) {
        var node = trie;
        for (var i = 0; i < word.length; i++) {
          var c = word.charAt(i);
          if (!node[c]) {
            node[c] = { docs: {}, df: 0 };
          }
          node = node[c];
        }
        var postings = words[word];
        var doc = 0;
        for (var j = 0; j < postings.length; j += 2) {
          doc += postings[j];
          node.docs[doc] = { tf: postings[j + 1] / 1000 };
        }
        node.df = postings.length / 2;
      });
    });
    index._idfCache = {};
  }

  /* The term files that may hold a word starting with `word`: the file
     whose run of words contains `word`, and the files after it whose first
     word starts with `word`. */
  function termFilesFor(word) {
    var firsts = manifest.terms;
    var at = 0;
    for (var i = 0; i < firsts.length && firsts[i] <= word; i++) {
      at = i;
    }
    var out = firsts.length ? [at] : [];
    for (var j = at + 1; j < firsts.length && firsts[j].indexOf(word) === 0; j++) {
      out.push(j);
    }
    return out;
  }

  function loadTerms(n) {
    if (!termFiles[n]) {
      termFiles[n] = load("terms-" + n).then(merge);
    }
    return termFiles[n];
  }

  function loadDocs(n) {
    if (!docFiles[n]) {
      docFiles[n] = load("docs-" + n);
    }
    return docFiles[n];
  }

  function words(text) {
    return index.pipeline.run(window.elasticlunr.tokenizer(text));
  }

  /* Finds the pages for `text`: every word first; if no page has them
     all, any of them. */
  function search(text) {
    var needed = [];
    words(text).forEach(function (word) {
      termFilesFor(word).forEach(function (n) {
        if (needed.indexOf(n) < 0) {
          needed.push(n);
        }
      });
    });
    return Promise.all(needed.map(loadTerms)).then(function () {
      var results = index.search(text, options("AND"));
      return results.length ? results : index.search(text, options("OR"));
    });
  }

  function docOf(ref) {
    var n = Math.floor(ref / manifest.docsPerFile);
    return loadDocs(n).then(function (docs) {
      return docs[ref - n * manifest.docsPerFile];
    });
  }

  function resultItem(doc) {
    var item = document.createElement("li");
    item.className = "search-result";
    var link = document.createElement("a");
    link.className = "search-result__title";
    link.href = doc[0];
    link.textContent = doc[1];
    item.appendChild(link);
    if (doc[2]) {
      var kind = document.createElement("span");
      kind.className = "search-result__kind";
      kind.textContent = doc[2];
      item.appendChild(document.createTextNode(" "));
      item.appendChild(kind);
    }
    if (doc[3]) {
      var summary = document.createElement("p");
      summary.textContent = doc[3];
      item.appendChild(summary);
    }
    return item;
  }

  function announce() {
    var quoted = "\u201c" + query + "\u201d";
    if (found.length === 0) {
      say(message("none", { query: quoted }));
    } else if (found.length === 1) {
      say(message("found-one", { query: quoted }));
    } else if (shown < found.length) {
      say(message("found-best", { n: found.length, query: quoted, shown: shown }));
    } else {
      say(message("found", { n: found.length, query: quoted }));
    }
  }

  /* Lists the next results (ten at a time). With `focus`, moves focus to
     the first new one, so that a keyboard or screen reader user who asked
     for more lands on them. */
  function showMore(id, focus) {
    var next = found.slice(shown, shown + PAGE);
    return Promise.all(
      next.map(function (result) {
        return docOf(Number(result.ref));
      })
    ).then(function (docs) {
      if (id !== searches) {
        return;
      }
      var first = null;
      docs.forEach(function (doc) {
        if (doc) {
          var item = resultItem(doc);
          first = first || item;
          list.appendChild(item);
        }
      });
      shown += next.length;
      section.hidden = shown === 0;
      more.hidden = shown >= found.length;
      announce();
      if (focus && first) {
        first.querySelector("a").focus();
      }
    });
  }

  function failure() {
    failed = true;
    root.setAttribute("data-ready", "failed");
    more.hidden = true;
    say(message("failed"));
  }

  function run() {
    var text = input.value.trim();
    var id = ++searches;
    query = text;
    found = [];
    shown = 0;
    list.textContent = "";
    more.hidden = true;
    if (!text) {
      section.hidden = true;
      say("");
      return;
    }
    if (failed) {
      failure();
      return;
    }
    if (!index) {
      say(message("loading"));
      return;
    }
    search(text)
      .then(function (results) {
        if (id !== searches) {
          return;
        }
        found = results;
        return showMore(id, false);
      })
      .catch(failure);
  }

  function remember() {
    if (!window.history || !window.history.replaceState) {
      return;
    }
    var text = input.value.trim();
    var url = window.location.pathname + (text ? "?q=" + encodeURIComponent(text) : "");
    window.history.replaceState(null, "", url);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      run();
      remember();
    }, 250);
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
    remember();
  });

  more.addEventListener("click", function () {
    showMore(searches, true).catch(failure);
  });

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    input.value = params.get("q");
  }

  // The manifest is checked with the server every time (it is small), so
  // that the files it names always come from the same build.
  window
    .fetch(indexUrl, { credentials: "same-origin", cache: "no-cache" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      manifest = data;
      var tries = {};
      data.fields.forEach(function (field) {
        tries[field] = { root: { docs: {}, df: 0 } };
      });
      index = window.elasticlunr.Index.load({
        version: data.version,
        fields: data.fields,
        ref: data.ref,
        pipeline: data.pipeline,
        index: tries,
        documentStore: { docs: {}, docInfo: {}, length: data.length, save: false }
      });
      root.setAttribute("data-ready", "true");
      if (input.value.trim()) {
        run();
      }
    })
    .catch(function () {
      failure();
      if (!input.value.trim()) {
        say("");
      }
    });
})();
