// The "Orbit determination" section of the Precise tab: batch least squares (POST api/v1/od) from an a-priori OPM and
// TDMs with the force-model choices of the propagation form; convergence, residual statistics, parameters with 1σ and
// a chart of the post-fit residuals over time, one panel per measurement type, a colour per station.
import { el, fmt, post, svg, utcText } from './util.js';
import SAMPLE_APRIORI from './samples/kazsat-3-apriori.opm';
import SAMPLE_AKKOL from './samples/kazsat-3-akkol.tdm';
import SAMPLE_KOKTEREK from './samples/kazsat-3-kokterek.tdm';

/** The station colours, in the order the stations first appear. */
const COLOURS = ['#4cc3ff', '#ffb547', '#4ade80', '#f472b6', '#a78bfa', '#fb7185', '#fbbf24', '#e6edf7'];

/** The panel order of the measurement types. */
const TYPE_ORDER = ['range', 'range rate', 'azimuth', 'elevation', 'right ascension', 'declination', 'position x', 'position y', 'position z', 'velocity x', 'velocity y', 'velocity z'];

/** Splits pasted text into TDMs: each begins with CCSDS_TDM_VERS (KVN) or an XML declaration or <tdm> element. */
export function splitTdms(text) {
  const lines = text.split(/\r?\n/);
  const starts = [];
  lines.forEach((line, i) => {
    const t = line.trim();
    if (/^(CCSDS_TDM_VERS|<\?xml)/.test(t)) starts.push(i);
    else if (/^<tdm[\s>]/.test(t) && !(starts.length && /^<\?xml/.test(lines[starts[starts.length - 1]].trim()) && lines.slice(starts[starts.length - 1] + 1, i).every((l) => !l.trim()))) starts.push(i);
  });
  if (!starts.length) return text.trim() ? [text] : [];
  return starts.map((s, k) => lines.slice(s, k + 1 < starts.length ? starts[k + 1] : lines.length).join('\n')).filter((t) => t.trim());
}

/** The request: the OPM, the TDMs, what to estimate, the sigmas and the force-model words of the propagation form. */
function request() {
  const value = (id) => document.getElementById(id).value.trim();
  const number = (id) => (value(id) === '' ? undefined : Number(value(id)));
  return {
    opm: document.getElementById('od-opm').value,
    tdm: splitTdms(document.getElementById('od-tdm').value),
    estimate: value('od-estimate') ? value('od-estimate').split(',') : [],
    sigmaRangeM: number('od-sigma-range'),
    sigmaAngleDeg: number('od-sigma-angle'),
    maxIterations: number('od-iterations'),
    regime: value('precise-regime') || undefined,
    gravity: value('precise-gravity') || undefined,
    degree: number('precise-degree'),
    sun: document.getElementById('precise-sun').checked,
    moon: document.getElementById('precise-moon').checked,
    srp: document.getElementById('precise-srp').checked,
    drag: value('precise-drag') || undefined,
  };
}

/** The residuals as panels by type; angles in arcseconds when every residual used is under 0.05°. */
function panels(samples) {
  const byType = new Map();
  for (const s of samples) {
    if (!byType.has(s.type)) byType.set(s.type, []);
    byType.get(s.type).push(s);
  }
  const types = [...byType.keys()].sort((a, b) => (TYPE_ORDER.indexOf(a) - TYPE_ORDER.indexOf(b)) || a.localeCompare(b));
  return types.map((type) => {
    const list = byType.get(type);
    let unit = list[0].unit, scale = 1;
    if (unit === 'deg' && list.filter((s) => !s.edited).every((s) => Math.abs(s.residual) < 0.05)) { unit = 'arcsec'; scale = 3600; }
    if (unit === 'm/s' && type === 'range rate') { unit = 'mm/s'; scale = 1000; }
    return { type, unit, points: list.map((s) => ({ t: Date.parse(s.timeUtc), v: s.residual * scale, source: s.source, edited: s.edited })) };
  });
}

