// Small SVG charts for the simulation tab: horizontal bars (one per clause or payer, an interval
// drawn as a solid part up to its least value and a lighter part up to its greatest) and a
// histogram. Lengths are only drawn from the figures; the exact figures are in the tables beside.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // items: [{label, min, max, text}] with min/max numbers for drawing.
  function bars(items, opts) {
    opts = opts || {};
    var rowH = 22, labelW = opts.labelWidth || 260, barW = opts.width || 360, pad = 6;
    var top = Math.max.apply(null, items.map(function (x) { return x.max; }).concat([0]));
    var svg = el("svg", { width: labelW + barW + 140, height: items.length * rowH + pad * 2, class: "chart bars", role: "img" });
    if (opts.title) svg.appendChild(el("title", {}, opts.title));
    items.forEach(function (x, i) {
      var y = pad + i * rowH;
      var lab = x.label.length > 18 ? x.label.slice(0, 17) + "…" : x.label;
      var t = el("text", { x: labelW - 6, y: y + 15, "text-anchor": "end", class: "label" }, lab);
      t.appendChild(el("title", {}, x.label));
      svg.appendChild(t);
      var wMax = top > 0 ? barW * x.max / top : 0, wMin = top > 0 ? barW * x.min / top : 0;
      if (wMax > wMin) svg.appendChild(el("rect", { x: labelW + wMin, y: y + 3, width: Math.max(1, wMax - wMin), height: rowH - 8, class: "bar-range" }));
      if (wMin > 0) svg.appendChild(el("rect", { x: labelW, y: y + 3, width: Math.max(1, wMin), height: rowH - 8, class: "bar" }));
      svg.appendChild(el("text", { x: labelW + Math.max(wMax, wMin) + 6, y: y + 15, class: "value" }, x.text));
    });
    return svg;
  }

  // bins: [{label, count}]
  function histogram(bins, opts) {
    opts = opts || {};
    var w = opts.width || 420, h = 150, pad = 28;
    var top = Math.max.apply(null, bins.map(function (b) { return b.count; }).concat([1]));
    var svg = el("svg", { width: w, height: h + pad + 40, class: "chart histogram", role: "img" });
    if (opts.title) svg.appendChild(el("title", {}, opts.title));
    var bw = (w - pad) / Math.max(1, bins.length);
    bins.forEach(function (b, i) {
      var bh = h * b.count / top, x = pad + i * bw;
      var r = el("rect", { x: x + 2, y: h - bh + 4, width: Math.max(1, bw - 4), height: bh, class: "bar" });
      r.appendChild(el("title", {}, b.label + "：" + b.count + " 家"));
      svg.appendChild(r);
      svg.appendChild(el("text", { x: x + bw / 2, y: h - bh, "text-anchor": "middle", class: "value" }, String(b.count)));
      var t = el("text", { x: x + bw / 2, y: h + 18, "text-anchor": "end", transform: "rotate(-30 " + (x + bw / 2) + " " + (h + 18) + ")", class: "label" }, b.short || b.label);
      svg.appendChild(t);
    });
    svg.appendChild(el("line", { x1: pad, y1: h + 4, x2: w, y2: h + 4, class: "axis" }));
    return svg;
  }

  window.ZhengceCharts = { bars: bars, histogram: histogram };
})();
