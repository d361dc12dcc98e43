/*
 * Click-to-load video: the page shows the poster and a link to the video on its own
 * site, and nothing is requested from that site. This script turns the link into a
 * button; only when the reader presses it does the privacy-enhanced player (an
 * iframe to youtube-nocookie.com or player.vimeo.com with dnt=1) take its place.
 */
(function () {
  "use strict";

  Array.prototype.forEach.call(document.querySelectorAll("[data-video-facade]"), function (facade) {
    var link = facade.querySelector(".video-facade__link");
    var embed = facade.getAttribute("data-embed");
    if (!link || !embed) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "video-facade__button";
    while (link.firstChild) {
      button.appendChild(link.firstChild);
    }
    link.replaceWith(button);
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.className = "video-facade__frame";
      frame.src = embed;
      frame.title = facade.getAttribute("data-title") || "";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.referrerPolicy = "strict-origin-when-cross-origin";
      button.replaceWith(frame);
      facade.classList.add("video-facade--playing");
      frame.focus();
    });
  });
})();