/** Draws the residuals, one panel per type sharing the time axis (hours since the first), edited points as crosses. */
function drawChart(chart, samples) {
  chart.replaceChildren();
  if (!samples.length) return;
  const list = panels(samples);
  const sources = [...new Set(samples.map((s) => s.source))];
  const t0 = Math.min(...samples.map((s) => Date.parse(s.timeUtc)));
  const t1 = Math.max(...samples.map((s) => Date.parse(s.timeUtc)));
  const W = 420, panelH = 80, gap = 24, m = { l: 52, r: 10, t: 16 };
  const H = m.t + list.length * (panelH + gap) + 32;
  chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const sx = (t) => m.l + ((t - t0) / (t1 - t0 || 1)) * (W - m.l - m.r);
  list.forEach((panel, p) => {
    const top = m.t + p * (panelH + gap);
    const values = panel.points.map((q) => q.v);
    let lo = Math.min(0, ...values), hi = Math.max(0, ...values);
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    const sy = (v) => top + panelH - ((v - lo) / (hi - lo)) * panelH;
    const g = svg('g', { class: 'od-panel', 'data-testid': 'od-panel', 'data-type': panel.type });
    g.append(svg('rect', { x: m.l, y: top, width: W - m.l - m.r, height: panelH, class: 'frame' }));
    g.append(svg('line', { x1: m.l, x2: W - m.r, y1: sy(0), y2: sy(0), class: 'zero' }));
    const heading = svg('text', { x: m.l, y: top - 4, class: 'title' });
    heading.textContent = `${panel.type[0].toUpperCase()}${panel.type.slice(1)} (${panel.unit})`;
    g.append(heading);
    for (const [v, dy] of [[hi, 4], [lo, 0]]) {
      const label = svg('text', { x: m.l - 4, y: sy(v) + dy, class: 'tick', 'text-anchor': 'end' });
      label.textContent = fmt(v, Math.abs(hi - lo) < 10 ? 2 : 0);
      g.append(label);
    }
    for (const q of panel.points) {
      const x = sx(q.t), y = sy(q.v);
      if (q.edited) {
        g.append(svg('path', { d: `M${(x - 3).toFixed(1)},${(y - 3).toFixed(1)}l6,6m0,-6l-6,6`, class: 'edited', 'data-testid': 'od-edited' }));
      } else {
        g.append(svg('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 1.6, class: 'point', fill: COLOURS[sources.indexOf(q.source) % COLOURS.length], 'data-source': q.source }));
      }
    }
    chart.append(g);
  });
  const legendY = H - 20;
  sources.forEach((s, i) => {
    const t = svg('text', { x: m.l + i * 110, y: legendY, class: 'legend', fill: COLOURS[i % COLOURS.length] });
    t.textContent = `● ${s}`;
    chart.append(t);
  });
  const axis = svg('text', { x: W / 2, y: H - 4, class: 'axis', 'text-anchor': 'middle' });
  axis.textContent = `hours since ${utcText(new Date(t0).toISOString())} UTC · ✕ edited`;
  chart.append(axis);
  chart.dataset.points = String(samples.length);
}

export function setupOrbitDetermination() {
  const status = document.getElementById('od-status');
  const opm = document.getElementById('od-opm');
  const tdm = document.getElementById('od-tdm');
  const chart = document.getElementById('od-chart');
  const residuals = document.getElementById('od-residuals');
  const parameters = document.getElementById('od-parameters');
  let solution = null;
  document.getElementById('od-sample').addEventListener('click', () => {
    opm.value = SAMPLE_APRIORI;
    tdm.value = `${SAMPLE_AKKOL}\n${SAMPLE_KOKTEREK}`;
    document.getElementById('od-sigma-range').value = 5;
    document.getElementById('od-sigma-angle').value = 0.01;
  });
  document.getElementById('od-opm-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (file) opm.value = await file.text();
  });
  document.getElementById('od-tdm-file').addEventListener('change', async (e) => {
    const texts = await Promise.all([...(e.target.files ?? [])].map((f) => f.text()));
    if (texts.length) tdm.value = texts.join('\n');
  });
  const fail = (e) => {
    status.textContent = e.message;
    status.classList.add('error');
  };
  const run = async () => {
    status.textContent = 'Fitting…';
    status.classList.remove('error');
    residuals.replaceChildren();
    parameters.replaceChildren();
    chart.replaceChildren();
    solution = null;
    try {
      const result = await post('od', request());
      const last = result.iterations[result.iterations.length - 1];
      status.textContent = `${result.object ?? 'Object'}: ${result.converged ? 'converged' : 'NOT converged (the last solution is shown)'} in ${result.iterations.length} iterations, ` +
        `weighted rms ${fmt(last.weightedRms, 3)}, ${result.measurements} measurements (${last.edited} values edited); epoch ${utcText(result.epochUtc)} UTC. ${result.header}`;
      status.classList.toggle('error', !result.converged);
      residuals.replaceChildren(...result.residuals.map((r) => el('tr', { 'data-testid': 'od-residual-row' },
        el('td', {}, r.source), el('td', {}, `${r.type} (${r.unit})`), el('td', {}, String(r.used)), el('td', {}, String(r.edited)),
        el('td', {}, r.mean === null ? '—' : fmt(r.mean, r.unit === 'deg' ? 5 : 3)), el('td', {}, r.sigma === null ? '—' : fmt(r.sigma, r.unit === 'deg' ? 5 : 3)))));
      parameters.replaceChildren(...result.parameters.map((p) => el('tr', { 'data-testid': 'od-parameter-row' },
        el('td', {}, p.parameter), el('td', {}, p.value.toPrecision(12)), el('td', {}, p.sigma === null ? '—' : p.sigma.toPrecision(3)))));
      drawChart(chart, result.samples);
      solution = result.solutionOpm;
    } catch (e) {
      fail(e);
    }
  };
  const download = async (format) => {
    try {
      const blob = await post(`od/residuals.${format}`, request(), format === 'png' ? 'image/png' : 'image/svg+xml');
      const link = el('a', { href: URL.createObjectURL(blob), download: `residuals.${format}` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      fail(e);
    }
  };
  document.getElementById('od-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  document.getElementById('od-svg').addEventListener('click', () => download('svg'));
  document.getElementById('od-png').addEventListener('click', () => download('png'));
  document.getElementById('od-opm-out').addEventListener('click', () => {
    if (!solution) return;
    const link = el('a', { href: URL.createObjectURL(new Blob([solution], { type: 'text/plain' })), download: 'solution.opm' });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  return run;
}
