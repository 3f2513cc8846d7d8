// The slogan network page: draws window.kgData with vis-network, adds search, hover tips and a
// details panel. All document text goes into the page as textContent, never as HTML.
(function () {
  "use strict";
  var data = window.kgData;
  var KIND_STYLE = {
    district: { shape: "dot", size: 34, font: { size: 26, face: "sans-serif", strokeWidth: 4, strokeColor: "#fff" }, mass: 4 },
    slogan: { shape: "box", font: { size: 16, face: "sans-serif", color: "#111" }, margin: 6, mass: 1.5 },
    component: { shape: "dot", size: 7, font: { size: 12, face: "sans-serif", color: "#444" }, mass: 1 }
  };
  var EDGE_STYLE = {
    uses: { color: { color: "#c8c8c8" }, width: 1 },
    definedAs: { color: { color: "#8a8a8a" }, width: 1.2, arrows: { to: { enabled: true, scaleFactor: 0.5 } } },
    cooccurs: { color: { color: "#d62728" }, width: 1.5, dashes: [6, 4] },
    shared: { color: { color: "#9467bd" }, width: 2, dashes: [2, 4] }
  };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function definitionText(info) {
    if (!info.components || !info.components.length) return null;
    return info.components.join("、");
  }

  function countText(info) {
    if (info.count === null || info.count === undefined) return null;
    var parts = info.components ? info.components.length : 0;
    if (!parts) return String(info.count);
    var verdict = info.count_matches === false ? " (does not match)" : "";
    return info.count + " announced, " + parts + " listed" + verdict;
  }

  function sharedText(info) {
    if (!info.shared_with || !info.shared_with.length) return null;
    var words = { "true": "same definition", "false": "different definition", "null": "definition unknown" };
    return info.shared_with.map(function (s) {
      return s.district + " (" + words[String(s.same_definition)] + ")";
    }).join("; ");
  }

  // [label, value] pairs describing a node, shared by the hover tip and the details panel
  function facts(node) {
    var info = node.info || {};
    if (node.kind === "district") return [["slogans", info.slogans]];
    if (node.kind === "component") {
      return [["type", info.type], ["part of", (info.slogans || []).join("、")],
              ["districts", (info.districts || []).join("、")]];
    }
    return [["district", node.district], ["years", info.years], ["numeral count", countText(info)],
            ["definition", definitionText(info)], ["also used by", sharedText(info)]];
  }

  function sentences(node) {
    var info = node.info || {};
    var out = [];
    (info.definitions || []).forEach(function (s) { out.push(["defined in", s]); });
    (info.mentions || []).forEach(function (s) { out.push(["mentioned in", s]); });
    return out;
  }

  function describe(node, container, withHeading, maxSentences) {
    if (withHeading) container.appendChild(el(withHeading, node.label));
    var list = el("dl");
    facts(node).forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") return;
      list.appendChild(el("dt", pair[0]));
      list.appendChild(el("dd", pair[1], pair[0] === "numeral count" && node.info.count_matches === false ? "bad" : null));
    });
    container.appendChild(list);
    sentences(node).slice(0, maxSentences).forEach(function (pair) {
      container.appendChild(el("p", pair[0] + ":"));
      container.appendChild(el("blockquote", pair[1]));
    });
    return container;
  }

  function tooltip(node) {
    var tip = el("div", null, "tip");
    describe(node, tip, "h3", 2);
    return tip;
  }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = KIND_STYLE[n.kind];
    var item = { id: n.id, label: n.label, title: tooltip(n), group: n.kind };
    Object.keys(style).forEach(function (k) { item[k] = style[k]; });
    item.color = { background: n.colour, border: n.kind === "component" ? "#777" : n.colour,
                   highlight: { background: "#ffe680", border: "#222" } };
    if (n.kind === "slogan" && n.info.count_matches === false) {
      item.borderWidth = 3;
      item.color.border = "#b00020";
    }
    return item;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var item = { id: "e" + i, from: e.source, to: e.target };
    var style = EDGE_STYLE[e.kind];
    Object.keys(style).forEach(function (k) { item[k] = style[k]; });
    var tip = el("div", null, "tip");
    tip.appendChild(el("p", data.edgeKinds[e.kind]));
    if (e.sentence) tip.appendChild(el("blockquote", e.sentence));
    item.title = tip;
    return item;
  }));

  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    layout: { randomSeed: 7, improvedLayout: data.nodes.length < 150 },
    physics: {
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 90, springConstant: 0.06, avoidOverlap: 0.4 },
      stabilization: { iterations: 400, updateInterval: 50 }
    },
    interaction: { hover: true, tooltipDelay: 150, navigationButtons: false, keyboard: false },
    edges: { smooth: false }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit();
    window.kgReady = true;
  });
  if (!data.nodes.length) {
    document.getElementById("details").replaceChildren(el("p", "No slogans in these documents."));
    window.kgReady = true;
  }

  var details = document.getElementById("details");
  function showDetails(id) {
    var node = byId[id];
    if (!node) return;
    details.replaceChildren();
    describe(node, details, "h2", 50);
  }
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(params.nodes[0]);
  });

  // search: every node whose label contains the text; one hit is focused and described
  var hits = document.getElementById("hits");
  function search(text) {
    var q = text.trim();
    if (!q) {
      hits.textContent = "";
      network.unselectAll();
      return [];
    }
    var found = data.nodes.filter(function (n) { return n.label.indexOf(q) >= 0; })
      .sort(function (a, b) { return (a.label === q ? 0 : 1) - (b.label === q ? 0 : 1) || a.label.length - b.label.length; });
    var ids = found.map(function (n) { return n.id; });
    hits.textContent = found.length === 1 ? "1 match" : found.length + " matches";
    network.selectNodes(ids);
    if (ids.length === 1) {
      network.focus(ids[0], { scale: 1.3, animation: false });
      showDetails(ids[0]);
    } else if (ids.length > 1) {
      network.fit({ nodes: ids, animation: false });
      details.replaceChildren(el("h2", "Matches for " + q));
      var list = el("ul", null, "hits-list");
      found.forEach(function (n) {
        var item = el("li");
        var button = el("button", n.label + (n.district ? " · " + n.district : ""));
        button.addEventListener("click", function () {
          network.selectNodes([n.id]);
          network.focus(n.id, { scale: 1.3, animation: false });
          showDetails(n.id);
        });
        item.appendChild(button);
        list.appendChild(item);
      });
      details.appendChild(list);
    }
    return ids;
  }
  document.getElementById("search").addEventListener("input", function (ev) { search(ev.target.value); });

  var legend = document.getElementById("legend");
  Object.keys(data.colours).forEach(function (d) {
    if (!data.nodes.some(function (n) { return n.kind === "slogan" && n.district === d; })) return;
    var item = el("li");
    var swatch = el("span", null, "swatch");
    swatch.style.background = data.colours[d];
    item.appendChild(swatch);
    item.appendChild(el("span", d));
    legend.appendChild(item);
  });
  Object.keys(data.edgeKinds).forEach(function (kind) {
    if (kind === "uses") return;
    var item = el("li");
    var swatch = el("span", null, "swatch line");
    swatch.style.borderTop = "2px " + (EDGE_STYLE[kind].dashes ? "dashed " : "solid ") + EDGE_STYLE[kind].color.color;
    item.appendChild(swatch);
    item.appendChild(el("span", data.edgeKinds[kind]));
    legend.appendChild(item);
  });

  window.kgNetwork = network;
  window.kgSearch = search;
})();
