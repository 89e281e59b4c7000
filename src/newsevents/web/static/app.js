/* newsevents dashboard: plain JavaScript over the JSON API (/api/...), charts drawn with plotly.js.
 * No build step and nothing from the internet: plotly.js, the world map and this file are served by
 * `newsevents serve`. Text from the store is always inserted as text (textContent), never as HTML. */
"use strict";

// Plotly's maps fetch their base topology (world_110m.json) from a CDN unless one is given: an empty one
// does, since the countries come from our own GeoJSON (static/world-110m.geojson).
const EMPTY_LAYER = {type: "GeometryCollection", geometries: []};
window.PlotlyGeoAssets = {topojson: {world_110m: {type: "Topology", arcs: [], objects: {
  land: EMPTY_LAYER, ocean: EMPTY_LAYER, lakes: EMPTY_LAYER, rivers: EMPTY_LAYER, coastlines: EMPTY_LAYER,
  countries: EMPTY_LAYER, subunits: EMPTY_LAYER}}}};

const QUADS = [
  {key: "verbal_cooperation", label: "verbal cooperation", colour: "#4c9be8"},
  {key: "material_cooperation", label: "material cooperation", colour: "#1f5fa8"},
  {key: "verbal_conflict", label: "verbal conflict", colour: "#f0a04b"},
  {key: "material_conflict", label: "material conflict", colour: "#c8382c"},
];
const MODALITY_HELP = {
  asserted: "the text reports it as fact: stored as an event",
  negated: "the text says it did not happen (or denies it): not stored as an event",
  hypothetical: "the text says it might or could happen, or asks whether: not stored as an event",
  future: "the text says it is planned or will happen: not stored as an event",
};
const MAP_MEASURES = {conflict: "conflict events", material: "material conflict events",
                      goldstein: "conflict severity (sum of −Goldstein)"};
const PAGE_SIZE = 50;
const PLOT_CONFIG = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d"]};
const FONT = {family: "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif", size: 12};

const state = {summary: null, loaded: {}, world: null, eventsPage: 1, eventsFilters: {}, eventsTotal: 0};

// ------------------------------------------------------------------------------------------- helpers

function $(selector, root = document) { return root.querySelector(selector); }

/* An element with properties (`text`, `className`, `dataset`, `on*` handlers, attributes) and children. */
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value;
    else if (key === "className") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/* The address of an API call: empty and false parameters left out, lists repeated. */
function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === "" || value === false) continue;
    for (const v of Array.isArray(value) ? value : [value]) query.append(key, v === true ? "true" : v);
  }
  return path + (query.toString() ? "?" + query : "");
}

async function api(path, params = {}, options = {}) {
  const response = await fetch(apiUrl(path, params), options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = null; }
  if (!response.ok) {
    const reason = body && body.detail ? body.detail : response.statusText;
    throw new Error(`${response.status}: ${reason}`);
  }
  return body;
}

/* Replace what a container shows (a chart is purged first, so plotly lets go of it). */
function fill(node, state, ...children) {
  if (window.Plotly && node._fullLayout) Plotly.purge(node);
  node.replaceChildren(...children);
  node.dataset.state = state;
}

function setBusy(node, message = "loading…") { fill(node, "loading", el("p", {className: "loading", text: message})); }

function showError(node, err) {
  fill(node, "error", el("p", {className: "error", text: `Could not load this: ${err.message || err}`}));
}

function showEmpty(node, message) { fill(node, "empty", el("p", {className: "empty", text: message})); }

