// Comments: send the form in place when JavaScript runs (progressive enhancement).
// Without this script the form is an ordinary POST followed by a redirect. With it the
// same POST goes out with X-Comments-Fetch, and the server answers with the form block
// (thanks, errors with what the reader typed, or "could not save"), put in place here.
(function () {
  "use strict";

  function enhance(block) {
    var form = block.querySelector("form");
    if (!form) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      if (button) button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Comments-Fetch": "1" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.text().then(function (html) {
            if (!html || html.indexOf("data-comments-form") === -1) throw new Error("no form");
            var holder = document.createElement("div");
            holder.innerHTML = html;
            var next = holder.querySelector("[data-comments-form]");
            block.replaceWith(next);
            enhance(next);
            var focus = next.querySelector("[role=status], [role=alert], [aria-invalid=true]");
            if (focus) {
              if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
              focus.focus();
            }
          });
        })
        .catch(function () {
          // Network trouble: the reader's text stays in the form; the ordinary POST is the fallback.
          if (button) button.disabled = false;
          form.submit();
        });
    });
  }

  document.querySelectorAll("[data-comments-form]").forEach(enhance);
})();
