// The SRE dashboard page: live snapshots over server-sent events, ten minutes of history, five tabs. Text is always set with
// textContent (never parsed as HTML), so nothing a grain or a silo reports can inject markup.
"use strict";
(function () {
  const HISTORY_SECONDS = 600;
  const state = { me: null, snapshot: null, history: [], tab: "overview", streamsTimer: null, types: [], redrives: new Map() };

  // ---------- helpers ----------
  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }
  function rows(tableId, items, render, empty) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...(items.length ? items.map(render) : [el("tr", {}, el("td", { colspan: $(tableId).tHead.rows[0].cells.length, class: "muted" }, empty || "Nothing yet."))]));
  }
  const td = (text, cls) => el("td", { class: cls }, text);
  const num = (text) => td(text, "num");
  const badge = (text, cls) => el("span", { class: "badge " + (cls || text) }, text);
  function ms(seconds) { const v = seconds * 1000; return v >= 100 ? v.toFixed(0) + " ms" : v >= 1 ? v.toFixed(1) + " ms" : v.toFixed(2) + " ms"; }
  function fixed(v, d) { return Number(v || 0).toLocaleString(undefined, { maximumFractionDigits: d ?? 1 }); }
  function pct(v) { return (100 * (v || 0)).toFixed(2) + " %"; }
  function bytes(v) { return v >= 1 << 30 ? (v / (1 << 30)).toFixed(2) + " GiB" : (v / (1 << 20)).toFixed(0) + " MiB"; }
  function time(t) { return t ? new Date(t).toLocaleTimeString() : "—"; }
  function dateTime(t) { return t ? new Date(t).toLocaleString() : "—"; }
  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${s}s` : `${s}s`;
  }
  function quantile(bounds, counts, q) {
    const total = counts.reduce((a, b) => a + b, 0); if (!total) return 0;
    const rank = q * total; let seen = 0;
    for (let i = 0; i < counts.length; i++) {
      if (seen + counts[i] >= rank && counts[i] > 0) {
        const lower = i === 0 ? 0 : bounds[i - 1], upper = i < bounds.length ? bounds[i] : bounds[bounds.length - 1];
        return lower + (upper - lower) * ((rank - seen) / counts[i]);
      }
      seen += counts[i];
    }
    return bounds[bounds.length - 1];
  }
  async function api(path, options) {
    const response = await fetch("/dashboard/api/" + path, Object.assign({ headers: { Accept: "application/json" } }, options));
    if (response.status === 401) { location.href = "/dashboard/signin"; throw new Error("signed out"); }
    const body = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
    if (!response.ok) throw new Error(body?.detail || body?.title || ("HTTP " + response.status));
    return body;
  }

  // ---------- tabs ----------
  const TABS = ["overview", "grains", "timers", "streams", "storage"];
  function showTab(name) {
    if (!TABS.includes(name)) name = "overview";
    state.tab = name;
    for (const t of TABS) {
      $(t).hidden = t !== name;
      $("tab-" + t).setAttribute("aria-selected", String(t === name));
    }
    clearInterval(state.streamsTimer);
    if (name === "streams") { loadStreams(); state.streamsTimer = setInterval(loadStreams, 5000); }
    render();
  }
  window.addEventListener("hashchange", () => showTab(location.hash.slice(1)));
  document.querySelector(".tabs").addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = TABS.indexOf(state.tab), next = TABS[(i + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length];
    location.hash = next; $("tab-" + next).focus();
  });

  // ---------- live data ----------
  function addPoint(p) {
    if (state.history.length && state.history[state.history.length - 1].t >= p.t) return;
    state.history.push(p);
    while (state.history.length && state.history[0].t < p.t - HISTORY_SECONDS) state.history.shift();
  }
  function connect() {
    const source = new EventSource("/dashboard/api/live");
    source.addEventListener("snapshot", (e) => {
      state.snapshot = JSON.parse(e.data);
      addPoint(state.snapshot.point);
      $("connection").className = "connection live";
      $("connection").textContent = "Live · updated " + time(state.snapshot.at);
      render();
    });
    source.onerror = async () => {
      $("connection").className = "connection down";
      $("connection").textContent = "Reconnecting…";
      if (source.readyState === EventSource.CLOSED) {
        try { await api("me"); } catch { return; }
        setTimeout(connect, 2000);
      }
    };
  }

  function render() {
    const s = state.snapshot; if (!s) return;
    if (state.tab === "overview") renderOverview(s);
    else if (state.tab === "grains") renderGrains(s);
    else if (state.tab === "timers") renderTimers(s);
    else if (state.tab === "storage") renderStorage(s);
  }

  // ---------- overview ----------
  function kpis(target, items) {
    $(target).replaceChildren(...items.map(([label, value, id]) => el("div", { id }, el("dt", {}, label), el("dd", {}, value))));
  }
  function renderOverview(s) {
    const t = s.totals;
    kpis("kpis", [
      ["Silos active", `${t.activeSilos} of ${t.silos}`, "kpi-silos"], ["Activations", fixed(t.activations, 0), "kpi-activations"],
      ["Calls per second", fixed(t.callsPerSecond), "kpi-calls"], ["Error rate", pct(t.errorRate), "kpi-errors"],
      ["Latency p50", ms(t.p50), "kpi-p50"], ["Latency p99", ms(t.p99), "kpi-p99"],
    ]);
    const times = state.history.map(p => p.t);
    Charts.line($("chart-calls"), times, [{ label: "calls/s", color: "#0b57d0", values: state.history.map(p => p.calls) }]);
    Charts.line($("chart-errors"), times, [{ label: "errors/s", color: "#b3261e", values: state.history.map(p => p.errors) }]);
    Charts.line($("chart-latency"), times, [
      { label: "p50", color: "#146c2e", values: state.history.map(p => p.p50 * 1000) },
      { label: "p99", color: "#8a5300", values: state.history.map(p => p.p99 * 1000) }]);
    Charts.line($("chart-activations"), times, [{ label: "activations", color: "#5b3cc4", values: state.history.map(p => p.activations) }]);

    const now = Date.parse(s.at);
    rows("silos", s.silos, (v) => {
      const r = v.report;
      const status = v.status === "Active" && v.reachability === "unreachable" ? [badge(v.status), " ", badge("unreachable")] : [badge(v.status)];
      return el("tr", { "data-silo": v.name, "data-status": v.status, "data-reachability": v.reachability },
        el("th", { scope: "row" }, v.name, v.isLocal ? el("span", { class: "muted small" }, " (this silo)") : null),
        el("td", {}, ...status, v.error ? el("div", { class: "muted small" }, v.error) : null),
        td(v.silo), num(v.generation), td(v.status === "Dead" ? "—" : duration((now - Date.parse(v.startedAt)) / 1000)),
        num(r ? fixed(r.cpu) + " %" : "—"), num(r ? bytes(r.workingSet) : "—"), num(r ? fixed(r.activations, 0) : "—"),
        num(r ? fixed(r.last.calls) : "—"), td(v.suspicions.length ? v.suspicions.join("; ") : "none"));
    }, "No silos.");

    $("window-note").textContent = `(last ${Math.round(s.windowSeconds)} s)`;
    const label = (m) => `${m.grainType} · ${m.method}`;
    rows("top-calls", [...s.methods].sort((a, b) => b.calls - a.calls).slice(0, 8), m => el("tr", {}, td(label(m)), num(fixed(m.callsPerSecond))), "No calls.");
    rows("top-errors", s.methods.filter(m => m.errors > 0).sort((a, b) => b.errors - a.errors).slice(0, 8),
      m => el("tr", {}, td(label(m)), num(fixed(m.errors, 0)), num(pct(m.errorRate))), "No errors.");
    rows("top-latency", [...s.methods].sort((a, b) => b.p99 - a.p99).slice(0, 8), m => el("tr", {}, td(label(m)), num(ms(m.p99))), "No calls.");
    rows("membership", [...s.membership].reverse().slice(0, 200), (e) => el("tr", {},
      td(dateTime(e.at)), td(`${e.siloName} (${e.silo})`), el("td", {}, badge(e.kind)), td(e.detail)), "No membership changes seen.");
  }

  // ---------- grains ----------
  function renderGrains(s) {
    const silos = s.silos.filter(v => v.report).map(v => v.report.silo);
    const names = Object.fromEntries(s.silos.map(v => [v.silo, v.name]));
    const table = $("activations-by-type");
    table.tHead.replaceChildren(el("tr", {}, el("th", { scope: "col" }, "Grain type"), ...silos.map(x => el("th", { scope: "col", class: "num" }, names[x] || x)),
      el("th", { scope: "col", class: "num" }, "Total")));
    const types = Object.keys(s.activationsByType).sort();
    rows("activations-by-type", types, (type) => {
      const per = s.activationsByType[type];
      return el("tr", {}, el("th", { scope: "row" }, type), ...silos.map(x => num(fixed(per[x] || 0, 0))),
        num(fixed(Object.values(per).reduce((a, b) => a + b, 0), 0)));
    }, "No activations.");
    const filter = $("methods-filter"), chosen = filter.value;
    const known = new Set([...filter.options].map(o => o.value));
    for (const type of new Set(s.methods.map(m => m.grainType))) if (!known.has(type)) filter.append(el("option", { value: type }, type));
    $("methods-note").textContent = `(last ${Math.round(s.windowSeconds)} s)`;
    rows("methods", s.methods.filter(m => !chosen || m.grainType === chosen), (m) => el("tr", {},
      td(m.grainType), td(m.method), num(fixed(m.calls, 0)), num(fixed(m.callsPerSecond)), num(fixed(m.errors, 0)), num(pct(m.errorRate)),
      num(ms(m.p50)), num(ms(m.p99))), "No calls in the window.");
  }
  $("methods-filter").addEventListener("change", render);

  async function loadTypes() {
    try {
      state.types = await api("grain-types");
      $("lookup-type").replaceChildren(...state.types.map(t => el("option", { value: t.grainType }, t.grainType)));
    } catch (e) { $("lookup-result").replaceChildren(el("p", { class: "error", role: "alert" }, e.message)); }
  }

  $("lookup").addEventListener("submit", async (e) => {
    e.preventDefault();
    const type = $("lookup-type").value, key = $("lookup-key").value;
    const out = $("lookup-result");
    out.replaceChildren(el("p", { class: "muted" }, "Looking up…"));
    try {
      const g = await api(`grain?type=${encodeURIComponent(type)}&key=${encodeURIComponent(key)}`);
      out.replaceChildren(renderLookup(g));
    } catch (err) { out.replaceChildren(el("p", { class: "error", role: "alert" }, err.message)); }
  });

  function renderLookup(g) {
    const box = el("article", { class: "result", id: "grain-result", "aria-label": "Grain " + g.grainId });
    box.append(el("h3", {}, g.grainId),
      el("dl", {},
        el("dt", {}, "Ring owner"), el("dd", { id: "grain-owner" }, g.owner ? `${g.ownerName || ""} (${g.owner})` : "no active silo"),
        el("dt", {}, "Active on"), el("dd", { id: "grain-activations" }, g.activations.length
          ? g.activations.map(a => `${a.siloName} (${a.silo}) · ${a.status} · ${a.queueLength} waiting`).join("; ") : "not active anywhere"),
        g.unreachable.length ? el("dt", {}, "Not answering") : null, g.unreachable.length ? el("dd", {}, g.unreachable.join("; ")) : null));
    if (state.me?.canOperate && g.activations.length) {
      const button = el("button", { type: "button", class: "danger", id: "deactivate" }, "Deactivate");
      button.addEventListener("click", async () => {
        if (!confirm(`Deactivate ${g.grainId}? Its state is committed; the next call activates it again.`)) return;
        button.disabled = true;
        try {
          const r = await api(`grain/deactivate?type=${encodeURIComponent(g.grainType)}&key=${encodeURIComponent(g.key)}`, { method: "POST" });
          box.append(el("p", { role: "status", id: "deactivate-result" }, "Deactivation started on " + r.deactivatedOn.join(", ")));
        } catch (err) { box.append(el("p", { class: "error", role: "alert", id: "deactivate-result" }, err.message)); }
      });
      box.append(button);
    }
    box.append(el("h4", {}, "State (sensitive fields redacted)"));
    if (!g.states.length) box.append(el("p", { class: "muted" }, "This grain class has no persistent state."));
    for (const st of g.states) {
      box.append(el("p", {}, el("strong", {}, st.stateName), ` · version ${st.version}`),
        el("pre", { class: "json", "data-state": st.stateName, tabindex: "0", "aria-label": "State " + st.stateName }, st.json ?? "(never written)"));
    }
    box.append(el("h4", {}, "Durable timers"));
    const timers = el("table", { class: "compact", id: "grain-timers" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"),
      el("th", { scope: "col" }, "Due"), el("th", { scope: "col" }, "Period"))), el("tbody"));
    box.append(timers);
    timers.tBodies[0].replaceChildren(...(g.timers.length ? g.timers.map(t => el("tr", {}, td(t.name), td(dateTime(t.dueAt)),
      td(t.periodSeconds ? duration(t.periodSeconds) : "once"))) : [el("tr", {}, el("td", { colspan: 3, class: "muted" }, "No timers."))]));
    box.append(el("h4", {}, "Recent calls"));
    const calls = el("table", { class: "compact", id: "grain-calls" }, el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Started"),
      el("th", { scope: "col" }, "Method"), el("th", { scope: "col", class: "num" }, "Duration"), el("th", { scope: "col" }, "Outcome"), el("th", { scope: "col" }, "Silo"))), el("tbody"));
    box.append(calls);
    calls.tBodies[0].replaceChildren(...(g.recentCalls.length ? g.recentCalls.map(c => el("tr", {}, td(time(c.startedAt)), td(c.method),
      num(c.durationMs.toFixed(2) + " ms"), el("td", {}, c.error ? badge(c.error, "bad") : badge("ok")), td(c.silo)))
      : [el("tr", {}, el("td", { colspan: 5, class: "muted" }, "No recent calls recorded."))]));
    return box;
  }

  // ---------- timers ----------
  function bucketLabels(bounds, unit) { return [...bounds.map(b => unit === "s" ? ms(b) : String(b)), "more"]; }
  function renderTimers(s) {
    const t = s.timers;
    kpis("timer-kpis", [
      ["Pending", t.pending === null ? "…" : fixed(t.pending, 0), "timer-pending"], ["Next due", t.nextDueAt ? dateTime(t.nextDueAt) : "none", "timer-next"],
      ["Being delivered", fixed(t.inFlight, 0), "timer-inflight"], ["Ticks (window)", fixed(t.ticksOk, 0), "timer-ok"],
      ["Failed ticks (window)", fixed(t.ticksFailed, 0), "timer-failed"], ["Lateness p50", ms(t.latenessP50), "timer-p50"], ["Lateness p99", ms(t.latenessP99), "timer-p99"],
    ]);
    $("lateness-window").textContent = `last ${Math.round(s.windowSeconds)} s and since start`;
    const labels = bucketLabels(s.latencyBounds, "s");
    Charts.bars($("chart-lateness"), labels, [{ label: "window", color: "#0b57d0", values: t.lateness }, { label: "since start", color: "#9aa5b1", values: t.latenessSinceStart }]);
    rows("lateness", labels.map((l, i) => i).filter(i => t.latenessSinceStart[i] > 0), (i) => el("tr", {}, td(labels[i]), num(fixed(t.lateness[i], 0)), num(fixed(t.latenessSinceStart[i], 0))), "No ticks delivered yet.");
    $("overdue").textContent = t.overdueList + (t.statsAt ? ` Pending and next due read at ${time(t.statsAt)}.` : "");
  }

  // ---------- streams ----------
  async function loadStreams() {
    try {
      const v = await api("streams");
      $("streams-note").textContent = v.enabled ? "Lag and dead letters as stored (refreshed every 5 s)." : v.note;
      rows("stream-lag", v.lag, (l) => el("tr", {}, td(l.group), num(l.partition), num(fixed(l.head, 0)), num(fixed(l.cursor, 0)), num(fixed(l.lag, 0)), td(l.owner || "—")), "No consumer groups.");
      rows("dead-letter-counts", Object.entries(v.deadLetterCounts), ([g, n]) => el("tr", {}, td(g), num(fixed(n, 0))), "No dead letters.");
      // Re-drives this page made stay listed with their outcome: a delivered dead letter is gone from the next refresh,
      // and a refresh during the call must not bring its button back.
      const listed = new Set(v.deadLetters.map(d => d.id));
      const shown = v.deadLetters.concat([...state.redrives.values()].filter(r => !listed.has(r.letter.id)).map(r => r.letter));
      rows("dead-letters", shown, (d) => {
        const action = el("td");
        const redrive = state.redrives.get(d.id); // { letter, outcome, failed }
        if (redrive) action.append(redrive.outcome);
        if (state.me?.canOperate && (!redrive || redrive.failed)) {
          const b = el("button", { type: "button", class: "secondary" }, "Re-drive");
          b.addEventListener("click", async () => {
            b.disabled = true;
            state.redrives.set(d.id, { letter: d, outcome: "re-driving… " });
            try {
              const r = await api(`streams/dead-letters/${d.id}/redrive`, { method: "POST" });
              state.redrives.set(d.id, { letter: d, outcome: r.delivered ? "delivered" : `failed: ${r.error || ""} `, failed: !r.delivered });
            } catch (err) { state.redrives.set(d.id, { letter: d, outcome: el("span", { class: "error" }, err.message + " "), failed: true }); }
            loadStreams();
          });
          action.append(b);
        } else if (!state.me?.canOperate) action.append(el("span", { class: "muted" }, "operators only"));
        return el("tr", {}, num(d.id), td(d.group), td(d.stream), num(d.sequence), td(d.eventType), td(d.error), num(d.attempts), td(dateTime(d.failedAt)), action);
      }, "No dead letters.");
    } catch (err) { $("streams-note").textContent = err.message; }
  }

  // ---------- storage ----------
  function renderStorage(s) {
    rows("storage-ops", s.storage, (o) => el("tr", {}, td(o.operation), num(fixed(o.count, 0)), num(fixed(o.errors, 0)), num(ms(o.p50)), num(ms(o.p99)),
      num(fixed(o.batchP50)), num(fixed(o.batchP99))), "No storage operations in the window.");
    $("batch-window").textContent = `last ${Math.round(s.windowSeconds)} s`;
    const commit = s.storage.find(o => o.operation === "commit");
    Charts.bars($("chart-batches"), bucketLabels(s.countBounds, ""), [{ label: "commit batches", color: "#0b57d0", values: commit ? commit.batchSizes : [] }]);
    rows("pools", s.pools, (p) => el("tr", {}, td(p.silo), td(p.pool), num(p.used), num(p.idle), num(p.max), num(p.pending)), "No database connection pools (embedded storage).");
    rows("storage-queues", s.silos.filter(v => v.report), (v) => el("tr", {}, td(v.name), num(fixed(v.report.storageQueue, 0))), "No silos answered.");
  }

  // ---------- start ----------
  async function start() {
    try {
      state.me = await api("me");
      $("user").textContent = state.me.user + (state.me.canOperate ? " (operator)" : " (read-only)");
      $("signout").hidden = state.me.mode !== "SignIn";
      const h = await api("history");
      for (const p of h.points) addPoint(p);
    } catch (e) {
      $("connection").textContent = e.message;
    }
    showTab(location.hash.slice(1) || "overview");
    loadTypes();
    connect();
  }
  start();
})();
