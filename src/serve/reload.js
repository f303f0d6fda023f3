(function () {
  "use strict";
  var overlay = null;
  function show(msg) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "sitegen-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:#1a0000;color:#ffd7d7;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "sitegen: the last save did not build (this page is the last good one)\n\n" + msg;
  }
  function hide() { if (overlay) { overlay.remove(); overlay = null; } }
  function connect() {
    var es = new EventSource("/__sitegen/events");
    es.addEventListener("reload", function () { location.reload(); });
    es.addEventListener("css", function () {
      hide();
      document.querySelectorAll('link[rel="stylesheet"]').forEach(function (l) {
        var u = new URL(l.href); u.searchParams.set("v", Date.now()); l.href = u.toString();
      });
    });
    es.addEventListener("build-error", function (e) { show(e.data); });
    // A new search index: a page that searches (Pagefind's UI) runs its query again on it.
    es.addEventListener("search-index", function () {
      if (!overlay && document.querySelector(".pagefind-ui")) location.reload();
    });
  }
  // Connect once the page has loaded, so the open stream never holds up the page's load.
  if (document.readyState === "complete") { connect(); } else { window.addEventListener("load", connect); }
})();
