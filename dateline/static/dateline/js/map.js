/* The interactive map: Leaflet over the offline base map, moved through time.
 *
 * The server already drew the chosen day as SVG, with a table of events and working
 * previous/next links; this script swaps the SVG for a Leaflet map, adds the day slider,
 * and keeps the map, legend, table and URL (?date=) in step without reloading. The data
 * comes from the page itself (json_script "map-data"); the base map is a static file of
 * this site; tiles load only when the operator set DATELINE_MAP_TILES_URL.
 */
(function () {
  "use strict";
  var root = document.querySelector("[data-map]");
  var source = document.getElementById("map-data");
  if (!root || !source || !window.L) return;
  var data = JSON.parse(source.textContent);
  var DAY = 86400000;
  var first = Date.parse(data.first);
  var total = Math.round((Date.parse(data.last) - first) / DAY);

  function iso(index) {
    return new Date(first + index * DAY).toISOString().slice(0, 10);
  }
  function indexOf(day) {
    return Math.round((Date.parse(day) - first) / DAY);
  }
  function shows(feature, day) {
    return feature.from <= day && (!feature.to || day <= feature.to);
  }

  var canvas = root.querySelector("[data-map-canvas]");
  var figure = root.querySelector("[data-map-figure]");
  var slider = root.querySelector("[data-map-slider]");
  var dateInput = root.querySelector("[data-map-date]");
  var heading = root.querySelector("#map-day-heading");
  var caption = root.querySelector("[data-map-caption]");
  // the same words as the server's long date (dateline/core/dates.py): Gregorian, or the
  // Solar Hijri calendar in Persian, in the edition's digits (data-digits on base.html's body)
  var lang = (document.documentElement.lang || "en").split("-")[0];
  var digits = document.body.getAttribute("data-digits") || "latn";
  var calendar = lang === "fa" ? "persian" : "gregory";
  var formatter = new Intl.DateTimeFormat(lang + "-u-ca-" + calendar + "-nu-" + digits, {
    weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
  });
  var rtl = document.documentElement.dir === "rtl";
  function longDate(day) {
    var parts = {};
    formatter.formatToParts(new Date(Date.parse(day))).forEach(function (part) {
      parts[part.type] = part.value;
    });
    return [parts.weekday, parts.day, parts.month, parts.year].join(" ");
  }

  canvas.hidden = false;
  figure.hidden = true;
  // the zoom buttons sit at the start of the reading direction, like the page's other controls
  var map = L.map(canvas, { zoomSnap: 0.25, zoomControl: false, attributionControl: Boolean(data.tiles) });
  L.control.zoom({
    position: rtl ? "topright" : "topleft",
    zoomInTitle: root.getAttribute("data-zoom-in-label") || "Zoom in",
    zoomOutTitle: root.getAttribute("data-zoom-out-label") || "Zoom out",
  }).addTo(map);
  if (map.attributionControl) map.attributionControl.setPosition(rtl ? "bottomleft" : "bottomright");
  if (data.tiles) {
    L.tileLayer(data.tiles, { attribution: data.attribution, maxZoom: 18 }).addTo(map);
  } else {
    canvas.classList.add("map__canvas--offline");
    fetch(data.basemap).then(function (response) { return response.json(); }).then(function (geo) {
      L.geoJSON(geo, {
        interactive: false,
        style: { color: "#9aa5ad", weight: 0.8, fillColor: "#f4f1ea", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });
  }
  var all = L.geoJSON(data.features.map(function (f) {
    return { type: "Feature", geometry: f.geometry, properties: {} };
  }));
  if (all.getLayers().length) {
    map.fitBounds(all.getBounds(), { padding: [20, 20] });
  } else {
    map.setView([20, 0], 2);
  }

  function style(feature) {
    var faction = data.factions[feature.faction];
    if (feature.kind === "area") {
      return { color: "#ffffff", weight: 1.5, fillColor: faction ? faction.colour : "#f4f1ea", fillOpacity: 0.6 };
    }
    return { color: faction ? faction.colour : "#222222", weight: 4, dashArray: "10 5" };
  }
  function popup(feature) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = feature.name;
    box.appendChild(title);
    var faction = data.factions[feature.faction];
    var lines = [feature.typeLabel, faction && faction.name, feature.from, feature.description];
    lines.forEach(function (text) {
      if (!text) return;
      var line = document.createElement("p");
      line.textContent = text;
      box.appendChild(line);
    });
    if (feature.story) {
      var link = document.createElement("a");
      link.href = feature.story;
      link.textContent = root.dataset.readLabel || "Read the story";
      box.appendChild(link);
    }
    return box;
  }

  var layer = L.layerGroup().addTo(map);
  function draw(day) {
    layer.clearLayers();
    ["area", "line", "event"].forEach(function (kind) {
      data.features.forEach(function (feature) {
        if (feature.kind !== kind || !shows(feature, day)) return;
        var shape;
        if (kind === "event") {
          var c = feature.geometry.coordinates;
          shape = L.circleMarker([c[1], c[0]], {
            radius: 7, color: "#ffffff", weight: 2, fillOpacity: 1,
            fillColor: data.eventColours[feature.type] || data.eventColours.other
          });
        } else {
          shape = L.geoJSON(feature.geometry, { style: style(feature) });
        }
        shape.bindPopup(popup(feature)).bindTooltip(feature.name);
        shape.addTo(layer);
      });
    });
  }

  function neighbours(day) {
    var before = null, after = null;
    data.changes.forEach(function (change) {
      if (change < day) before = change;
      if (change > day && after === null) after = change;
    });
    return { previous: before, next: after };
  }
  function step(selector, target) {
    var old = root.querySelector(selector);
    var node;
    if (target) {
      node = document.createElement("a");
      node.href = "?date=" + target;
      node.dataset.day = target;
    } else {
      node = document.createElement("span");
      node.setAttribute("aria-disabled", "true");
    }
    node.className = old.className;
    node.textContent = old.textContent;
    Array.prototype.forEach.call(old.attributes, function (attribute) {
      if (attribute.name.indexOf("data-map-") === 0) node.setAttribute(attribute.name, "");
    });
    old.replaceWith(node);
    if (target) {
      node.addEventListener("click", function (event) {
        event.preventDefault();
        show(target);
      });
    }
  }

  function show(day, options) {
    data.day = day;
    slider.value = String(indexOf(day));
    dateInput.value = day;
    var label = longDate(day);
    heading.textContent = heading.dataset.template.replace("{day}", label);
    slider.setAttribute("aria-valuetext", label);
    if (caption) caption.textContent = caption.dataset.template.replace("{day}", label);
    draw(day);
    root.querySelectorAll("[data-event-date]").forEach(function (row) {
      row.hidden = row.dataset.eventDate > day;
    });
    root.querySelectorAll("[data-legend-faction]").forEach(function (item) {
      var id = item.dataset.legendFaction;
      item.hidden = !data.features.some(function (f) {
        return f.faction === id && f.kind !== "event" && shows(f, day);
      });
    });
    var near = neighbours(day);
    step("[data-map-previous]", near.previous);
    step("[data-map-next]", near.next);
    if (!options || !options.silent) {
      var url = new URL(window.location.href);
      url.searchParams.set("date", day);
      window.history.replaceState(null, "", url);
    }
  }

  heading.dataset.template = root.dataset.headingTemplate;
  if (caption) caption.dataset.template = root.dataset.captionTemplate;
  slider.max = String(total);
  slider.closest("[data-map-slider-label]").hidden = false;
  slider.addEventListener("input", function () { show(iso(Number(slider.value))); });
  dateInput.addEventListener("change", function () {
    if (dateInput.value && dateInput.value >= data.first && dateInput.value <= data.last) {
      show(dateInput.value);
    }
  });
  root.querySelector("[data-map-show]").hidden = true;
  root.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (dateInput.value) show(dateInput.value);
  });
  show(data.day, { silent: true });
})();