/* Plotly renders a little HTML in labels and hovers: escape what comes from the data. */
function esc(text) {
  return String(text ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function formValues(form) {
  const out = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

function setForm(form, values) {
  for (const [key, value] of Object.entries(values)) {
    const field = form.elements.namedItem(key);
    if (!field) continue;
    if (field.type === "checkbox") field.checked = Boolean(value);
    else field.value = value ?? "";
  }
}

function clearForm(form) {
  for (const field of form.elements) {
    if (field.tagName === "SELECT") field.selectedIndex = 0;
    else if (field.type === "checkbox") field.checked = false;
    else if (field.tagName === "INPUT") field.value = "";
  }
}

function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en"); }
function fmtP(p) { return p < 0.001 ? p.toExponential(1) : p.toFixed(3); }
function today() {
  const d = new Date();
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}
function daysBetween(a, b) { return (Date.parse(b) - Date.parse(a)) / 86400000; }
function addDays(day, n) {
  return new Date(Date.parse(day) + n * 86400000).toISOString().slice(0, 10);
}

/* Bars per day for a few months, per week up to three years, per month beyond. */
function chooseFreq(from, to) {
  if (!from || !to) return "month";
  const days = daysBetween(from, to);
  return days <= 120 ? "day" : days <= 3 * 366 ? "week" : "month";
}

function actorText(label, code) {
  if (!code) return "—";
  return label && label !== code ? `${label} (${code})` : code;
}

function plotlyReady(node) {
  if (window.Plotly) return true;
  showError(node, new Error("the chart library (plotly.js) did not load"));
  return false;
}

function baseLayout(extra = {}) {
  return Object.assign({
    font: FONT, paper_bgcolor: "#fff", plot_bgcolor: "#fff", margin: {l: 56, r: 20, t: 10, b: 56},
    legend: {orientation: "h", x: 0, y: 1.12, traceorder: "normal"}, hoverlabel: {font: FONT},
  }, extra);
}

async function plot(node, traces, layout, points) {
  fill(node, "drawing");
  await Plotly.newPlot(node, traces, layout, PLOT_CONFIG);
  node.dataset.state = "ready";
  node.dataset.points = String(points);
}

// ------------------------------------------------------------------------------------------- routing

const VIEWS = {overview: showOverview, dyad: showDyad, map: showMap, events: showEvents, code: showCode};

function route() {
  const hash = safeDecode(location.hash.replace(/^#/, "")) || "overview";
  const match = hash.match(/^([a-z]+)(?:\/([^?]*))?(?:\?(.*))?$/);
  const view = match && VIEWS[match[1]] ? match[1] : "overview";
  closeDrawer();
  for (const section of document.querySelectorAll("main > .view")) {
    section.hidden = section.id !== `view-${view}`;
  }
  for (const tab of document.querySelectorAll(".tabs a[data-view]")) {
    tab.classList.toggle("active", tab.dataset.view === view);
  }
  const arg = match ? match[2] || "" : "";
  const params = Object.fromEntries(new URLSearchParams(match && match[3] ? match[3] : ""));
  VIEWS[view](arg, params);
  if (window.Plotly) {
    for (const chart of document.querySelectorAll(`#view-${view} .js-plotly-plot`)) Plotly.Plots.resize(chart);
  }
}

// ------------------------------------------------------------------------------------------- store summary

async function loadSummary() {
  const s = await api("/api/summary");
  state.summary = s;
  const parts = [`${fmt(s.articles)} articles`, `${fmt(s.mentions)} coded sentences`, `${fmt(s.events)} events`];
  if (s.event_dates.from) parts.push(`event dates ${s.event_dates.from} – ${s.event_dates.to}`);
  if (s.published.from) parts.push(`articles published ${s.published.from} – ${s.published.to}`);
  parts.push(`store: ${s.store}`);
  $("#store-info").textContent = parts.join(" · ");
  return s;
}

/* A malformed escape in the address (#dyad/%E0%A4%A) is read as it is, never thrown. */
function safeDecode(text) {
  try { return decodeURIComponent(text); } catch (err) { return text; }
}

/* The period views start with the server's default period: the plausible publication dates of the stored
   articles, else the event dates (a date stored by mistake in year 9999 does not stretch it). */
function defaultPeriod() {
  const s = state.summary;
  if (!s) return {from: "", to: ""};
  const range = s.default_period || (s.published.from ? s.published : s.event_dates);
  return {from: range.from || "", to: range.to || ""};
}

// ------------------------------------------------------------------------------------------- overview

function showOverview() {
  if (state.loaded.overview) return;
  state.loaded.overview = true;
  const form = $("#overview-form");
  const period = defaultPeriod();
  setForm(form, {...period, freq: chooseFreq(period.from, period.to)});
  form.addEventListener("submit", (e) => { e.preventDefault(); loadOverview(); });
  $("#alerts-form").addEventListener("submit", (e) => { e.preventDefault(); loadAlerts(); });
  loadOverview();
}

function loadOverview() {
  loadTimeline();
  loadTopDyads();
  loadAlerts();
}

async function loadTimeline() {
  const node = $("#timeline-chart");
  const {from, to, freq} = formValues($("#overview-form"));
  $("#timeline-title").textContent = `Events per ${freq} by quad class` + (from && to ? `, ${from} – ${to}` : "");
  setBusy(node);
  try {
    const data = await api("/api/timeline", {from, to, freq});
    if (!data.periods.length) return showEmpty(node, "No events in this period.");
    if (!plotlyReady(node)) return;
    const x = data.periods.map((p) => p.period);
    const traces = QUADS.map((q) => ({
      type: "bar", name: q.label, x, y: data.periods.map((p) => p[q.key]), marker: {color: q.colour},
      hovertemplate: `%{x}: %{y} ${q.label} events<extra></extra>`,
    }));
    await plot(node, traces, baseLayout({
      barmode: "stack", bargap: 0.15,
      xaxis: {title: {text: `event date (bars per ${freq})`}, type: "date"},
      yaxis: {title: {text: `events per ${freq}`}, rangemode: "tozero"},
    }), data.periods.length);
  } catch (err) { showError(node, err); }
}

async function loadTopDyads() {
  const node = $("#dyads-chart");
  const {from, to} = formValues($("#overview-form"));
  setBusy(node);
  try {
    const data = await api("/api/dyads/top", {from, to, limit: 12});
    if (!data.dyads.length) return showEmpty(node, "No dyads in this period.");
    if (!plotlyReady(node)) return;
    const rows = [...data.dyads].reverse();
    const y = rows.map((d) => esc(`${d.label} (${d.dyad})`));
    const custom = rows.map((d) => d.dyad);
    const traces = [
      {type: "bar", orientation: "h", name: "cooperation", y, x: rows.map((d) => d.cooperation),
       marker: {color: QUADS[0].colour}, customdata: custom, hovertemplate: "%{y}: %{x} cooperation events<extra></extra>"},
      {type: "bar", orientation: "h", name: "conflict", y, x: rows.map((d) => d.conflict),
       marker: {color: QUADS[3].colour}, customdata: custom, hovertemplate: "%{y}: %{x} conflict events<extra></extra>"},
    ];
    await plot(node, traces, baseLayout({
      barmode: "stack", margin: {l: 20, r: 20, t: 34, b: 50},
      legend: {orientation: "h", x: 1, xanchor: "right", y: 0, yanchor: "bottom", traceorder: "normal",
               bgcolor: "rgba(255,255,255,0.85)"},
      xaxis: {title: {text: "events in the period"}, rangemode: "tozero"}, yaxis: {automargin: true},
    }), rows.length);
    node.on("plotly_click", (ev) => {
      const dyad = ev.points && ev.points[0] && ev.points[0].customdata;
      if (dyad) location.hash = `#dyad/${dyad}`;
    });
  } catch (err) { showError(node, err); }
}

async function loadAlerts() {
  const node = $("#alerts-list");
  const values = formValues($("#alerts-form"));
  const asOf = state.summary && state.summary.published.to;
  setBusy(node);
  try {
    const data = await api("/api/alerts", {...values, as_of: asOf || ""});
    const windowDays = Number(values.window_days || 7);
    const since = asOf ? addDays(asOf, 1 - windowDays) : "";
    if (!data.alerts.length) {
      return showEmpty(node, `No dyad's material conflict rose sharply in the window` +
        (asOf ? ` ${since} – ${asOf} (the ${windowDays} days up to the latest article)` : "") +
        " with these thresholds. Lower “min events”, raise “max p” or widen the window for weaker signals.");
    }
    const items = data.alerts.map((a) => el("div", {className: "alert"},
      el("h3", {}, el("a", {href: `#dyad/${a.dyad}`, text: `${a.actor1} – ${a.actor2}`}),
         ` · ${a.window_from} – ${a.window_to}`),
      el("div", {text: `${fmt(a.observed)} material-conflict events in the window, ${a.expected.toFixed(2)} ` +
        `expected from the baseline (${fmt(a.baseline)} events): ${a.ratio.toFixed(1)}× · p = ${fmtP(a.p_value)}`}),
      el("ul", {}, a.events.map((e) => el("li", {
        title: "open the evidence", dataset: {eventId: e.event_id}, onclick: () => openEvent(e.event_id),
        text: `${e.date} ${e.source_code || "?"} → ${e.target_code || "?"} ${e.cameo} ` +
              `(${e.num_mentions} mention${e.num_mentions === 1 ? "" : "s"}): ${e.evidence || ""}`,
      })))));
    node.replaceChildren(...items);
    node.dataset.state = "ready";
    node.dataset.points = String(data.alerts.length);
  } catch (err) { showError(node, err); }
}

// ------------------------------------------------------------------------------------------- dyad

async function initDyad() {
  const form = $("#dyad-form");
  const period = defaultPeriod();
  setForm(form, {from: period.from, to: period.to, freq: chooseFreq(period.from, period.to)});
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const dyad = form.elements.dyad.value.trim().toUpperCase();
    if (location.hash === `#dyad/${dyad}`) loadDyad(dyad); else location.hash = `#dyad/${dyad}`;
  });
  $("#dyad-pick").addEventListener("change", (e) => {
    if (!e.target.value) return;
    form.elements.dyad.value = e.target.value;
    form.requestSubmit();
  });
  const data = await api("/api/dyads/top", {limit: 30});
  const options = data.dyads.map((d) => el("option", {value: d.dyad, text: `${d.label} (${d.dyad}): ${d.events}`}));
  $("#dyad-pick").append(...options);
  $("#dyad-options").replaceChildren(...data.dyads.map((d) => el("option", {value: d.dyad, label: d.label})));
  return data.dyads;
}

async function showDyad(arg) {
  if (!state.loaded.dyad) state.loaded.dyad = initDyad();
  let dyads = [];
  try { dyads = await state.loaded.dyad; } catch (err) { return showError($("#series-chart"), err); }
  const dyad = arg || (dyads[0] && dyads[0].dyad);
  if (dyad) loadDyad(dyad.toUpperCase());
}

async function loadDyad(dyad) {
  const form = $("#dyad-form");
  form.elements.dyad.value = dyad;
  form.elements.pick.value = [...form.elements.pick.options].some((o) => o.value === dyad) ? dyad : "";
  const {freq, from, to} = formValues(form);
  const directed = form.elements.directed.checked;
  const chart = $("#series-chart");
  setBusy(chart);
  loadDyadEvents(dyad, directed, from, to);
  try {
    const data = await api("/api/dyads/series", {dyad, directed, freq, from, to});
    $("#series-title").textContent = `${data.label} (${data.dyad}): events per ${freq}`;
    if (!data.points.some((p) => p.events > 0)) return showEmpty(chart, "No events of this dyad in this period.");
    if (!plotlyReady(chart)) return;
    const x = data.points.map((p) => p.period);
    const traces = QUADS.map((q) => ({
      type: "bar", name: q.label, x, y: data.points.map((p) => p[q.key]), marker: {color: q.colour},
      hovertemplate: `%{x}: %{y} ${q.label}<extra></extra>`,
    }));
    traces.push({
      type: "scatter", mode: "markers", name: "mean Goldstein score (right axis)", x, yaxis: "y2",
      y: data.points.map((p) => p.goldstein_mean), marker: {size: 8, color: "#222", symbol: "diamond"},
      hovertemplate: "%{x}: mean Goldstein %{y:.1f}<extra></extra>",
    });
    await plot(chart, traces, baseLayout({
      barmode: "stack", margin: {l: 56, r: 70, t: 10, b: 56},
      xaxis: {title: {text: `period (${freq}, by event date)`}, type: "date"},
      yaxis: {title: {text: `events per ${freq}`}, rangemode: "tozero"},
      yaxis2: {title: {text: "mean Goldstein (−10 … +10)"}, overlaying: "y", side: "right", range: [-10.5, 10.5],
               tickvals: [-10, -5, 0, 5, 10], zeroline: true, zerolinecolor: "#bbb", showgrid: false},
    }), data.points.filter((p) => p.events > 0).length);
  } catch (err) { showError(chart, err); }
}

async function loadDyadEvents(dyad, directed, from, to) {
  const node = $("#dyad-events");
  setBusy(node);
  try {
    const data = await api("/api/events", {dyad, directed, from, to, page_size: 100, count: true});
    if (!data.rows.length) return showEmpty(node, "No events of this dyad in this period.");
    node.replaceChildren(eventTable(data.rows, "events"),
      data.total > data.rows.length ? el("p", {className: "hint",
        text: `The newest ${data.rows.length} of ${fmt(data.total)} events; the Events tab pages through all.`}) : "");
    node.dataset.state = "ready";
    node.dataset.points = String(data.rows.length);
  } catch (err) { showError(node, err); }
}

// ------------------------------------------------------------------------------------------- map

function showMap() {
  if (state.loaded.map) return;
  state.loaded.map = true;
  const form = $("#map-form");
  setForm(form, defaultPeriod());
  form.addEventListener("submit", (e) => { e.preventDefault(); loadMap(); });
  loadMap();
}

async function loadMap() {
  const node = $("#map-chart");
  const {from, to, measure} = formValues($("#map-form"));
  $("#map-title").textContent = `Where conflict happened: ${MAP_MEASURES[measure]}` + (from && to ? `, ${from} – ${to}` : "");
  setBusy(node);
  try {
    if (!state.world) state.world = await api("/static/world-110m.geojson");
    const [data, all] = await Promise.all([api("/api/map", {from, to, measure}),
                                           api("/api/events", {from, to, page_size: 1, count: true})]);
    const located = data.countries.reduce((n, c) => n + c.events, 0);
    $("#map-note").textContent = `${fmt(located)} of ${fmt(all.total)}${all.total_is_capped ? "+" : ""} events in ` +
      `this period have a named place and are mapped; ${data.countries.length} countries have at least one.`;
    if (!plotlyReady(node)) return;
    const byCode = Object.fromEntries(data.countries.map((c) => [c.country, c]));
    const features = state.world.features;
    const codes = features.map((f) => f.properties.iso_a3);
    const z = codes.map((code) => (byCode[code] ? byCode[code].value : 0));
    const maxValue = Math.max(1, ...z);
    const custom = features.map((f) => {
      const c = byCode[f.properties.iso_a3];
      return [esc(f.properties.name), c ? c.events : 0, c ? c.conflict : 0, c ? c.material_conflict : 0];
    });
    const trace = {
      type: "choropleth", geojson: state.world, featureidkey: "properties.iso_a3", locations: codes, z,
      zmin: 0, zmax: maxValue, customdata: custom,
      colorscale: [[0, "#e9ecef"], [1e-6, "#fee8c8"], [0.35, "#fc8d59"], [0.7, "#d7301f"], [1, "#7f0000"]],
      marker: {line: {color: "#ffffff", width: 0.5}},
      colorbar: {title: {text: MAP_MEASURES[measure]}, thickness: 14, len: 0.7},
      hovertemplate: "<b>%{customdata[0]}</b><br>" + `${MAP_MEASURES[measure]}: %{z:,.4~}<br>` +
        "events there: %{customdata[1]}<br>conflict events: %{customdata[2]} " +
        "(material: %{customdata[3]})<extra></extra>",
    };
    await plot(node, [trace], baseLayout({
      margin: {l: 0, r: 0, t: 0, b: 0},
      geo: {projection: {type: "natural earth"}, showframe: false, showcoastlines: false, showland: false,
            showcountries: false, showocean: false, showlakes: false, bgcolor: "#fff",
            lataxis: {range: [-58, 85]}},
    }), data.countries.length);
    node.on("plotly_click", (ev) => {
      const code = ev.points && ev.points[0] && ev.points[0].location;
      if (!code) return;
      const params = new URLSearchParams({location_country: code});
      if (from) params.set("from", from);
      if (to) params.set("to", to);
      location.hash = `#events?${params}`;
    });
  } catch (err) { showError(node, err); }
}

// ------------------------------------------------------------------------------------------- events

function showEvents(_arg, params) {
  const form = $("#events-form");
  if (!state.loaded.events) {
    state.loaded.events = true;
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      state.eventsFilters = formValues(form);
      state.eventsPage = 1;
      loadEvents();
    });
    form.querySelector("button[type=reset]").addEventListener("click", (e) => {
      e.preventDefault();
      clearForm(form);
      form.requestSubmit();
    });
    $("#events-prev").addEventListener("click", () => { state.eventsPage -= 1; loadEvents(); });
    $("#events-next").addEventListener("click", () => { state.eventsPage += 1; loadEvents(); });
    fillLookups();
  }
  if (Object.keys(params).length) {
    clearForm(form);
    setForm(form, params);
  } else if (state.eventsTotal) {
    return;  // keep the table as it was
  }
  state.eventsFilters = formValues(form);
  state.eventsPage = 1;
  loadEvents();
}

async function fillLookups() {
  try {
    const [actors, codes] = await Promise.all([api("/api/actors", {limit: 100}), api("/api/codes")]);
    $("#actor-options").replaceChildren(...actors.actors.map((a) => el("option", {value: a.code, label: a.label})));
    $("#code-options").replaceChildren(...codes.codes.map((c) => el("option", {value: c.code, label: c.label})));
  } catch (err) { /* the look-ups only help typing: the form works without them */ }
}

async function loadEvents() {
  const node = $("#events-table");
  const filters = {...state.eventsFilters};
  const level = filters.level || "events";
  delete filters.level;
  const view = {...filters, level: level === "all" ? "mentions" : level, all: level === "all"};
  const params = {...view, page: state.eventsPage, page_size: PAGE_SIZE, count: true};
  $("#events-csv").href = apiUrl("/api/events.csv", view);  // every row of this view (up to 10,000), as CSV
  $("#events-title").textContent = level === "events" ? "Events" :
    level === "all" ? "Coded sentences, every modality" : "Coded sentences (asserted)";
  setBusy(node);
  try {
    const data = await api("/api/events", params);
    state.eventsTotal = data.total;
    const first = (data.page - 1) * data.page_size + 1;
    const last = first + data.rows.length - 1;
    $("#events-range").textContent = data.rows.length
      ? `rows ${fmt(first)}–${fmt(last)} of ${fmt(data.total)}${data.total_is_capped ? "+" : ""}` : "";
    $("#events-prev").disabled = data.page <= 1;
    $("#events-next").disabled = last >= data.total || last + 1 > 10000;
    if (!data.rows.length) return showEmpty(node, "Nothing matches these filters.");
    node.replaceChildren(eventTable(data.rows, data.level));
    node.dataset.state = "ready";
    node.dataset.points = String(data.rows.length);
  } catch (err) { showError(node, err); }
}

/* A table of events (or mentions); a click on a row opens its evidence. */
function eventTable(rows, level) {
  const mentions = level === "mentions";
  const head = mentions
    ? ["Date", "Source → target", "Event", "Modality", "Article", "Sentence"]
    : ["Date", "Source → target", "Event", "Goldstein", "Reports", "Place", "Evidence"];
  const body = rows.map((r) => {
    const who = el("td", {}, actorText(r.source_label, r.source_code), " → ", actorText(r.target_label, r.target_code));
    const what = el("td", {}, el("span", {className: `quad quad-${r.quad_class}`, title: r.quad_label || ""}),
                    r.cameo, el("span", {className: "code-label", text: r.label || ""}));
    const cells = mentions
      ? [el("td", {className: "nowrap", text: r.date || "—"}), who, what,
         el("td", {}, el("span", {className: `badge ${r.modality}`, text: r.modality, title: MODALITY_HELP[r.modality] || ""})),
         el("td", {className: "nowrap", text: r.article_id}), el("td", {className: "evidence", text: r.sentence || ""})]
      : [el("td", {className: "nowrap", text: r.date}), who, what,
         el("td", {className: "num", text: r.goldstein ?? ""}),
         el("td", {className: "num", title: "mentions / outlets / articles",
                   text: `${r.num_mentions} / ${r.num_sources} / ${r.num_articles}`}),
         el("td", {text: r.location_name ? `${r.location_name}${r.location_country ? " (" + r.location_country + ")" : ""}` : "—"}),
         el("td", {className: "evidence", text: r.evidence || ""})];
    const open = mentions ? () => openMention(r.mention_id) : () => openEvent(r.event_id);
    return el("tr", {className: "clickable", tabindex: "0", title: "click to open the evidence",
                     dataset: mentions ? {mentionId: r.mention_id} : {eventId: r.event_id},
                     onclick: open, onkeydown: (e) => { if (e.key === "Enter") open(); }}, cells);
  });
  return el("table", {className: "rows"}, el("thead", {}, el("tr", {}, head.map((h) => el("th", {text: h})))),
            el("tbody", {}, body));
}

// ------------------------------------------------------------------------------------------- evidence

function openDrawer(title) {
  const drawer = $("#evidence");
  drawer.hidden = false;
  $("#evidence-title").textContent = title;
  const body = $("#evidence-body");
  setBusy(body);
  return body;
}

function closeDrawer() { $("#evidence").hidden = true; }

async function openEvent(eventId) {
  const body = openDrawer("Event");
  try {
    const data = await api(`/api/events/${encodeURIComponent(eventId)}`);
    const e = data.event;
    $("#evidence-title").textContent =
      `${e.date}: ${actorText(e.source_label, e.source_code)} → ${actorText(e.target_label, e.target_code)}`;
    const head = el("div", {className: "event-head"}, el("dl", {},
      el("dt", {text: "event"}), el("dd", {}, `${e.cameo} ${e.label || ""}`, e.quad_label ? ` (${e.quad_label})` : ""),
      el("dt", {text: "Goldstein"}), el("dd", {text: e.goldstein ?? "—"}),
      el("dt", {text: "date"}), el("dd", {text: e.first_date === e.last_date ? e.date :
        `${e.date} (reports range ${e.first_date} – ${e.last_date})`}),
      el("dt", {text: "place"}), el("dd", {text: e.location_name ? `${e.location_name} (${e.location_country || "?"})` : "not named"}),
      el("dt", {text: "reported by"}), el("dd", {text: `${e.num_mentions} sentence(s) in ${e.num_articles} article(s) ` +
        `from ${e.num_sources} outlet(s); first seen ${e.first_seen}`}),
    ));
    const more = data.mentions_total > data.mentions.length
      ? [el("p", {className: "muted", text: `the first ${data.mentions.length} of ${data.mentions_total} sentences`})]
      : [];
    body.replaceChildren(head, ...data.mentions.map(mentionBlock), ...more);
    body.dataset.state = "ready";
  } catch (err) { showError(body, err); }
}

async function openMention(mentionId) {
  const body = openDrawer("Coded sentence");
  try {
    const data = await api(`/api/mentions/${encodeURIComponent(mentionId)}`);
    const m = data.mention;
    $("#evidence-title").textContent =
      `${m.date || "undated"}: ${actorText(m.source_label, m.source_code)} → ${actorText(m.target_label, m.target_code)}`;
    body.replaceChildren(mentionBlock(m));
    body.dataset.state = "ready";
  } catch (err) { showError(body, err); }
}

function mentionBlock(m) {
  const a = m.article || {};
  const safeUrl = a.url && /^https?:\/\//i.test(a.url) ? a.url : null;
  const title = a.title || a.id || "article";
  return el("div", {className: "mention"},
    el("p", {className: "sentence"}, highlighted(m.sentence || "", m.span, m.source_text, m.target_text)),
    el("dl", {},
      el("dt", {text: "article"}), el("dd", {},
        safeUrl ? el("a", {href: safeUrl, target: "_blank", rel: "noopener noreferrer", className: "article-link", text: title})
                : title,
        a.outlet ? ` · ${a.outlet}` : "", a.published ? ` · published ${a.published}` : ""),
      el("dt", {text: "coded as"}), el("dd", {}, `${m.cameo} ${m.label || ""} · `,
        el("span", {className: `badge ${m.modality}`, text: m.modality, title: MODALITY_HELP[m.modality] || ""})),
      el("dt", {text: "date"}), el("dd", {text: m.date ? `${m.date} (${m.date_precision})` : "unknown"}),
      el("dt", {text: "rule"}), el("dd", {text: `${m.rule || "—"} · confidence ${m.confidence ?? "—"}`}),
    ));
}

/* The sentence with the actors' words and the event words marked (event words win where they overlap). */
function highlighted(sentence, span, sourceText, targetText) {
  const n = sentence.length;
  const paint = new Array(n).fill("");
  const lower = sentence.toLowerCase();
  const find = (needle, avoid) => {
    if (!needle) return null;
    const want = needle.toLowerCase();
    let at = lower.indexOf(want);
    while (at >= 0 && avoid && at < avoid[1] && at + want.length > avoid[0]) at = lower.indexOf(want, at + 1);
    return at >= 0 ? [at, at + want.length] : null;
  };
  const paintRange = (range, cls) => { if (range) for (let i = range[0]; i < range[1] && i < n; i++) paint[i] = cls; };
  const source = find(sourceText, null);
  const target = find(targetText, source);
  paintRange(target, "hl-target");
  paintRange(source, "hl-source");
  if (Array.isArray(span) && span[0] >= 0 && span[1] > span[0] && span[1] <= n) paintRange(span, "hl-event");
  const out = document.createDocumentFragment();
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && paint[j] === paint[i]) j++;
    const text = sentence.slice(i, j);
    out.append(paint[i] ? el("mark", {className: paint[i], text}) : document.createTextNode(text));
    i = j;
  }
  return out;
}

