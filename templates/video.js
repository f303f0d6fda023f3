// Video facades (sitegen's theme): each `.video-facade` shows a poster and a hidden play button.
// This script reveals the buttons; a click puts the player (the privacy-enhanced embed,
// autoplaying) in place of the poster. Nothing is asked of the video host before the click.
(function () {
  "use strict";
  function play(facade) {
    var frame = document.createElement("iframe");
    frame.src = facade.getAttribute("data-player");
    frame.title = facade.getAttribute("data-title");
    frame.allow = "accelerometer; autoplay; encrypted-media; gyroscope; picture-in-picture; fullscreen";
    frame.allowFullscreen = true;
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    facade.textContent = "";
    facade.appendChild(frame);
    facade.classList.add("video-playing");
    frame.focus();
  }
  var facades = document.querySelectorAll(".video-facade[data-player]");
  Array.prototype.forEach.call(facades, function (facade) {
    var button = facade.querySelector(".video-play");
    if (!button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      play(facade);
    });
  });
})();
