// Exercise animations (sitegen's theme): each `.exercise-motion` holds an `<img>` of an SVG that
// plays by itself, and a hidden pause button. An image cannot be paused, so as a box comes near
// the screen this script embeds the same file as an `<object>`, whose document it can pause,
// puts it in the image's place once loaded, reveals the button, and pauses the drawing while the
// box is off screen. A lazy image not loaded yet is given an empty picture of its shape at once,
// so the file is fetched once, by the object. Readers who ask for reduced motion see the
// still drawing instead (the stylesheet's doing) and nothing is done for them. Read from
// file://, nothing is done either: the images play as they are.
(function () {
  "use strict";
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
  var boxes = document.querySelectorAll(".exercise-motion");
  if (!/^https?:$/.test(location.protocol) || !("IntersectionObserver" in window)) {
    return;
  }
  function apply(box) {
    var svg = box.motionSvg;
    if (!svg) {
      return;
    }
    if (box.motionStopped || !box.motionSeen || reduce.matches) {
      svg.pauseAnimations();
    } else {
      svg.unpauseAnimations();
    }
    box.querySelector(".motion-label").textContent = box.motionStopped ? "Play" : "Pause";
  }
  // The box's animation as an <object> in place of its image; then the button shows.
  function embed(box) {
    var img = box.querySelector(".motion-frame img");
    var object = document.createElement("object");
    var w = img.getAttribute("width");
    var h = img.getAttribute("height");
    box.motionSvg = null;
    object.type = "image/svg+xml";
    object.data = box.motionSrc;
    object.width = w;
    object.height = h;
    object.style.aspectRatio = w + " / " + h;
    object.className = "motion-object motion-loading";
    if (img.alt) {
      object.setAttribute("role", "img");
      object.setAttribute("aria-label", img.alt);
    } else {
      object.setAttribute("aria-hidden", "true");
    }
    object.addEventListener("load", function () {
      var svg = object.contentDocument && object.contentDocument.documentElement;
      if (!svg || !svg.pauseAnimations) {
        object.parentNode.removeChild(object);
        img.src = box.motionSrc;
        return;
      }
      img.parentNode.removeChild(img);
      object.classList.remove("motion-loading");
      box.motionSvg = svg;
      box.querySelector(".motion-toggle").hidden = false;
      apply(box);
    });
    img.parentNode.appendChild(object);
  }
  // Near the screen: embed; on it: play (off it, paused).
  var near = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting && entry.target.motionSvg === undefined && !reduce.matches) {
        embed(entry.target);
      }
    });
  }, { rootMargin: "50% 0px" });
  var seen = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      entry.target.motionSeen = entry.isIntersecting;
      apply(entry.target);
    });
  });
  Array.prototype.forEach.call(boxes, function (box) {
    var button = box.querySelector(".motion-toggle");
    var img = box.querySelector(".motion-frame img");
    if (!img || !button) {
      return;
    }
    box.motionSrc = img.currentSrc || img.src;
    if (img.loading === "lazy" && !img.complete && !reduce.matches) {
      img.src = "data:image/svg+xml," + encodeURIComponent("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 " +
        img.getAttribute("width") + " " + img.getAttribute("height") + "'/>");
    }
    box.motionStopped = false;
    button.addEventListener("click", function () {
      box.motionStopped = !box.motionStopped;
      apply(box);
    });
    near.observe(box);
    seen.observe(box);
  });
  reduce.addEventListener("change", function () {
    Array.prototype.forEach.call(boxes, apply);
  });
})();