// ------------------------------------------------------------------------------------------- code a text

function showCode() {
  if (state.loaded.code) return;
  state.loaded.code = true;
  const form = $("#code-form");
  form.elements.published.value = today();
  const counter = () => { $("#code-chars").textContent = `${fmt(form.elements.text.value.length)} / 20,000 characters`; };
  form.elements.text.addEventListener("input", counter);
  counter();
  form.addEventListener("submit", (e) => { e.preventDefault(); codeText(); });
}

async function codeText() {
  const form = $("#code-form");
  const node = $("#code-results");
  const button = form.querySelector("button[type=submit]");
  const text = form.elements.text.value;
  if (!text.trim()) return;
  button.disabled = true;
  setBusy(node, state.summary && state.summary.coder_loaded ? "Coding…"
    : "Coding… (the first text loads the language model: a few seconds)");
  try {
    const data = await api("/api/code", {}, {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({text, published: form.elements.published.value || null}),
    });
    if (state.summary) state.summary.coder_loaded = true;
    renderCoded(node, data);
  } catch (err) { showError(node, err); } finally { button.disabled = false; }
}

function renderCoded(node, data) {
  const events = data.events;
  if (!events.length) {
    return showEmpty(node, "No events found. The coder looks for who did what to whom: a named actor (a country, " +
      "a government, a group), an action verb and, usually, a target.");
  }
  const counts = Object.entries(data.counts).filter(([, n]) => n > 0).map(([m, n]) => `${n} ${m}`).join(", ");
  const rows = events.map((e) => el("tr", {dataset: {modality: e.modality}},
    el("td", {}, el("span", {className: `badge ${e.modality}`, text: e.modality}),
       e.modality === "asserted" ? "" : el("span", {className: "code-label", text: "not stored as an event"})),
    el("td", {}, el("span", {className: `quad quad-${e.quad_class}`, title: e.quad_label || ""}), e.cameo,
       el("span", {className: "code-label", text: e.label || ""})),
    el("td", {}, e.source ? `${e.source.name || e.source.code} (${e.source.code})` : "—", " → ",
       e.target ? `${e.target.name || e.target.code} (${e.target.code})` : "—"),
    el("td", {className: "nowrap", text: e.date ? `${e.date} (${e.date_precision})` : "—"}),
    el("td", {text: e.location ? `${e.location.name}${e.location.country ? " (" + e.location.country + ")" : ""}` : "—"}),
    el("td", {className: "evidence"}, highlighted(e.sentence || "", e.span, e.source && e.source.text,
                                                  e.target && e.target.text))));
  const help = el("ul", {className: "help"}, Object.entries(MODALITY_HELP).map(([m, h]) =>
    el("li", {}, el("span", {className: `badge ${m}`, text: m}), " ", h)));
  node.replaceChildren(
    el("p", {}, el("b", {text: `${events.length} event${events.length === 1 ? "" : "s"} found: `}), counts,
       ` (relative dates resolved against ${data.published}).`),
    el("table", {className: "rows"},
      el("thead", {}, el("tr", {}, ["Modality", "Event", "Source → target", "Date", "Place", "Sentence"].map((h) => el("th", {text: h})))),
      el("tbody", {}, rows)),
    help);
  node.dataset.state = "ready";
  node.dataset.points = String(events.length);
}

// ------------------------------------------------------------------------------------------- start

async function start() {
  $("#evidence-close").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDrawer(); });
  try {
    await loadSummary();
  } catch (err) {
    $("#store-info").textContent = `The store could not be read: ${err.message}`;
  }
  window.addEventListener("hashchange", route);
  route();
}

start();
