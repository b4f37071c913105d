/* Charter site search: loads the elasticlunr index written by `charter
   build` and lists matching pages as the reader types. The number found is
   announced through the page's status region (role="status"); results are
   links to the pages. Without JavaScript the page shows an A to Z list of
   every page instead, so nothing here is needed to reach any page. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || !window.elasticlunr || !window.fetch || !window.JSON) {
    return;
  }
  var form = root.querySelector("form");
  var input = document.getElementById("search-input");
  var status = document.getElementById("search-status");
  var section = root.querySelector(".search-results");
  var list = document.getElementById("search-results");
  var noJs = root.querySelector(".search-nojs");
  var index = null;
  var failed = false;
  var timer = null;
  var MAX = 50;

  form.hidden = false;
  if (noJs) {
    noJs.hidden = true;
  }

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

  function show(query) {
    list.textContent = "";
    if (!query) {
      section.hidden = true;
      say("");
      return;
    }
    if (failed) {
      say("Search could not be loaded. Every page is listed below from A to Z.");
      return;
    }
    if (!index) {
      say("Loading the search index\u2026");
      return;
    }
    // Every word first; if nothing has them all, any of them.
    var found = index.search(query, options("AND"));
    if (found.length === 0) {
      found = index.search(query, options("OR"));
    }
    var shown = found.slice(0, MAX);
    shown.forEach(function (result) {
      var doc = index.documentStore.getDoc(result.ref);
      if (!doc) {
        return;
      }
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.className = "search-result__title";
      link.href = doc.url;
      link.textContent = doc.title;
      item.appendChild(link);
      if (doc.kind) {
        var kind = document.createElement("span");
        kind.className = "search-result__kind";
        kind.textContent = doc.kind;
        item.appendChild(document.createTextNode(" "));
        item.appendChild(kind);
      }
      if (doc.summary) {
        var summary = document.createElement("p");
        summary.textContent = doc.summary;
        item.appendChild(summary);
      }
      list.appendChild(item);
    });
    section.hidden = shown.length === 0;
    var quoted = "\u201c" + query + "\u201d";
    if (found.length === 0) {
      say("No pages found for " + quoted + ". Try another word, or look through the A to Z list below.");
    } else if (found.length === 1) {
      say("1 page found for " + quoted + ".");
    } else if (found.length > MAX) {
      say(found.length + " pages found for " + quoted + "; the best " + MAX + " are listed.");
    } else {
      say(found.length + " pages found for " + quoted + ".");
    }
  }

  function run() {
    show(input.value.trim());
  }

  function remember() {
    if (!window.history || !window.history.replaceState) {
      return;
    }
    var query = input.value.trim();
    var url = window.location.pathname + (query ? "?q=" + encodeURIComponent(query) : "");
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

  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) {
    input.value = params.get("q");
  }

  window
    .fetch(root.getAttribute("data-index"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      index = window.elasticlunr.Index.load(data);
      root.setAttribute("data-ready", "true");
      if (input.value.trim()) {
        run();
      }
    })
    .catch(function () {
      failed = true;
      root.setAttribute("data-ready", "failed");
      if (input.value.trim()) {
        run();
      }
    });
})();
