// Small canvas charts for the dashboard: a time-series line chart, a bar chart and a period chart with interval bands. No dependencies.
"use strict";
(function () {
  const AXIS = "#55606e", GRID = "#e3e6ea", FONT = "12px system-ui, sans-serif";

  function prepare(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth || canvas.width, height = Math.round(width * canvas.height / canvas.width) || canvas.height;
    if (canvas._w !== width || canvas._r !== ratio) {
      canvas._w = width; canvas._r = ratio;
      canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
      canvas._h = height;
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, canvas._h);
    ctx.font = FONT;
    return { ctx, width, height: canvas._h };
  }

  function niceMax(value) {
    if (!(value > 0)) return 1;
    const power = Math.pow(10, Math.floor(Math.log10(value)));
    for (const step of [1, 2, 2.5, 5, 10]) if (value <= step * power) return step * power;
    return 10 * power;
  }

  function label(value) {
    if (value >= 1e6) return (value / 1e6).toFixed(1) + "M";
    if (value >= 1e3) return (value / 1e3).toFixed(1) + "k";
    if (value >= 10 || value === 0) return Math.round(value).toString();
    return value.toPrecision(2);
  }

  // times: unix seconds; series: [{ label, color, values }]
  function line(canvas, times, series) {
    const { ctx, width, height } = prepare(canvas);
    const left = 44, right = 8, top = 18, bottom = 20, w = width - left - right, h = height - top - bottom;
    const max = niceMax(Math.max(0, ...series.flatMap(s => s.values.filter(v => Number.isFinite(v)))));
    ctx.strokeStyle = GRID; ctx.fillStyle = AXIS; ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = top + h - (h * i) / 4;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + w, y); ctx.stroke();
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillText(label((max * i) / 4), left - 6, y);
    }
    if (times.length > 1) {
      const t0 = times[0], t1 = times[times.length - 1], span = Math.max(1, t1 - t0);
      ctx.textAlign = "left"; ctx.textBaseline = "top"; ctx.fillText(clock(t0), left, top + h + 4);
      ctx.textAlign = "right"; ctx.fillText(clock(t1), left + w, top + h + 4);
      for (const s of series) {
        ctx.strokeStyle = s.color; ctx.lineWidth = 2; ctx.beginPath();
        let started = false;
        s.values.forEach((v, i) => {
          if (!Number.isFinite(v)) return;
          const x = left + (w * (times[i] - t0)) / span, y = top + h - (h * v) / max;
          if (started) ctx.lineTo(x, y); else { ctx.moveTo(x, y); started = true; }
        });
        ctx.stroke();
      }
    } else {
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText("collecting…", left + w / 2, top + h / 2);
    }
    legend(ctx, left, series.map(s => ({ color: s.color, text: s.label + " " + label(last(s.values)) })));
    canvas.setAttribute("aria-label", series.map(s => s.label + ": " + label(last(s.values))).join(", "));
  }

  // labels: bucket labels; series: [{ label, color, values }]
  function bars(canvas, labels, series) {
    const { ctx, width, height } = prepare(canvas);
    const left = 44, right = 8, top = 18, bottom = 34, w = width - left - right, h = height - top - bottom;
    const max = niceMax(Math.max(0, ...series.flatMap(s => s.values)));
    ctx.strokeStyle = GRID; ctx.fillStyle = AXIS;
    for (let i = 0; i <= 4; i++) {
      const y = top + h - (h * i) / 4;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + w, y); ctx.stroke();
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillText(label((max * i) / 4), left - 6, y);
    }
    const slot = w / Math.max(1, labels.length), bar = Math.max(2, (slot - 4) / series.length);
    labels.forEach((text, i) => {
      series.forEach((s, j) => {
        const v = s.values[i] || 0, bh = (h * v) / max;
        ctx.fillStyle = s.color; ctx.fillRect(left + i * slot + 2 + j * bar, top + h - bh, bar - 1, bh);
      });
      if (i % Math.ceil(labels.length / 10) === 0) {
        ctx.fillStyle = AXIS; ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.fillText(text, left + i * slot + slot / 2, top + h + 4);
      }
    });
    legend(ctx, left, series.map(s => ({ color: s.color, text: s.label })));
    canvas.setAttribute("aria-label", series.map(s => s.label + ": " + s.values.reduce((a, b) => a + b, 0) + " in total").join(", "));
  }

  // A time chart over arbitrary periods (the planner): spec = { grain: "hour"|"day", lines: [{ label, color, points: [[unixSeconds, value]], dashed }],
  // bands: [{ label, color, points: [[unixSeconds, lower, upper]] }] }. Bands are filled under the lines. The canvas's data-drawn
  // attribute records how many points of each line and band were drawn, so tests can check the chart against its data.
  function timeline(canvas, spec) {
    const { ctx, width, height } = prepare(canvas);
    const left = 52, right = 10, top = 20, bottom = 22, w = width - left - right, h = height - top - bottom;
    const lines = (spec.lines || []).map(l => ({ ...l, points: l.points.filter(p => Number.isFinite(p[1])) }));
    const bands = (spec.bands || []).map(b => ({ ...b, points: b.points.filter(p => Number.isFinite(p[1]) && Number.isFinite(p[2])) }));
    const times = [...lines.flatMap(l => l.points.map(p => p[0])), ...bands.flatMap(b => b.points.map(p => p[0]))];
    const values = [...lines.flatMap(l => l.points.map(p => p[1])), ...bands.flatMap(b => b.points.map(p => p[2]))];
    const max = niceMax(Math.max(0, ...values));
    ctx.strokeStyle = GRID; ctx.fillStyle = AXIS; ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = top + h - (h * i) / 4;
      ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + w, y); ctx.stroke();
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillText(label((max * i) / 4), left - 6, y);
    }
    const drawn = {};
    if (!times.length) {
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.fillText("no data yet", left + w / 2, top + h / 2);
    } else {
      const t0 = Math.min(...times), t1 = Math.max(...times), span = Math.max(1, t1 - t0);
      const x = (t) => left + (times.length === 1 ? w / 2 : (w * (t - t0)) / span), y = (v) => top + h - (h * v) / max;
      const stamp = (t) => { const iso = new Date(t * 1000).toISOString(); return spec.grain === "hour" ? iso.slice(5, 13).replace("T", " ") + ":00" : iso.slice(0, 10); };
      ctx.fillStyle = AXIS; ctx.textBaseline = "top";
      ctx.textAlign = "left"; ctx.fillText(stamp(t0), left, top + h + 4);
      if (t1 > t0) { ctx.textAlign = "right"; ctx.fillText(stamp(t1), left + w, top + h + 4); }
      for (const b of bands) {
        drawn[b.label] = b.points.length;
        if (!b.points.length) continue;
        ctx.fillStyle = b.color; ctx.beginPath();
        b.points.forEach((p, i) => i ? ctx.lineTo(x(p[0]), y(p[2])) : ctx.moveTo(x(p[0]), y(p[2])));
        for (let i = b.points.length - 1; i >= 0; i--) ctx.lineTo(x(b.points[i][0]), y(b.points[i][1]));
        ctx.closePath(); ctx.fill();
        if (b.points.length === 1) ctx.fillRect(x(b.points[0][0]) - 3, y(b.points[0][2]), 6, Math.max(1, y(b.points[0][1]) - y(b.points[0][2])));
      }
      for (const l of lines) {
        drawn[l.label] = l.points.length;
        ctx.strokeStyle = l.color; ctx.fillStyle = l.color; ctx.lineWidth = 2; ctx.setLineDash(l.dashed ? [6, 4] : []);
        ctx.beginPath();
        l.points.forEach((p, i) => i ? ctx.lineTo(x(p[0]), y(p[1])) : ctx.moveTo(x(p[0]), y(p[1])));
        ctx.stroke(); ctx.setLineDash([]);
        if (l.points.length < 40) for (const p of l.points) { ctx.beginPath(); ctx.arc(x(p[0]), y(p[1]), 2.5, 0, 2 * Math.PI); ctx.fill(); }
      }
    }
    legend(ctx, left, [...lines, ...bands].map(s => ({ color: s.color, text: s.label })));
    canvas.dataset.drawn = JSON.stringify(drawn);
    canvas.setAttribute("aria-label", Object.entries(drawn).map(([k, n]) => k + ": " + n + " points").join(", ") || "no data yet");
  }

  function legend(ctx, x, items) {
    ctx.textAlign = "left"; ctx.textBaseline = "top";
    for (const item of items) {
      ctx.fillStyle = item.color; ctx.fillRect(x, 3, 10, 10);
      ctx.fillStyle = "#1b1f24"; ctx.fillText(item.text, x + 14, 2);
      x += ctx.measureText(item.text).width + 30;
    }
  }

  function last(values) { for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i]; return 0; }
  function clock(t) { return new Date(t * 1000).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" }); }

  window.Charts = { line, bars, timeline };
})();
