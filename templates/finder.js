// The exercise finder of sitegen's theme: narrows the lists of /exercises/ in place by joint,
// goal and equipment, and keeps the choice in the address (?joint=hips&equipment=none) so a
// filtered view can be shared. Without this script the page still works: grouped lists with
// anchors. No dependency; the form it drives is in the page from the start (so nothing moves when
// this script starts), hidden by a <noscript> style when scripts are off.
(function () {
  "use strict";
  var form = document.getElementById("finder");
  if (!form || !window.URLSearchParams || !window.history || !history.replaceState) {
    return;
  }
  var keys = ["joint", "goal", "equipment"];
  var items = document.querySelectorAll("#by-joint li[data-joint]");
  var groups = document.querySelectorAll("#by-joint .exercise-group");
  var others = document.querySelectorAll(".finder-other");
  var status = document.getElementById("finder-status");

  function chosen() {
    var want = {};
    keys.forEach(function (k) {
      want[k] = form.elements[k].value;
    });
    return want;
  }

  // Takes the choice from the address; values the page does not offer are ignored.
  function read() {
    var params = new URLSearchParams(location.search);
    keys.forEach(function (k) {
      var select = form.elements[k];
      var value = params.get(k) || "";
      var offered = Array.prototype.some.call(select.options, function (o) {
        return o.value === value;
      });
      select.value = offered ? value : "";
    });
  }

  function matches(li, want) {
    var d = li.dataset;
    return (!want.joint || d.joint === want.joint) &&
      (!want.goal || d.goal === want.goal) &&
      (!want.equipment || d.equipment.split(" ").indexOf(want.equipment) >= 0);
  }

  function apply(write) {
    var want = chosen();
    var shown = 0;
    Array.prototype.forEach.call(items, function (li) {
      var ok = matches(li, want);
      li.hidden = !ok;
      if (ok) {
        shown += 1;
      }
    });
    Array.prototype.forEach.call(groups, function (g) {
      g.hidden = !g.querySelector("li[data-joint]:not([hidden])");
    });
    var active = keys.some(function (k) {
      return want[k] !== "";
    });
    Array.prototype.forEach.call(others, function (s) {
      s.hidden = active;
    });
    // The words come from the page, in its language ("{shown} of 24 exercises").
    var line = (form.dataset.shown || "{shown} / " + items.length).replace("{shown}", shown);
    status.textContent = active
      ? line + (shown === 0 && form.dataset.none ? ": " + form.dataset.none : "")
      : "";
    if (write) {
      var params = new URLSearchParams(location.search);
      keys.forEach(function (k) {
        if (want[k]) {
          params.set(k, want[k]);
        } else {
          params.delete(k);
        }
      });
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
  }

  form.addEventListener("change", function () {
    apply(true);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    apply(true);
  });
  form.addEventListener("reset", function () {
    // The form's values are reset after this event: filter once they are.
    window.requestAnimationFrame(function () {
      apply(true);
    });
  });
  window.addEventListener("popstate", function () {
    read();
    apply(false);
  });
  read();
  apply(false);
})();
