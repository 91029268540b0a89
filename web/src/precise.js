// The "Precise" panel: numerical propagation of a CCSDS OPM (POST api/v1/precise/propagate) with the LEO/GEO force-model
// defaults or a few choices, its header, a chart of the osculating elements and altitude, and the ground track on the map.
import { el, fmt, post, svg, utcText } from './util.js';

// An ISS-like orbit written for the dashboard (not a real state vector): about 400 × 410 km at 51.64°, the station's
// mass and areas in round numbers, and a 1 m/s along-track reboost 90 minutes after the epoch (Isp 300 s).
export const SAMPLE_OPM = `CCSDS_OPM_VERS = 3.0
CREATION_DATE = 2026-08-22T00:00:00
ORIGINATOR = STEPPE
COMMENT An ISS-like low Earth orbit with a reboost, written as an example (not a real state vector)
OBJECT_NAME = ISS-LIKE LEO
OBJECT_ID = 1998-067A
CENTER_NAME = EARTH
REF_FRAME = GCRF
TIME_SYSTEM = UTC
EPOCH = 2026-08-23T00:00:00.000
X = 6779.000000
Y = 0.000000
Z = 0.000000
X_DOT = 0.000000
Y_DOT = 4.760200
Z_DOT = 6.014600
MASS = 420000.0
SOLAR_RAD_AREA = 1500.0
SOLAR_RAD_COEFF = 1.3
DRAG_AREA = 1500.0
DRAG_COEFF = 2.2
MAN_EPOCH_IGNITION = 2026-08-23T01:30:00.000
MAN_DURATION = 0.0
MAN_DELTA_MASS = -142.7
MAN_REF_FRAME = RTN
MAN_DV_1 = 0.0
MAN_DV_2 = 0.001
MAN_DV_3 = 0.0
`;

/** The request of the form: the OPM and the force-model words of steppe propagate --opm (unset: the regime's defaults). */
function request() {
  const value = (id) => document.getElementById(id).value.trim();
  const number = (id) => (value(id) === '' ? undefined : Number(value(id)));
  return {
    opm: document.getElementById('precise-opm').value,
    regime: value('precise-regime') || undefined,
    gravity: value('precise-gravity') || undefined,
    degree: number('precise-degree'),
    sun: document.getElementById('precise-sun').checked,
    moon: document.getElementById('precise-moon').checked,
    srp: document.getElementById('precise-srp').checked,
    drag: value('precise-drag') || undefined,
    durationSeconds: Math.round(Number(value('precise-hours')) * 3600),
    stepSeconds: number('precise-step'),
    frame: 'gcrf',
  };
}

/** The panels of the chart: [title, [series key, colour, legend]…]. */
const PANELS = [
  ['Altitude (km)', [['altitudeKm', '#e6edf7', 'geodetic'], ['perigeeHeightKm', '#4cc3ff', 'perigee'], ['apogeeHeightKm', '#fb7185', 'apogee']]],
  ['Semi-major axis (km)', [['semiMajorAxisKm', '#ffb547']]],
  ['Eccentricity', [['eccentricity', '#4ade80']]],
  ['Inclination (deg)', [['inclinationDeg', '#a78bfa']]],
  ['RAAN (deg)', [['raanDeg', '#f472b6']]],
  ['Argument of perigee (deg)', [['argumentOfPerigeeDeg', '#fbbf24']]],
];

