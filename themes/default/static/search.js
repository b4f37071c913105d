/* Charter site search: lists the pages that match what the reader types,
   with elasticlunr.js. The index `charter build` writes is in pieces (see
   src/render/search/index.rs): a small manifest, term files each holding a
   run of words in sorted order, and files of what results show. A search
   loads only the term files of its words and the display files of the
   results on screen, so a phone never downloads the whole index of a large
   site.

   A site with translations has an index per language. A language's search
   page (`/pl/search/`) searches its own index first, then the others it
   names in `data-others` (the main language's, then the other
   translations'), and lists each language's results after the one before,
   marked with their language.

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
  var PAGE = 10;

  /* The messages, in the page's language: the template puts them in data
     attributes (the Content Security Policy allows no inline script). */
  function message(name, values) {
    var text = root.getAttribute("data-say-" + name) || "";
    Object.keys(values || {}).forEach(function (key) {
      text = text.split("{" + key + "}").join(String(values[key]));
    });
    return text;
  }

  var sources = []; // the indexes searched, this page's language's first
  var failed = false;
  var ready = false;
  var timer = null;
  var searches = 0; // the newest search; older ones stop when they see it
  var found = []; // { source, ref }, each language's results in its own order
  var shown = 0;
  var query = "";

  form.hidden = false;
  if (noJs) {
    noJs.hidden = true;
  }

  /* The trimmer of indexes in languages other than English (see
     src/render/search/index.rs): strips what is not a letter, mark or
     number, of any script, from both ends of a word (marks stay: a Bengali
     word may end in one). Browsers without Unicode regular expressions
     fall back to elasticlunr's ASCII trimmer. */
  var notWordStart;
  var notWordEnd;
  try {
    notWordStart = new RegExp("^[^\\p{L}\\p{M}\\p{N}]+", "u");
    notWordEnd = new RegExp("[^\\p{L}\\p{M}\\p{N}]+$", "u");
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

  /* One language's index: its manifest (which names the pipeline its words
     went through, so a query goes through the same), the elasticlunr index
     made from it, and the term and display files loaded so far. `lang` is
     set for another language than the page's: its results are marked. */
  function Source(url, lang, name, dir) {
    this.url = url;
    this.folder = url.replace(/\.json$/, "/");
    this.lang = lang;
    this.name = name;
    this.dir = dir;
    this.manifest = null;
    this.index = null;
    this.termFiles = {}; // number → promise of a term file merged into the index
    this.docFiles = {}; // number → promise of an array of [url, title, kind, summary]
  }

  function fetchJson(url, init) {
    return window.fetch(url, init).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status + " for " + url);
      }
      return response.json();
    });
  }

  // The manifest is checked with the server every time (it is small), so
  // that the files it names always come from the same build.
  Source.prototype.open = function () {
    var source = this;
    return fetchJson(this.url, { credentials: "same-origin", cache: "no-cache" }).then(function (data) {
      source.manifest = data;
      var tries = {};
      data.fields.forEach(function (field) {
        tries[field] = { root: { docs: {}, df: 0 } };
      });
      source.index = window.elasticlunr.Index.load({
        version: data.version,
        fields: data.fields,
        ref: data.ref,
        pipeline: data.pipeline,
        index: tries,
        documentStore: { docs: {}, docInfo: {}, length: data.length, save: false }
      });
    });
  };

  Source.prototype.load = function (name) {
    var url = this.folder + name + ".json?v=" + encodeURIComponent(this.manifest.build);
    return fetchJson(url, { credentials: "same-origin" });
  };

  /* Puts a term file's postings into the index's tries, as
     elasticlunr.InvertedIndex.addToken would: a node per letter, and on
     the word's node the documents with their term frequencies. Documents
     are gap-coded; frequencies are in thousandths and already divided by
     the square root of the field's length. */
  Source.prototype.merge = function (terms) {
    var index = this.index;
    this.manifest.fields.forEach(function (field) {
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
  };

  /* The term files that may hold a word starting with `word`: the file
     whose run of words contains `word`, and the files after it whose first
     word starts with `word`. */
  Source.prototype.termFilesFor = function (word) {
    var firsts = this.manifest.terms;
    var at = 0;
    for (var i = 0; i < firsts.length && firsts[i] <= word; i++) {
      at = i;
    }
    var out = firsts.length ? [at] : [];
    for (var j = at + 1; j < firsts.length && firsts[j].indexOf(word) === 0; j++) {
      out.push(j);
    }
    return out;
  };

  Source.prototype.loadTerms = function (n) {
    var source = this;
    if (!this.termFiles[n]) {
      this.termFiles[n] = this.load("terms-" + n).then(function (terms) {
        source.merge(terms);
      });
    }
    return this.termFiles[n];
  };

  /* Loads the term files of the words of `text`, as this index's pipeline
     makes them. */
  Source.prototype.prepare = function (text) {
    var source = this;
    var needed = [];
    var words = this.index.pipeline.run(window.elasticlunr.tokenizer(text));
    words.forEach(function (word) {
      source.termFilesFor(word).forEach(function (n) {
        if (needed.indexOf(n) < 0) {
          needed.push(n);
        }
      });
    });
    return Promise.all(
      needed.map(function (n) {
        return source.loadTerms(n);
      })
    );
  };

  /* This index's pages for `text`, best first: { source, ref }. */
  Source.prototype.find = function (text, bool) {
    var source = this;
    return this.index.search(text, options(bool)).map(function (result) {
      return { source: source, ref: Number(result.ref) };
    });
  };

  Source.prototype.doc = function (ref) {
    var perFile = this.manifest.docsPerFile;
    var n = Math.floor(ref / perFile);
    if (!this.docFiles[n]) {
      this.docFiles[n] = this.load("docs-" + n);
    }
    return this.docFiles[n].then(function (docs) {
      return docs[ref - n * perFile];
    });
  };

  /* Finds the pages for `text`: those with every word; if no page has
     them all, any of them. Each index ranks its own pages, and the
     languages follow one another (this page's first): scores of indexes
     with different pipelines and page counts are not comparable. */
  function search(text) {
    return Promise.all(
      sources.map(function (source) {
        return source.prepare(text);
      })
    ).then(function () {
      var all = function (bool) {
        return sources.reduce(function (list, source) {
          return list.concat(source.find(text, bool));
        }, []);
      };
      var results = all("AND");
      return results.length ? results : all("OR");
    });
  }

  /* A result; one in another language than the page's has its `lang` and
     `dir`, and the language's name beside it. */
  function resultItem(doc, source) {
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
    if (source.lang) {
      [link, item.querySelector("p")].forEach(function (el) {
        if (el) {
          el.lang = source.lang;
          el.dir = source.dir;
        }
      });
      var language = document.createElement("span");
      language.className = "search-result__lang";
      language.lang = source.lang;
      language.dir = source.dir;
      language.textContent = source.name;
      item.insertBefore(language, link.nextSibling);
      item.insertBefore(document.createTextNode(" "), language);
    }
    return item;
  }

  function announce() {
    root.setAttribute("data-found", String(found.length));
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
        return result.source.doc(result.ref);
      })
    ).then(function (docs) {
      if (id !== searches) {
        return;
      }
      var first = null;
      docs.forEach(function (doc, i) {
        if (doc) {
          var item = resultItem(doc, next[i].source);
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
    if (!ready) {
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

  sources.push(new Source(root.getAttribute("data-index"), null, "", ""));
  try {
    JSON.parse(root.getAttribute("data-others") || "[]").forEach(function (other) {
      sources.push(new Source(other.url, other.lang, other.name, other.dir));
    });
  } catch (e) {
    failed = true;
  }

  Promise.all(
    sources.map(function (source) {
      return source.open();
    })
  )
    .then(function () {
      if (failed) {
        throw new Error("the other languages' indexes are not named right");
      }
      ready = true;
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
