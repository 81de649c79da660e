// The planner page: a tenant's forecast series (history, latest forecast with its interval, past forecasts against actuals,
// rolling accuracy), its KPI trends, its reports (built-in and saved, and a builder that previews and saves), and CSV exports.
// Data from /dashboard/api/planner; charts from charts.js. Text is always set with textContent, so nothing a tenant's data
// holds can inject markup.
"use strict";
(function () {
  const COLORS = ["#0b57d0", "#b3261e", "#146c2e", "#8a5300", "#5b3cc4", "#00796b"];
  const HISTORY = "#0b57d0", FORECAST = "#c25400", BAND = "rgba(194, 84, 0, 0.22)", TOP_VALUES = COLORS.length;
  const KINDS = { channel: "each channel", sku: "each SKU", warehouse: "each warehouse", customer: "each customer", currency: "each currency", step: "each workflow step" };
  const state = { tenant: "", series: [], picked: null };

  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== undefined && v !== null) k === "class" ? node.className = v : node.setAttribute(k, v);
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  const seconds = (iso) => Date.parse(iso) / 1000;
  const number = (v, d) => Number(v).toLocaleString("en", { maximumFractionDigits: d ?? 2 });
  const stamp = (iso, grain) => { const s = new Date(iso).toISOString(); return grain === "hour" ? s.slice(0, 13).replace("T", " ") + ":00" : s.slice(0, 10); };
  function query(params) { return new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null)).toString(); }
  async function api(path) {
    const response = await fetch("/dashboard/api/" + path, { headers: { Accept: "application/json" } });
    if (response.status === 401) { location.href = "/dashboard/signin"; throw new Error("signed out"); }
    const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    if (!response.ok) throw new Error(body?.detail || body?.title || ("HTTP " + response.status));
    return body;
  }
  function status(text, error) { $("status").textContent = text; $("status").className = error ? "error" : "muted"; }
  function figure(id, value, text) {
    $(id).textContent = value === null || value === undefined ? "—" : text;
    if (value === null || value === undefined) $(id).removeAttribute("data-value"); else $(id).dataset.value = String(value);
  }

  // ---------- tenant and series ----------
  async function loadTenant(tenant, wanted) {
    state.tenant = tenant;
    status("Loading " + tenant + "…");
    let list;
    try { list = await api("planner/series?" + query({ tenant })); } catch (e) { status(e.message, true); return; }
    state.series = list.series;
    const select = $("series");
    select.replaceChildren(...(list.series.length ? list.series.map(s => el("option", { value: s.key }, s.label)) : [el("option", { value: "" }, "No series")]));
    select.disabled = !list.series.length;
    const kinds = [...new Set(list.dimensions.map(d => d.split(":")[0]))].filter(k => KINDS[k]);
    $("kpi-dimension").replaceChildren(el("option", { value: "" }, "tenant total"), ...kinds.map(k => el("option", { value: k }, KINDS[k])));
    if (!list.series.length) {
      status("Tenant " + tenant + " has no orders yet, so no series.");
      $("forecast").hidden = true; $("kpi-section").hidden = true; $("reports-section").hidden = true;
      return;
    }
    status(list.series.length + " series for tenant " + tenant + ".");
    select.value = list.series.some(s => s.key === wanted) ? wanted : list.series[0].key;
    $("kpi-section").hidden = false;
    await Promise.all([loadSeries(), loadKpis(), loadReports(null)]);
  }

  async function loadSeries() {
    const series = state.series.find(s => s.key === $("series").value); if (!series) return;
    state.picked = series;
    history.replaceState(null, "", "?" + query({ tenant: state.tenant, series: series.key }));
    const params = query({ tenant: state.tenant, grain: series.grain, dimension: series.dimension });
    $("export-series").href = "/dashboard/api/planner/forecast.csv?" + params;
    let forecast;
    try { forecast = await api("planner/forecast?" + params); } catch (e) { status(e.message, true); return; }
    if (state.picked !== series) return; // another series was picked meanwhile
    renderForecast(series, forecast.view);
  }

  function renderForecast(series, view) {
    $("forecast").hidden = false;
    $("series-label").textContent = series.label;
    const a = view.accuracy, unit = series.grain === "hour" ? "hours" : "days";
    figure("acc-smape", a.sMape, a.sMape === null ? "" : number(a.sMape) + " %");
    figure("acc-mase", a.mase, a.mase === null ? "" : number(a.mase, 3));
    figure("acc-coverage", a.coverage, a.coverage === null ? "" : number(100 * a.coverage, 1) + " %");
    figure("acc-scored", a.scoredPoints, number(a.scoredPoints, 0));
    figure("acc-model", view.model, view.model);
    figure("acc-kept", view.forecastsKept, number(view.forecastsKept, 0));
    $("accuracy-note").textContent = `Rolling over the scored points of the last ${a.windowPeriods} observed ${unit}, every horizon; MASE scaled by the seasonal `
      + `naive error (period ${a.seasonalPeriod}). ` + (view.lastRefitAt ? "Model refitted " + new Date(view.lastRefitAt).toISOString().slice(0, 16).replace("T", " ") + " UTC." : "Not fitted yet.");
    const latest = view.latest;
    $("band-level").textContent = latest ? Math.round(100 * latest.level) + " %" : "95 %";
    const measure = series.measure;
    Charts.timeline($("chart-forecast"), {
      grain: series.grain,
      lines: [
        { label: "History (" + measure + ")", color: HISTORY, points: view.history.map(o => [seconds(o.periodStart), o.value]) },
        { label: "Forecast", color: FORECAST, dashed: true, points: (latest?.points || []).map(p => [seconds(p.periodStart), p.point]) },
      ],
      bands: [{ label: "Interval", color: BAND, points: (latest?.points || []).map(p => [seconds(p.periodStart), p.lower, p.upper]) }],
    });
    const oneAhead = view.recentScores.filter(s => s.horizon === 1);
    Charts.timeline($("chart-scored"), {
      grain: series.grain,
      lines: [
        { label: "Actual", color: HISTORY, points: oneAhead.map(s => [seconds(s.periodStart), s.actual]) },
        { label: "Forecast", color: FORECAST, dashed: true, points: oneAhead.map(s => [seconds(s.periodStart), s.forecast]) },
      ],
      bands: [{ label: "Interval", color: BAND, points: oneAhead.map(s => [seconds(s.periodStart), s.lower, s.upper]) }],
    });
    const recent = view.recentScores.slice(-30).reverse();
    const body = $("scored").tBodies[0];
    body.replaceChildren(...(recent.length ? recent.map(s => el("tr", {},
      el("td", {}, stamp(s.periodStart, series.grain)), el("td", {}, stamp(s.origin, series.grain)), el("td", { class: "num" }, s.horizon),
      el("td", { class: "num" }, number(s.forecast)), el("td", { class: "num" }, number(s.lower)), el("td", { class: "num" }, number(s.upper)),
      el("td", { class: "num" }, number(s.actual)), el("td", {}, s.actual >= s.lower && s.actual <= s.upper ? "yes" : "no")))
      : [el("tr", {}, el("td", { colspan: 8, class: "muted" }, "No forecast has been scored yet: scores come when the periods a forecast covered close."))]));
  }

  // ---------- KPIs ----------
  async function loadKpis() {
    const grain = $("kpi-grain").value, dimension = $("kpi-dimension").value;
    const params = query({ tenant: state.tenant, grain, dimension });
    $("export-kpis").href = "/dashboard/api/planner/kpis.csv?" + params;
    let kpis;
    try { kpis = await api("planner/kpis?" + params); } catch (e) { status(e.message, true); return; }
    const step = grain === "hour" ? 3600 : 86400, periods = [];
    for (let t = seconds(kpis.from); t < seconds(kpis.to); t += step) periods.push(t);
    const byValue = new Map();
    for (const p of kpis.points) {
      if (!byValue.has(p.dimension)) byValue.set(p.dimension, new Map());
      byValue.get(p.dimension).set(seconds(p.periodStart), p.figures);
    }
    const total = (cells) => [...cells.values()].reduce((sum, f) => sum + f.orders, 0);
    const values = [...byValue.entries()].sort((x, y) => total(y[1]) - total(x[1]) || (x[0] < y[0] ? -1 : 1));
    const shown = values.slice(0, TOP_VALUES);
    $("kpi-note").textContent = (dimension ? `${values.length} values of ${dimension}` + (values.length > shown.length ? `; the ${shown.length} with the most orders are drawn` : "") + ". " : "")
      + `${kpis.points.length} KPI cells from ${stamp(kpis.from, grain)} to ${stamp(kpis.to, grain)} (UTC); orders count in the period they were created in.`;
    const draw = (id, pick) => Charts.timeline($(id), {
      grain,
      lines: shown.map(([value, cells], i) => ({
        label: value === "" ? "total" : value, color: COLORS[i],
        points: periods.map(t => [t, cells.has(t) ? Number(pick(cells.get(t))) : 0]),
      })),
    });
    draw("chart-orders", f => f.orders);
    draw("chart-revenue", f => f.revenue);
    draw("chart-units", f => f.units);
  }

  // ---------- reports ----------
  const reports = { list: null, shown: null };
  const formatValue = (v, unit) => v === null || v === undefined ? "—" : unit === "ratio" ? number(100 * v, 1) + " %" : number(v, unit === "count" ? 0 : 2);
  const csvList = (text) => text.split(",").map(v => v.trim()).filter(v => v.length);

  async function loadReports(wanted) {
    let list;
    try { list = await api("planner/reports?" + query({ tenant: state.tenant })); } catch (e) { status(e.message, true); return; }
    reports.list = list;
    const option = (r, label) => el("option", { value: r.reportId }, label);
    $("report").replaceChildren(
      el("optgroup", { label: "Built-in" }, ...list.builtIn.map(r => option(r, r.name))),
      ...(list.saved.length ? [el("optgroup", { label: "Saved" }, ...list.saved.map(r => option(r, r.name)))] : []));
    $("report").value = [...list.builtIn, ...list.saved].some(r => r.reportId === wanted) ? wanted : list.builtIn[0].reportId;
    const measures = list.measures.map(m => el("option", { value: m.name }, m.label + " (" + m.unit + ")"));
    $("b-measures").replaceChildren(...measures);
    $("b-sort").replaceChildren(el("option", { value: "" }, "period, then value"), ...list.measures.map(m => el("option", { value: m.name }, m.label)));
    $("b-dimension").replaceChildren(el("option", { value: "" }, "tenant total"), ...list.dimensions.map(d => el("option", { value: d }, KINDS[d] || d)));
    $("reports-section").hidden = false;
    await runReport();
  }

  async function runReport() {
    const id = $("report").value; if (!id) return;
    const params = query({ tenant: state.tenant, report: id });
    $("export-report").href = "/dashboard/api/planner/reports/run.csv?" + params;
    let result;
    try { result = await api("planner/reports/run?" + params); } catch (e) { status(e.message, true); return; }
    if ($("report").value !== id) return; // another report was picked meanwhile
    renderReport(result);
  }

  function builderDefinition() {
    const top = $("b-top").value.trim();
    return {
      measures: [...$("b-measures").selectedOptions].map(o => o.value),
      dimension: $("b-dimension").value, grain: $("b-grain").value, range: $("b-range").value.trim() || null,
      include: csvList($("b-include").value), exclude: csvList($("b-exclude").value),
      sortBy: $("b-sort").value || null, top: top ? Number(top) : null,
    };
  }

  async function post(path, body) {
    const response = await fetch("/dashboard/api/" + path, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body) });
    const json = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    if (!response.ok) throw new Error(json?.detail || json?.title || ("HTTP " + response.status));
    return json;
  }

  function builderStatus(text, error) { $("builder-status").textContent = text; $("builder-status").className = error ? "error" : "muted"; }

  async function previewReport() {
    try { renderReport(await post("planner/reports/preview?" + query({ tenant: state.tenant }), builderDefinition())); builderStatus("Preview of the builder's report (not saved)."); }
    catch (e) { builderStatus(e.message, true); }
  }

  async function saveReport(e) {
    e.preventDefault();
    const name = $("b-name").value.trim();
    if (!name) { builderStatus("Name the report to save it.", true); return; }
    let saved;
    try { saved = await post("planner/reports?" + query({ tenant: state.tenant }), { name, definition: builderDefinition() }); }
    catch (err) { builderStatus(err.message, true); return; }
    builderStatus("Saved as " + saved.name + ".");
    await loadReports(saved.reportId);
  }

  function renderReport(result) {
    reports.shown = result;
    const d = result.definition, withPeriod = d.grain !== "total", withValue = d.dimension !== "";
    const axis = d.grain === "hour" ? "hour" : "day";
    $("report-caption").textContent = (result.name || "Builder preview") + " · " + result.columns[0].label + (withValue ? " by " + d.dimension : "");
    const waiting = result.waitingFor.length ? " Waiting for KPI figures: " + result.waitingFor.join(", ") + "." : "";
    $("report-note").textContent = `${result.rows.length} rows from ${stamp(result.from, axis)} to ${stamp(result.to, axis)} (UTC), per ${d.grain === "total" ? "whole range" : d.grain}.` + waiting;
    const table = $("report-table");
    table.tHead.replaceChildren(el("tr", {},
      ...(withPeriod ? [el("th", { scope: "col" }, "Period")] : []), ...(withValue ? [el("th", { scope: "col" }, d.dimension)] : []),
      ...result.columns.map(c => el("th", { scope: "col", class: "num", "data-measure": c.name }, c.label))));
    table.tBodies[0].replaceChildren(...(result.rows.length ? result.rows.map(r => el("tr", {},
      ...(withPeriod ? [el("td", { "data-value": new Date(r.periodStart).toISOString().slice(0, 19) + "Z" }, stamp(r.periodStart, axis))] : []),
      ...(withValue ? [el("td", { "data-value": r.value }, r.value)] : []),
      ...r.values.map((v, i) => el("td", { class: "num", "data-value": v === null ? "" : String(v) }, formatValue(v, result.columns[i].unit)))))
      : [el("tr", {}, el("td", { colspan: result.columns.length + 2, class: "muted" }, "No rows: no orders in the range."))]));
    // the chart: the first measure over time (one line per value, the first ones), or bars per value for a whole-range report
    const canvas = $("chart-report");
    if (withPeriod) {
      const byValue = new Map();
      for (const r of result.rows) { const k = r.value ?? "total"; if (!byValue.has(k)) byValue.set(k, []); byValue.get(k).push([seconds(r.periodStart), r.values[0]]); }
      Charts.timeline(canvas, { grain: axis, lines: [...byValue.entries()].slice(0, TOP_VALUES).map(([k, points], i) => ({ label: k, color: COLORS[i], points: points.sort((a, b) => a[0] - b[0]) })) });
    } else {
      const rows = result.rows.slice(0, 24);
      Charts.bars(canvas, rows.map(r => r.value ?? "total"), [{ label: result.columns[0].label, color: COLORS[0], values: rows.map(r => r.values[0] ?? 0) }]);
      canvas.dataset.drawn = JSON.stringify({ [result.columns[0].label]: rows.length });
    }
  }

  // ---------- wiring ----------
  $("pick").addEventListener("submit", (e) => { e.preventDefault(); loadTenant($("tenant").value.trim(), null); });
  $("series").addEventListener("change", loadSeries);
  $("kpi-grain").addEventListener("change", loadKpis);
  $("kpi-dimension").addEventListener("change", loadKpis);
  $("report").addEventListener("change", runReport);
  $("b-preview").addEventListener("click", previewReport);
  $("builder").addEventListener("submit", saveReport);
  (async function start() {
    try {
      const me = await api("me");
      $("user").textContent = me.user + (me.canOperate ? " (operator)" : " (read-only)");
      $("signout").hidden = me.mode !== "SignIn";
    } catch { return; }
    const params = new URLSearchParams(location.search);
    if (params.get("tenant")) { $("tenant").value = params.get("tenant"); await loadTenant(params.get("tenant"), params.get("series")); }
  })();
})();
