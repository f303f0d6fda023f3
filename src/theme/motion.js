// Exercise animations (sitegen's theme): each `.exercise-motion` holds an inline SVG that plays
// by itself (SMIL) and a hidden pause button. This script reveals the button, pauses or plays
// the drawing when it is pressed, and pauses it while it is off screen. Readers who ask for
// reduced motion see the still drawing instead (the stylesheet's doing); nothing runs for them.
(function () {
  "use strict";
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
  var boxes = document.querySelectorAll(".exercise-motion");
  var watch = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      entry.target.motionSeen = entry.isIntersecting;
      entry.target.motionApply();
    });
  }) : null;
  Array.prototype.forEach.call(boxes, function (box) {
    var svg = box.querySelector(".motion-frame svg");
    var button = box.querySelector(".motion-toggle");
    if (!svg || !button || !svg.pauseAnimations) {
      return;
    }
    var label = button.querySelector(".motion-label");
    var stopped = false;
    box.motionSeen = true;
    box.motionApply = function () {
      if (stopped || !box.motionSeen || reduce.matches) {
        svg.pauseAnimations();
      } else {
        svg.unpauseAnimations();
      }
      label.textContent = stopped ? "Play" : "Pause";
      box.classList.toggle("motion-stopped", stopped);
    };
    button.hidden = false;
    button.addEventListener("click", function () {
      stopped = !stopped;
      box.motionApply();
    });
    if (watch) {
      watch.observe(box);
    }
    box.motionApply();
  });
  if (reduce.addEventListener) {
    reduce.addEventListener("change", function () {
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.motionApply) {
          box.motionApply();
        }
      });
    });
  }
})();
