/* actorgraph views. Every string from the articles is put into the page with
   textContent or as an attribute value, never as HTML. Globals `nodes`,
   `edges` and `network` follow pyvis's names so tools that know pyvis pages
   find them. */
var nodes, edges, network, allNodes, allEdges, agGraph;

(function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function link(href, text) {
    var a = el("a", text);
    if (href) a.setAttribute("href", href);
    return a;
  }

  /* ---- sortable tables (index and evidence tables) ---- */
  function sortable(table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, col) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "number";
        var dir = th.getAttribute("data-dir") === "asc" ? -1 : 1;
        heads.forEach(function (h) { h.removeAttribute("data-dir"); });
        th.setAttribute("data-dir", dir === 1 ? "asc" : "desc");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].textContent, y = b.cells[col].textContent;
          if (numeric) return dir * (parseFloat(x) - parseFloat(y));
          return dir * x.localeCompare(y);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  document.querySelectorAll("table.ag-sortable").forEach(sortable);

  var source = document.getElementById("ag-graph");
  var container = document.getElementById("ag-network");
  if (!source || !container || typeof vis === "undefined") return;

  agGraph = JSON.parse(source.textContent);
  nodes = new vis.DataSet(agGraph.nodes);
  edges = new vis.DataSet(agGraph.edges);
  allNodes = nodes.get({ returnType: "Object" });
  allEdges = edges.get({ returnType: "Object" });
  network = new vis.Network(container, { nodes: nodes, edges: edges }, agGraph.options);
  /* physics only settles small views; once settled, the layout stays put. agReady tells tests (and
     anything scripting the page) that positions are final. */
  window.agReady = false;
  /* open on the actors that have relations; those without any wait in the grid below (Fit shows all) */
  var userMoved = false;
  /* fit whole nodes, labels included: vis-network's own fit leaves a long label under a node at the edge
     half outside the box. Labels keep a readable size on screen whatever the zoom, so their extent on
     the canvas changes with the zoom: measure, move, and measure again after the redraw. */
  function fitWhole(ids, done, rounds) {
    rounds = rounds === undefined ? 4 : rounds;
    if (!ids.length) { if (done) done(); return; }
    var box = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    ids.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) return;
      box.left = Math.min(box.left, b.left); box.right = Math.max(box.right, b.right);
      box.top = Math.min(box.top, b.top); box.bottom = Math.max(box.bottom, b.bottom);
    });
    var w = container.clientWidth, h = container.clientHeight;
    if (!isFinite(box.left) || !w || !h) { network.fit({ nodes: ids, animation: false }); if (done) done(); return; }
    var scale = Math.min(w / (box.right - box.left + 40), h / (box.bottom - box.top + 40), 1.5);
    var before = network.getScale();
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, scale: scale,
                     animation: false });
    if (rounds > 1 && Math.abs(scale - before) > 0.01 * before) {
      network.once("afterDrawing", function () { fitWhole(ids, done, rounds - 1); });
      network.redraw();
    } else if (done) {
      done();
    }
  }
  function focusRelated(done) {
    var related = agGraph.nodes.filter(function (n) { return n.physics !== false; }).map(function (n) { return n.id; });
    fitWhole(related.length > 0 ? related : agGraph.nodes.map(function (n) { return n.id; }), done);
  }
  /* the box may still change size after the first drawing (fonts, the facts above it, a narrow window):
     fit again until the reader moves the view, so a page never opens with its network cut off */
  network.on("dragStart", function () { userMoved = true; });
  network.on("zoom", function () { userMoved = true; });
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(function () { if (window.agReady && !userMoved) focusRelated(); }).observe(container);
  }
  window.addEventListener("load", function () { if (window.agReady && !userMoved) focusRelated(); });
  var settling = false;
  function settled() {
    if (window.agReady || settling) return;
    settling = true;
    network.setOptions({ physics: { enabled: false } });
    focusRelated(function () { window.agReady = true; });
  }
  if (agGraph.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settled);
    network.once("stabilized", settled);
  } else {
    network.once("afterDrawing", settled);
  }
  // whatever happens, the page is usable and says so
  setTimeout(function () { settled(); setTimeout(function () { window.agReady = true; }, 1000); }, 5000);

  /* ---- the side panel ---- */
  var panelTitle = document.getElementById("ag-panel-title");
  var panelBody = document.getElementById("ag-panel-body");
  var pinned = false;

  function clearPanel(title) {
    panelTitle.textContent = title;
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
  }

  function showEdge(id) {
    var e = allEdges[id];
    if (!e) return;
    var s = allNodes[e.from], o = allNodes[e.to];
    clearPanel("Evidence");
    var head = el("p");
    head.appendChild(el("strong", s ? s.name || s.label : e.from));
    head.appendChild(el("span", " " + e.prop + " "));
    head.appendChild(el("strong", o ? o.name || o.label : e.to));
    panelBody.appendChild(head);
    var info = e.support + (e.support === 1 ? " sentence" : " sentences");
    panelBody.appendChild(el("p", info, "ag-meta"));
    if (e.hedged) panelBody.appendChild(el("p", "hedged: reported as alleged or possible", "ag-hedged"));
    (e.evidence || []).forEach(function (ev) {
      var q = el("blockquote", ev.sentence, "ag-evidence");
      panelBody.appendChild(q);
      var meta = el("div", null, "ag-meta");
      meta.appendChild(link(ev.docHref, ev.docTitle && ev.docTitle !== ev.doc ? ev.docTitle : ev.doc));
      if (ev.docTitle && ev.docTitle !== ev.doc) meta.appendChild(el("span", " (" + ev.doc + ")"));
      if (ev.docDate) meta.appendChild(el("span", " · published " + ev.docDate));
      if (ev.date) meta.appendChild(el("span", " · happened " + ev.date + (ev.dateSource === "text" ? "" : " (" + ev.dateSource + " date)"), "ag-event-date"));
      meta.appendChild(el("span", " · rule "));
      meta.appendChild(el("code", ev.rule));
      meta.appendChild(el("span", " · confidence " + Number(ev.confidence).toFixed(2)));
      if (ev.hedged) meta.appendChild(el("span", " · hedged", "ag-hedged"));
      if (ev.attributedTo) meta.appendChild(el("span", " · according to " + ev.attributedTo));
      if (ev.reviewed) meta.appendChild(el("span", " · " + ev.reviewed, "ag-reviewed"));
      panelBody.appendChild(meta);
    });
    /* review mode (served by `actorgraph serve --review`) adds its buttons for this edge */
    document.dispatchEvent(new CustomEvent("ag:edge", { detail: { s: e.from, p: e.prop, o: e.to, panel: panelBody } }));
  }

  function showNode(id) {
    var n = allNodes[id];
    if (!n) return;
    clearPanel(n.name || n.label);
    var dl = el("dl");
    [["class", n.cls], ["degree", n.degree], ["betweenness", Number(n.betweenness).toFixed(4)],
     ["community", n.community], ["also called", (n.aliases || []).join("; ")]].forEach(function (kv) {
      if (kv[1] === "" || kv[1] === undefined) return;
      dl.appendChild(el("dt", kv[0]));
      dl.appendChild(el("dd", kv[1]));
    });
    panelBody.appendChild(dl);
    if (n.href) {
      var p = el("p");
      p.appendChild(link(n.href, "Open the page of " + (n.name || n.label)));
      panelBody.appendChild(p);
    }
    var rels = network.getConnectedEdges(id);
    if (rels.length) panelBody.appendChild(el("p", rels.length + " relations shown; click one for its evidence.", "ag-meta"));
  }

  network.on("click", function (params) {
    if (params.nodes.length) { pinned = true; showNode(params.nodes[0]); }
    else if (params.edges.length) { pinned = true; showEdge(params.edges[0]); }
    else { pinned = false; }
  });
  network.on("hoverEdge", function (params) { if (!pinned) showEdge(params.edge); });
  network.on("hoverNode", function (params) { if (!pinned) showNode(params.node); });

  /* ---- legend, colour and size ---- */
  var legend = document.getElementById("ag-legend");
  var colourBy = document.getElementById("ag-colour");
  var sizeBy = document.getElementById("ag-size");

  var SHAPES = {   /* SVG points on a 16x16 box, matching vis-network's shapes */
    square: "3,3 13,3 13,13 3,13", diamond: "8,1 15,8 8,15 1,8", triangle: "8,2 15,14 1,14",
    triangleDown: "1,2 15,2 8,14", hexagon: "4,2 12,2 16,8 12,14 4,14 0,8", box: "1,5 15,5 15,11 1,11",
    star: "8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6"
  };
  function swatch(shape, color) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "16"); svg.setAttribute("height", "16"); svg.setAttribute("class", "ag-swatch");
    var s;
    if (SHAPES[shape]) { s = document.createElementNS(ns, "polygon"); s.setAttribute("points", SHAPES[shape]); }
    else if (shape === "ellipse") {
      s = document.createElementNS(ns, "ellipse");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("rx", "7"); s.setAttribute("ry", "4");
    } else {
      s = document.createElementNS(ns, "circle");
      s.setAttribute("cx", "8"); s.setAttribute("cy", "8"); s.setAttribute("r", "6");
    }
    s.setAttribute("fill", color);
    svg.appendChild(s);
    return svg;
  }

  function drawLegend() {
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    if (colourBy.value === "community") {
      legend.appendChild(el("li", "colour: Louvain community (" + agGraph.communityCount + "), numbered by size"));
    }
    agGraph.classes.forEach(function (c) {
      var li = el("li");
      li.appendChild(swatch(c.shape, colourBy.value === "class" ? c.color : "#999"));
      li.appendChild(el("span", " " + c.name + " (" + c.count + ")"));
      legend.appendChild(li);
    });
  }

  function recolour() {
    var key = colourBy.value === "community" ? "communityColor" : "classColor";
    nodes.update(Object.keys(allNodes).map(function (id) { return { id: id, color: allNodes[id][key] }; }));
    drawLegend();
  }

  function resize() {
    var by = sizeBy.value;
    nodes.update(Object.keys(allNodes).map(function (id) {
      var n = allNodes[id];
      return { id: id, value: by === "betweenness" ? 1 + 100 * n.betweenness : 1 + n.degree };
    }));
  }
  colourBy.addEventListener("change", recolour);
  sizeBy.addEventListener("change", resize);
  drawLegend();

  /* ---- filters by class, by property and by period ---- */
  var hiddenClasses = {}, hiddenProps = {};
  var fromBox = document.getElementById("ag-from"), toBox = document.getElementById("ag-to");
  /* an event date at month or year precision stands for its first day; undated relations leave the view
     while a period is set */
  function firstDay(d) { return d.length === 4 ? d + "-01-01" : d.length === 7 ? d + "-01" : d; }
  function inPeriod(dates, from, to) {
    if (!from && !to) return true;
    return (dates || []).some(function (d) {
      var day = firstDay(d);
      return (!from || day >= from) && (!to || day <= to);
    });
  }

  function applyFilters() {
    var nodeHidden = {};
    var nu = Object.keys(allNodes).map(function (id) {
      nodeHidden[id] = !!hiddenClasses[allNodes[id].cls];
      return { id: id, hidden: nodeHidden[id] };
    });
    var from = fromBox ? fromBox.value : "", to = toBox ? toBox.value : "";
    var shown = 0;
    var eu = Object.keys(allEdges).map(function (id) {
      var e = allEdges[id];
      var hidden = !!hiddenProps[e.prop] || nodeHidden[e.from] || nodeHidden[e.to] || !inPeriod(e.dates, from, to);
      if (!hidden) shown += 1;
      return { id: id, hidden: hidden };
    });
    if (from || to) status.textContent = shown + " relations dated in this period";
    nodes.update(nu);
    edges.update(eu);
  }

  function checkboxes(boxId, items, hidden) {
    var box = document.getElementById(boxId);
    var all = el("button", "all"), none = el("button", "none");
    all.type = none.type = "button";
    box.appendChild(all);
    box.appendChild(none);
    var inputs = [];
    items.forEach(function (item) {
      var label = el("label");
      var input = el("input");
      input.type = "checkbox";
      input.checked = true;
      input.value = item.name;
      input.addEventListener("change", function () { hidden[item.name] = !input.checked; applyFilters(); });
      label.appendChild(input);
      label.appendChild(el("span", " " + item.name + " (" + item.count + ")"));
      box.appendChild(label);
      inputs.push(input);
    });
    function setAll(on) {
      inputs.forEach(function (i) { i.checked = on; hidden[i.value] = !on; });
      applyFilters();
    }
    all.addEventListener("click", function () { setAll(true); });
    none.addEventListener("click", function () { setAll(false); });
  }
  checkboxes("ag-filter-class", agGraph.classes, hiddenClasses);
  checkboxes("ag-filter-prop", agGraph.props, hiddenProps);

  /* ---- search ---- */
  var search = document.getElementById("ag-search");
  var status = document.getElementById("ag-search-status");
  var list = document.getElementById("ag-search-list");
  Object.keys(allNodes).forEach(function (id) {
    var o = document.createElement("option");
    o.value = allNodes[id].name || allNodes[id].label;
    list.appendChild(o);
  });

  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) { network.unselectAll(); status.textContent = ""; return []; }
    var hits = Object.keys(allNodes).filter(function (id) {
      var n = allNodes[id];
      if ((n.name || n.label).toLowerCase().indexOf(q) >= 0) return true;
      return (n.aliases || []).some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    });
    hits.sort(function (a, b) {   // exact names first, then the most connected
      var ea = (allNodes[a].name || allNodes[a].label).toLowerCase() === q, eb = (allNodes[b].name || allNodes[b].label).toLowerCase() === q;
      return (eb - ea) || (allNodes[b].degree - allNodes[a].degree);
    });
    status.textContent = hits.length ? hits.length + (hits.length === 1 ? " match" : " matches") : "no match";
    if (hits.length) {
      network.selectNodes(hits);
      network.focus(hits[0], { scale: 1.0, animation: false });
      pinned = true;
      showNode(hits[0]);
    }
    return hits;
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") find(search.value); });
  search.addEventListener("change", function () { find(search.value); });
  window.agFind = find;

  document.getElementById("ag-fit").addEventListener("click", function () {
    fitWhole(nodes.getIds({ filter: function (n) { return !n.hidden; } }));
  });
  [fromBox, toBox].forEach(function (box) { if (box) box.addEventListener("change", applyFilters); });
})();
