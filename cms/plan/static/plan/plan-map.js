/* Leaflet maps of the strategic plan: progressive enhancement over server-rendered lists.
   A map container names its data with data-geojson-url (fetched) or data-geojson-script
   (the id of a JSON script element). Without JavaScript the container stays hidden. */
(function () {
  "use strict";

  var MILAN = [45.4642, 9.19];
  var TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function popup(feature) {
    var p = feature.properties || {};
    var lines = ['<a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.title) + "</a>"];
    if (p.municipality) lines.push(escapeHtml(p.municipality));
    if (p.vocation) lines.push(escapeHtml(p.vocation));
    return lines.join("<br>");
  }

  function draw(container, data) {
    var map = L.map(container, { scrollWheelZoom: false });
    L.tileLayer(TILES, { maxZoom: 18, attribution: container.dataset.attribution }).addTo(map);
    var markers = L.layerGroup().addTo(map);
    var layer = L.geoJSON(data, {
      onEachFeature: function (feature, featureLayer) {
        featureLayer.bindPopup(popup(feature));
        // Areas are small at metropolitan zoom: a marker at their centre keeps them findable.
        if (feature.geometry && feature.geometry.type !== "Point") {
          L.marker(featureLayer.getBounds().getCenter(), { title: feature.properties.title })
            .bindPopup(popup(feature))
            .addTo(markers);
        }
      },
      pointToLayer: function (feature, latlng) {
        return L.marker(latlng, { title: feature.properties.title });
      }
    }).addTo(map);
    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { paddingTopLeft: [24, 48], paddingBottomRight: [24, 24], maxZoom: 15, animate: false });
    } else {
      map.setView(MILAN, 10);
    }
  }

  function load(container) {
    container.hidden = false;
    if (container.dataset.geojsonScript) {
      var script = document.getElementById(container.dataset.geojsonScript);
      draw(container, JSON.parse(script.textContent));
      return;
    }
    fetch(container.dataset.geojsonUrl, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.statusText);
        return response.json();
      })
      .then(function (data) { draw(container, data); })
      .catch(function () { container.hidden = true; });
  }

  if (typeof L === "undefined") return;
  document.querySelectorAll(".plan-map").forEach(load);
})();
