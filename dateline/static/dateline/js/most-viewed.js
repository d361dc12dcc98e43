/* Most Viewed: one beacon per story, browser and 30 min; tab links become ARIA tabs */
(function () {
  "use strict";
  if (window.dlMostViewed) return;
  window.dlMostViewed = 1;
  var b = document.querySelector("script[data-views-beacon]");
  function send() {
    var d = b.dataset, k = "dl-viewed-" + d.page, now = Date.now();
    try {
      if (now - (+localStorage.getItem(k) || 0) < 18e5) return;
      localStorage.setItem(k, now);
    } catch (e) { /* the server dedupes too */ }
    navigator.sendBeacon(d.viewsBeacon, new URLSearchParams({ page: d.page, sig: d.sig }));
  }
  if (b && navigator.sendBeacon) {
    document.readyState === "complete" ? send() : addEventListener("load", send);
  }
  function panel(t) { return document.getElementById(t.getAttribute("aria-controls")); }
  document.querySelectorAll("[data-most-viewed]").forEach(function (box) {
    var list = box.querySelector("ul"), tabs = Array.from(list.querySelectorAll("a"));
    function select(tab, focus) {
      tabs.forEach(function (t) {
        t.setAttribute("aria-selected", t === tab);
        t.tabIndex = t === tab ? 0 : -1;
        panel(t).hidden = t !== tab;
      });
      if (focus) tab.focus();
    }
    list.setAttribute("role", "tablist");
    tabs.forEach(function (tab, i) {
      tab.parentNode.setAttribute("role", "presentation");
      tab.setAttribute("role", "tab");
      tab.removeAttribute("aria-current");
      panel(tab).setAttribute("role", "tabpanel");
      tab.onclick = function (e) { e.preventDefault(); select(tab); };
      tab.onkeydown = function (e) {
        var n = tabs.length, s = { ArrowRight: 1, ArrowLeft: -1 }[e.key], to;
        if (s && getComputedStyle(list).direction === "rtl") s = -s;
        if (s) to = tabs[(i + s + n) % n];
        if (e.key === "Home") to = tabs[0];
        if (e.key === "End") to = tabs[n - 1];
        if (to) { e.preventDefault(); select(to, true); }
      };
    });
    select(tabs.find(function (t) { return !panel(t).hidden; }) || tabs[0]);
  });
})();
