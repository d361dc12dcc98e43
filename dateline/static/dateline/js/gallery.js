/*
 * The photo viewer of a gallery page. Without this script the page is a plain list of
 * captioned photos. With it, each photo becomes a button that opens a modal <dialog>:
 * ArrowLeft/ArrowRight (mirrored in right-to-left pages) and swipes move through the
 * photos, a counter says "3 / 12", focus stays in the viewer (showModal makes the page
 * behind it inert), and Escape or the close button returns focus to the opening photo.
 */
(function () {
  "use strict";

  var list = document.querySelector("[data-gallery]");
  if (!list || typeof HTMLDialogElement !== "function") {
    return;
  }
  var items = Array.prototype.slice.call(list.querySelectorAll(".gallery__figure"));
  if (!items.length) {
    return;
  }
  var rtl = document.documentElement.dir === "rtl";
  // "3 / 12" in the edition's digits (data-digits on base.html's body: latn, arab or arabext)
  var number = new Intl.NumberFormat("en-u-nu-" + (document.body.getAttribute("data-digits") || "latn"), { useGrouping: false }).format;
  var label = function (name) {
    return list.getAttribute("data-label-" + name) || name;
  };
  var current = 0;
  var opener = null;

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  var dialog = make("dialog", "gallery-viewer");
  dialog.setAttribute("aria-label", label("viewer"));
  var figure = make("figure", "gallery-viewer__figure");
  var image = make("img", "gallery-viewer__image");
  var caption = make("figcaption", "gallery-viewer__caption");
  var counter = make("p", "gallery-viewer__counter");
  counter.setAttribute("aria-live", "polite");
  var previous = make("button", "gallery-viewer__previous", label("previous"));
  var next = make("button", "gallery-viewer__next", label("next"));
  var close = make("button", "gallery-viewer__close", label("close"));
  [previous, next, close].forEach(function (button) {
    button.type = "button";
  });
  figure.appendChild(image);
  figure.appendChild(caption);
  dialog.appendChild(close);
  dialog.appendChild(figure);
  dialog.appendChild(counter);
  dialog.appendChild(previous);
  dialog.appendChild(next);
  document.body.appendChild(dialog);

  function show(index) {
    current = (index + items.length) % items.length;
    var source = items[current].querySelector("img");
    var text = items[current].querySelector("figcaption");
    image.src = source.currentSrc || source.src;
    image.alt = source.alt;
    image.width = source.width;
    image.height = source.height;
    caption.textContent = "";
    if (text) {
      Array.prototype.forEach.call(text.childNodes, function (node) {
        if (!(node.classList && node.classList.contains("gallery__number"))) {
          caption.appendChild(node.cloneNode(true));
        }
      });
    }
    counter.textContent = number(current + 1) + " / " + number(items.length);
  }

  function open(index, button) {
    opener = button;
    show(index);
    dialog.showModal();
    close.focus();
  }

  previous.addEventListener("click", function () {
    show(current - 1);
  });
  next.addEventListener("click", function () {
    show(current + 1);
  });
  close.addEventListener("click", function () {
    dialog.close();
  });
  // Escape closes a modal dialog natively ("cancel", then "close")
  dialog.addEventListener("close", function () {
    image.removeAttribute("src");
    if (opener) {
      opener.focus();
    }
  });
  dialog.addEventListener("keydown", function (event) {
    // showModal() makes the page inert but lets Tab leave for the browser's own
    // controls; keep it cycling through the viewer's buttons instead
    if (event.key === "Tab") {
      var first = close;
      var last = next;
      if (event.shiftKey && document.activeElement === first) {
        last.focus();
        event.preventDefault();
      } else if (!event.shiftKey && document.activeElement === last) {
        first.focus();
        event.preventDefault();
      }
      return;
    }
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var forward = (event.key === "ArrowRight") !== rtl;
      show(current + (forward ? 1 : -1));
      event.preventDefault();
    }
  });
  // a click on the backdrop (outside the dialog's box) closes it
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) {
      var box = dialog.getBoundingClientRect();
      var inside =
        event.clientX >= box.left && event.clientX <= box.right &&
        event.clientY >= box.top && event.clientY <= box.bottom;
      if (!inside) {
        dialog.close();
      }
    }
  });

  var start = null;
  image.addEventListener("pointerdown", function (event) {
    start = { x: event.clientX, y: event.clientY };
  });
  // the finger may leave the photo (or the viewer) while swiping: the end counts anywhere
  document.addEventListener("pointerup", function (event) {
    if (!start) {
      return;
    }
    var dx = event.clientX - start.x;
    var dy = event.clientY - start.y;
    start = null;
    if (Math.abs(dx) > 40 && Math.abs(dx) > Math.abs(dy)) {
      var forward = (dx < 0) !== rtl;
      show(current + (forward ? 1 : -1));
    }
  });
  image.addEventListener("pointercancel", function () {
    start = null;
  });
  image.addEventListener("dragstart", function (event) {
    event.preventDefault();
  });

  items.forEach(function (item, index) {
    var picture = item.querySelector("img");
    if (!picture) {
      return;
    }
    var button = make("button", "gallery__open");
    button.type = "button";
    button.setAttribute("aria-label", label("open") + ": " + number(index + 1) + " / " + number(items.length));
    picture.parentNode.insertBefore(button, picture);
    button.appendChild(picture);
    button.addEventListener("click", function () {
      open(index, button);
    });
  });
})();
