// Progressive enhancement: a Leaflet map on the proposal page, and a point picker on the form.
(function () {
  "use strict";
  var tiles = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
  var attribution = "&copy; OpenStreetMap";
  var milan = [45.4642, 9.19];

  var shown = document.getElementById("proposal-map");
  if (shown && window.L) {
    var point = [parseFloat(shown.dataset.lat), parseFloat(shown.dataset.lng)];
    var map = L.map(shown).setView(point, 16);
    L.tileLayer(tiles, { attribution: attribution }).addTo(map);
    L.marker(point).addTo(map);
  }

  var picker = document.getElementById("location-picker");
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (picker && lat && lng && window.L) {
    picker.hidden = false;
    var start = lat.value && lng.value ? [parseFloat(lat.value), parseFloat(lng.value)] : milan;
    var pickMap = L.map(picker).setView(start, lat.value ? 16 : 12);
    L.tileLayer(tiles, { attribution: attribution }).addTo(pickMap);
    var marker = lat.value ? L.marker(start).addTo(pickMap) : null;
    pickMap.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      if (marker) { marker.setLatLng(event.latlng); } else { marker = L.marker(event.latlng).addTo(pickMap); }
    });
  }
})();
