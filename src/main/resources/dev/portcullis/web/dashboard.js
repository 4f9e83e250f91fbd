// Portcullis dashboard: the open-findings chart (uPlot), sortable tables, and finding filters.
// Served as a file of its own: the pages' Content-Security-Policy allows no inline script.
(function () {
  "use strict";

  var COLOURS = {
    CRITICAL: "#b3001b",
    HIGH: "#e0561b",
    MEDIUM: "#c99400",
    LOW: "#3a7bbf",
    UNKNOWN: "#777777"
  };

  function chart(element) {
    var history;
    try {
      history = JSON.parse(element.getAttribute("data-history"));
    } catch (e) {
      element.textContent = "The chart's data could not be read.";
      return;
    }
    if (!history.days || history.days.length === 0 || typeof uPlot === "undefined") {
      element.textContent = "No findings recorded yet.";
      return;
    }
    var data = [history.days];
    var series = [{}];
    Object.keys(history.series).forEach(function (severity) {
      data.push(history.series[severity]);
      series.push({
        label: severity,
        stroke: COLOURS[severity] || "#444444",
        width: 2,
        value: function (u, v) { return v == null ? "–" : String(v); }
      });
    });
    function size() {
      return { width: Math.max(280, element.clientWidth), height: 260 };
    }
    var options = Object.assign(size(), {
      series: series,
      scales: { x: { time: true } },
      axes: [{}, { label: "open findings" }],
      legend: { live: true }
    });
    element.textContent = "";
    var plot = new uPlot(options, data, element);
    element.setAttribute("data-ready", "true");
    window.addEventListener("resize", function () { plot.setSize(size()); });
  }

  function sortable(table) {
    var buttons = table.querySelectorAll("th button[data-sort]");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.getAttribute("data-sort"));
        var th = button.parentElement;
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var keys = rows.map(function (row) { return row.cells[column].getAttribute("data-key") || ""; });
        var numeric = keys.every(function (key) { return key !== "" && !isNaN(Number(key)); });
        var order = rows.map(function (row, i) { return { row: row, key: keys[i], at: i }; });
        order.sort(function (a, b) {
          var c = numeric ? Number(a.key) - Number(b.key)
            : a.key.localeCompare(b.key, undefined, { numeric: true });
          return (ascending ? c : -c) || a.at - b.at;
        });
        order.forEach(function (entry) { body.appendChild(entry.row); });
      });
    });
  }

  function filters() {
    var text = document.getElementById("finding-filter");
    var severity = document.getElementById("severity-filter");
    if (!text || !severity) {
      return;
    }
    var table = document.getElementById(text.getAttribute("data-filters"));
    function apply() {
      var words = text.value.toLowerCase().trim();
      var wanted = severity.value;
      var shown = 0;
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        var match = (!wanted || row.getAttribute("data-severity") === wanted)
          && (!words || row.textContent.toLowerCase().indexOf(words) >= 0);
        row.hidden = !match;
        if (match) {
          shown++;
        }
      });
      table.setAttribute("data-shown", String(shown));
    }
    text.addEventListener("input", apply);
    severity.addEventListener("change", apply);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var element = document.getElementById("open-chart");
    if (element) {
      chart(element);
    }
    document.querySelectorAll("table.sortable").forEach(sortable);
    filters();
  });
})();