/** Draws the elements over time as small panels sharing the time axis (hours since the epoch), maneuvers dashed. */
function drawChart(chart, result) {
  chart.replaceChildren();
  const samples = result.elements;
  if (samples.length < 2) return;
  const t0 = Date.parse(samples[0].timeUtc);
  const hours = samples.map((s) => (Date.parse(s.timeUtc) - t0) / 3600e3);
  const W = 420, panelH = 74, gap = 22, m = { l: 62, r: 10, t: 16 };
  const H = m.t + PANELS.length * (panelH + gap) + 20;
  chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const x0 = Math.min(...hours), x1 = Math.max(...hours);
  const sx = (h) => m.l + ((h - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  PANELS.forEach(([title, series], p) => {
    const top = m.t + p * (panelH + gap);
    const values = series.flatMap(([key]) => samples.map((s) => s[key]).filter((v) => v !== null && Number.isFinite(v)));
    let lo = Math.min(...values), hi = Math.max(...values);
    if (!(hi > lo)) { const pad = Math.abs(lo) * 1e-6 || 1e-6; lo -= pad; hi += pad; }
    const sy = (v) => top + panelH - ((v - lo) / (hi - lo)) * panelH;
    const g = svg('g', { class: 'precise-panel', 'data-testid': 'precise-panel' });
    g.append(svg('rect', { x: m.l, y: top, width: W - m.l - m.r, height: panelH, class: 'frame' }));
    const heading = svg('text', { x: m.l, y: top - 4, class: 'title' });
    heading.textContent = title;
    g.append(heading);
    for (const [v, dy] of [[hi, 4], [lo, 0]]) {
      const label = svg('text', { x: m.l - 4, y: sy(v) + dy, class: 'tick', 'text-anchor': 'end' });
      label.textContent = tick(v, hi - lo);
      g.append(label);
    }
    for (const mv of result.maneuvers) {
      const x = sx((Date.parse(mv.timeUtc) - t0) / 3600e3);
      g.append(svg('line', { x1: x, x2: x, y1: top, y2: top + panelH, class: 'maneuver' }));
    }
    for (const [key, color, legend] of series) {
      const d = samples.map((s, i) => (s[key] === null ? null : `${sx(hours[i]).toFixed(1)},${sy(s[key]).toFixed(1)}`)).filter(Boolean);
      if (d.length > 1) g.append(svg('path', { d: `M${d.join('L')}`, stroke: color, class: 'series', 'data-series': key }));
      if (legend) {
        const t = svg('text', { x: W - m.r - 4 - 52 * (series.length - 1 - series.findIndex((s) => s[0] === key)), y: top - 4, class: 'legend', fill: color, 'text-anchor': 'end' });
        t.textContent = legend;
        g.append(t);
      }
    }
    chart.append(g);
  });
  const axis = svg('text', { x: W / 2, y: H - 4, class: 'axis', 'text-anchor': 'middle' });
  axis.textContent = `hours since ${utcText(samples[0].timeUtc)} UTC${result.maneuvers.length ? ' · dashed: maneuvers' : ''}`;
  chart.append(axis);
}

/** A tick label short enough for the margin: exponent form for small values, decimals by the panel's range. */
function tick(v, range) {
  if (v !== 0 && Math.abs(v) < 0.01) return v.toExponential(3);
  return fmt(v, range < 0.01 ? 5 : range < 10 ? 3 : 1);
}

/** The ground track from the element samples, split where the longitude wraps. */
function trackSegments(samples) {
  const segments = [];
  let current = [];
  for (const s of samples) {
    const p = { t: Date.parse(s.timeUtc), lat: s.latitudeDeg, lon: s.longitudeDeg, alt: s.altitudeKm };
    if (current.length && Math.abs(p.lon - current[current.length - 1].lon) > 180) { segments.push(current); current = []; }
    current.push(p);
  }
  if (current.length) segments.push(current);
  return segments;
}

export function setupPrecise(app) {
  const status = document.getElementById('precise-status');
  const header = document.getElementById('precise-header');
  const chart = document.getElementById('precise-chart');
  const maneuvers = document.getElementById('precise-maneuvers');
  const opm = document.getElementById('precise-opm');
  document.getElementById('precise-sample').addEventListener('click', () => { opm.value = SAMPLE_OPM; });
  document.getElementById('precise-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (file) opm.value = await file.text();
  });
  document.getElementById('precise-regime').addEventListener('change', (e) => {
    // GEO's defaults: 8×8, no drag, 5-minute states over two days; LEO's: 70×70, NRLMSISE-00, minute states over six hours.
    const geo = e.target.value === 'geo';
    if (e.target.value) {
      document.getElementById('precise-hours').value = geo ? 48 : 6;
      document.getElementById('precise-step').value = geo ? 300 : 60;
    }
  });
  const run = async () => {
    if (!opm.value.trim()) opm.value = SAMPLE_OPM;
    status.textContent = 'Propagating…';
    status.classList.remove('error');
    header.textContent = '';
    try {
      const result = await post('precise/propagate', request());
      header.textContent = result.header;
      const last = result.states[result.states.length - 1];
      status.textContent = `${result.object ?? 'Object'}: ${result.states.length} states from ${utcText(result.epochUtc)} to ${utcText(result.endUtc)} UTC ` +
        `(${result.integratorSteps} integrator steps); final mass ${fmt(last.massKg, 1)} kg.`;
      maneuvers.replaceChildren(...result.maneuvers.map((m) => el('li', { 'data-testid': 'precise-maneuver' },
        `${utcText(m.timeUtc)} UTC: ${m.kind} Δv ${fmt(m.deltaVMPerS, 3)} m/s, mass ${fmt(m.massBeforeKg, 1)} → ${fmt(m.massAfterKg, 1)} kg`)));
      drawChart(chart, result);
      chart.dataset.samples = String(result.elements.length);
      const segments = trackSegments(result.elements);
      app.map.showReplay({ norad: 'precise', segments, startMs: segments[0][0].t, endMs: segments[segments.length - 1].at(-1).t });
      document.getElementById('map-caption').textContent = `Precise propagation: ${result.object ?? 'OPM'}, ${utcText(result.epochUtc)} → ${utcText(result.endUtc)} UTC`;
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  };
  const download = async (format) => {
    try {
      const blob = await post(`precise/plot?format=${format}`, request(), format === 'png' ? 'image/png' : 'image/svg+xml');
      const link = el('a', { href: URL.createObjectURL(blob), download: `elements.${format}` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  };
  document.getElementById('precise-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  document.getElementById('precise-svg').addEventListener('click', () => download('svg'));
  document.getElementById('precise-png').addEventListener('click', () => download('png'));
  return run;
}
