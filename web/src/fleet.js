// The national fleet in the Fleet tab: the list from GET api/v1/fleet and a page per satellite (#fleet/kazsat-3) with its
// box (GEO: longitude/latitude in the ±box, from POST fleet/stationkeep) or band (LEO: mean altitude over time, from POST
// fleet/maintain), the next planned burns, the close approaches (GET conjunctions for this satellite), the avoidance
// options for the closest one (POST fleet/avoid) and its lifetime and disposal (POST fleet/lifetime). Each section loads
// on its own, says that it is computing, and shows the server's message when it fails: never a blank or a NaN.
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line } from 'd3-shape';
import { api, el, fmt, iso, post, svg, utcText, ageClass } from './util.js';

/** Days planned by the page's requests: light enough for an interactive page. */
export const PLAN_DAYS = { GEO: 60, LEO: 60 };

/** Hours of close approaches screened for a satellite's page, and the miss distance screened for (km) by regime. */
export const SCREEN_HOURS = 24;
export const SCREEN_KM = { GEO: 50, LEO: 10 };

/** Monte Carlo sample pairs of the page's avoidance studies (the endpoint's default is 100 000). */
export const AVOID_SAMPLES = 20000;

const KIND_TEXT = { 'north-south': 'N/S', 'east-west': 'E/W' };

/** A number or an en dash; exponent form for probabilities. */
function pcText(value) {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value >= 1e-10 ? value.toExponential(1) : '<1e-10';
}

/** The text with its first letter capitalised. */
function cap(text) { return text.charAt(0).toUpperCase() + text.slice(1); }

/** A signed number without a "-0.000". */
function signed(value, digits) {
  const text = fmt(value, digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : (value > 0 ? `+${text}` : text);
}

/** The instant of a sample or burn, whichever name the endpoint gives it. */
function timeOf(p) { return p.time ?? p.timeUtc ?? p.epoch ?? p.epochUtc ?? null; }

/** Whether an error says that this server has no such endpoint (a bare 404 or a 405), not that the request failed. */
function missing(e) {
  return e.status === 405 || (e.status === 404 && /^not found$/i.test(e.message));
}

/** A message for a failed section: an endpoint this server does not have is "not available", others say why. */
function failure(e, what) {
  if (missing(e)) return `${what} is not available on this server.`;
  return `${what} failed: ${e.message}`;
}

/**
 * The page's heavy requests, one at a time: the server runs heavy work under a small concurrency limit and answers 503
 * when a request waits too long, so the sections queue here (each still loads and fails on its own). A 503 "busy"
 * answer (another client's work) is tried again twice, a few seconds apart.
 */
function heavyQueue(signal) {
  let tail = Promise.resolve();
  return (work, onStart) => {
    const run = tail.then(async () => {
      if (signal.aborted) throw new DOMException('aborted', 'AbortError');
      onStart?.();
      for (let attempt = 0; ; attempt++) {
        try {
          return await work();
        } catch (e) {
          if (e.status !== 503 || !/try again/.test(e.message) || attempt >= 2 || signal.aborted) throw e;
          await new Promise((resolve) => setTimeout(resolve, 3000));
        }
      }
    });
    tail = run.catch(() => {});
    return run;
  };
}

export function setupFleet(app) {
  const home = document.getElementById('fleet-home');
  const page = document.getElementById('fleet-page');
  const status = document.getElementById('nf-status');
  const body = document.querySelector('#nf-table tbody');
  let fleet = null;
  let loaded = null;
  let controller = null;

  async function loadFleet() {
    try {
      const result = await api('fleet', { at: iso(new Date(app.clock.now())) });
      fleet = result.satellites;
      renderList(result);
    } catch (e) {
      status.textContent = `The fleet could not be loaded: ${e.message}`;
      status.classList.add('error');
      fleet = [];
    }
    return fleet;
  }

  function renderList(result) {
    body.replaceChildren();
    for (const s of result.satellites) {
      const st = s.state;
      const now = !st ? (s.stateError ?? 'no elements')
        : st.error ? st.error
          : s.regime === 'GEO' ? `${fmt(st.subSatelliteLongitudeDeg, 3)}° E` : `${fmt(st.meanAltitudeKm, 1)} km`;
      const inside = st?.inside === true ? el('span', { class: 'badge good' }, s.regime === 'GEO' ? 'in box' : 'in band')
        : st?.inside === false ? el('span', { class: 'badge bad' }, s.regime === 'GEO' ? 'out of box' : 'out of band') : null;
      const row = el('tr', { 'data-testid': 'nf-row', 'data-id': s.id },
        el('td', {}, el('a', { href: `#fleet/${s.id}` }, s.name), ' ', el('span', { class: 'hint' }, String(s.noradId))),
        el('td', {}, slotText(s)),
        el('td', { class: 'num now' }, now, inside ? el('br') : null, inside),
        el('td', { class: `num ${ageClass(st?.elementAgeDays ?? 0)}` }, fmt(st?.elementAgeDays, 1)),
        el('td', {}, el('a', { href: `#fleet/${s.id}`, class: 'open', title: `Open ${s.name}'s page` }, '›')));
      row.addEventListener('click', (e) => { if (e.target.tagName !== 'A') location.hash = `#fleet/${s.id}`; });
      body.append(row);
    }
    status.classList.remove('error');
    status.textContent = `States at ${utcText(result.timeUtc)} UTC from the catalog's latest element sets. Open a satellite for its box or band, burns, close approaches and end of life.`;
  }

  function slotText(s) {
    if (s.slot) return `${fmt(s.slot.longitudeDeg, 2)}° E ±${fmt(s.slot.longitudeHalfWidthDeg, 2)}°`;
    if (s.band) return `${fmt(s.band.minAltitudeKm, Number.isInteger(s.band.minAltitudeKm) ? 0 : 1)}–${fmt(s.band.maxAltitudeKm, Number.isInteger(s.band.maxAltitudeKm) ? 0 : 1)} km${s.band.localTimeOfAscendingNode ? `, LTAN ${s.band.localTimeOfAscendingNode}` : ''}`;
    return '–';
  }

  /** Opens the page of the fleet satellite <id>, or goes back to the list for an empty id. */
  async function open(id) {
    controller?.abort();
    controller = null;
    if (!id) {
      page.hidden = true;
      home.hidden = false;
      loaded = null;
      return;
    }
    document.querySelector('.tabs button[data-tab=fleet]')?.click();
    const list = fleet ?? await loadFleet();
    const s = list.find((x) => x.id === id.toLowerCase() || String(x.noradId) === id || x.name.toLowerCase() === id.toLowerCase());
    home.hidden = true;
    page.hidden = false;
    if (!s) {
      page.replaceChildren(backLink(), el('p', { class: 'hint error', 'data-testid': 'fleet-page-error' }, `No fleet satellite "${id}". The fleet: ${list.map((x) => x.id).join(', ')}.`));
      return;
    }
    if (app.fleet?.some((f) => f.norad === s.noradId)) app.map.select(s.noradId);
    loaded = s.id;
    controller = new AbortController();
    renderPage(s, controller.signal);
  }

  function backLink() {
    return el('p', {}, el('a', { href: '#fleet', 'data-testid': 'fleet-back' }, '‹ National fleet'));
  }

  function section(name, title, hint) {
    const state = el('p', { class: 'hint loading', 'data-testid': `fleet-${name}-status` }, 'Computing…');
    const content = el('div', { class: 'fleet-content', 'data-testid': `fleet-${name}-content` });
    const box = el('section', { class: 'fleet-section', 'data-testid': `fleet-${name}`, 'data-state': 'loading' },
      el('h3', {}, title), hint ? el('p', { class: 'hint' }, hint) : null, state, content);
    return {
      box, content,
      progress(text) { state.textContent = text; state.className = 'hint loading'; box.dataset.state = 'loading'; },
      done(text) { state.textContent = text; state.className = 'hint'; box.dataset.state = 'done'; },
      fail(text, unavailable = false) { state.textContent = text; state.className = 'hint error'; box.dataset.state = unavailable ? 'unavailable' : 'error'; },
    };
  }

  function renderPage(s, signal) {
    const st = s.state;
    const start = new Date(app.clock.now());
    const days = PLAN_DAYS[s.regime] ?? 30;
    const summary = el('dl', {},
      el('dt', {}, 'NORAD id'), el('dd', {}, s.noradId),
      el('dt', {}, s.slot ? 'Slot' : 'Band'), el('dd', {}, slotText(s)),
      el('dt', {}, 'Element epoch'), el('dd', {}, st ? `${utcText(st.epochUtc)} UTC` : (s.stateError ?? '–')),
      el('dt', {}, 'Element age'), el('dd', { class: ageClass(st?.elementAgeDays ?? 0) }, st ? `${fmt(st.elementAgeDays, 2)} days` : '–'),
      s.regime === 'GEO'
        ? [el('dt', {}, 'Longitude'), el('dd', {}, st?.error ?? `${fmt(st?.subSatelliteLongitudeDeg, 3)}° E (${signed(st?.longitudeOffsetDeg, 3)}° from the slot)`)]
        : [el('dt', {}, 'Mean altitude'), el('dd', {}, st?.error ?? `${fmt(st?.meanAltitudeKm, 2)} km (${fmt(st?.perigeeAltitudeKm, 1)}–${fmt(st?.apogeeAltitudeKm, 1)} km over a revolution)`)],
      el('dt', {}, 'Mass, propellant'), el('dd', {}, `${fmt(s.spacecraft.massKg, 0)} kg, ${fmt(s.propulsion.propellantKg, 1)} kg at Isp ${fmt(s.propulsion.specificImpulseSeconds, 0)} s`));
    const plan = section('plan', s.regime === 'GEO' ? `Station keeping: the ±${fmt(s.slot.longitudeHalfWidthDeg, 2)}° box` : 'Orbit maintenance: the altitude band',
      s.regime === 'GEO'
        ? `The planned ${days} days re-propagated with the numerical force model; longitude east and geodetic latitude of the sub-satellite point.`
        : `The planned ${days} days re-propagated with drag; mean altitude (semi-major axis less the equatorial radius).`);
    const burns = section('burns', 'Next planned burns', null);
    const conj = section('conj', 'Close approaches', `The next ${SCREEN_HOURS} h within ${SCREEN_KM[s.regime] ?? 10} km, against the whole catalog (Foster 2D Pc, assumed covariance).`);
    const avoid = section('avoid', 'Avoidance options for the closest approach', null);
    const life = section('life', 'Lifetime and disposal', null);
    page.replaceChildren(backLink(),
      el('div', { class: 'details' }, el('h3', { 'data-testid': 'fleet-page-title' }, `${s.name} · ${s.regime}`), summary),
      plan.box, burns.box, conj.box, avoid.box, life.box);
    page.dataset.id = s.id;

    const heavy = heavyQueue(signal);
    loadPlan(s, start, days, plan, burns, signal, heavy);
    loadApproaches(s, start, conj, avoid, signal, heavy);
    loadLifetime(s, life, signal, heavy);
  }

  async function loadPlan(s, start, days, plan, burns, signal, heavy) {
    const geo = s.regime === 'GEO';
    const what = geo ? 'Station-keeping planning' : 'Orbit-maintenance planning';
    plan.progress('Queued for the server…');
    burns.progress('Waiting for the plan…');
    try {
      const request = geo
        ? { satellite: s.id, start: iso(start), days, boxDeg: s.slot.longitudeHalfWidthDeg }
        : { satellite: s.id, start: iso(start), days };
      let result;
      try {
        result = await heavy(() => post(geo ? 'fleet/stationkeep' : 'fleet/maintain', request, 'application/json', signal), () => plan.progress(`Planning ${days} days…`));
      } catch (e) {
        // Drag needs daily space weather: when the data in use ends inside the span, plan up to its end instead.
        const needs = /needs F10\.7 and ap from (\d{4}-\d\d-\d\d)/.exec(e.message ?? '');
        const shorter = needs ? Math.floor((Date.parse(`${needs[1]}T00:00:00Z`) - start.getTime()) / 86400e3) - 1 : 0;
        if (!needs || shorter < 2 || shorter >= request.days) throw e;
        request.days = shorter;
        plan.progress(`The space weather in use ends on ${needs[1]}: planning ${shorter} days…`);
        result = await heavy(() => post(geo ? 'fleet/stationkeep' : 'fleet/maintain', request, 'application/json', signal));
        result.shortenedTo = shorter;
      }
      if (geo) drawBox(plan.content, s, result); else drawBand(plan.content, s, result);
      plan.done((result.shortenedTo ? `${result.shortenedTo} days (the daily space weather in use ends there). ` : '') + (geo ? boxSummary(s, result) : bandSummary(result)));
      renderBurns(burns, result, start, geo);
    } catch (e) {
      if (e.name === 'AbortError') return;
      const unavailable = missing(e);
      plan.fail(failure(e, what), unavailable);
      burns.fail(unavailable ? 'No plan: the planner is not available on this server.' : 'No plan, so no burns to show.', unavailable);
    }
  }

  function boxSummary(s, r) {
    const parts = [];
    if (Number.isFinite(r.maxLongitudeOffsetDeg)) parts.push(`largest longitude offset ${fmt(r.maxLongitudeOffsetDeg, 4)}°`);
    if (Number.isFinite(r.maxLatitudeDeg)) parts.push(`largest latitude ${fmt(r.maxLatitudeDeg, 4)}°`);
    if (r.inBox !== undefined) parts.push(r.inBox ? 'inside the box throughout' : 'LEAVES the box');
    const b = r.budget;
    if (b) parts.push(`Δv ${fmt(b.totalMpsPerYear, 2)} m/s per year (N/S ${fmt(b.northSouthMpsPerYear, 2)}, E/W ${fmt(b.eastWestMpsPerYear, 2)}), ${fmt(b.propellantKgPerYear, 2)} kg per year, ${fmt(b.remainingLifetimeYears, 1)} years of propellant`);
    return cap(`${parts.join('; ')}.`);
  }

  function bandSummary(r) {
    const parts = [];
    if (r.inBand !== undefined) parts.push(r.inBand ? 'inside the band throughout' : 'LEAVES the band');
    const b = r.budget;
    if (b) parts.push(`Δv ${fmt(b.deltaVMpsPerYear, 2)} m/s per year, ${fmt(b.propellantKgPerYear, 3)} kg per year, ${fmt(b.remainingLifetimeYears, 1)} years of propellant`);
    const d = r.naturalDecay;
    if (d) parts.push(`natural decay ${fmt(d.decayKmPerDay * 1000, 1)} m/day${d.leavesBandAt ? `, leaves the band on ${utcText(d.leavesBandAt).slice(0, 10)} without burns` : ''}`);
    return cap(`${parts.join('; ')}.`);
  }

  /** The GEO box: longitude (x) and latitude (y) of the re-propagated plan inside the ±box, drawn with d3 scales. */
  function drawBox(container, s, r) {
    const track = (r.track ?? []).filter((p) => Number.isFinite(p.longitudeDeg) && Number.isFinite(p.latitudeDeg));
    const slot = r.slot ?? s.slot;
    const lon0 = slot.longitudeDeg, hw = slot.longitudeHalfWidthDeg, hh = slot.latitudeHalfWidthDeg;
    const offsets = track.map((p) => wrap(p.longitudeDeg - lon0));
    const spanX = Math.max(hw * 1.25, ...offsets.map(Math.abs));
    const spanY = Math.max(hh * 1.25, ...track.map((p) => Math.abs(p.latitudeDeg)));
    const W = 420, H = 300, m = { l: 52, r: 12, t: 12, b: 34 };
    const x = scaleLinear().domain([lon0 - spanX, lon0 + spanX]).range([m.l, W - m.r]);
    const y = scaleLinear().domain([-spanY, spanY]).range([H - m.b, m.t]);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'fleet-chart', 'data-testid': 'fleet-box-chart', role: 'img',
      'aria-label': `Longitude and latitude of ${s.name} inside its box`, 'data-points': track.length });
    axes(chart, x, y, W, H, m, x.tickFormat(5), y.tickFormat(5), 'longitude (° E)', 'latitude (°)');
    chart.append(svg('rect', { x: x(lon0 - hw), y: y(hh), width: x(lon0 + hw) - x(lon0 - hw), height: y(-hh) - y(hh), class: 'box', 'data-testid': 'fleet-box-rect' }));
    chart.append(svg('line', { x1: x(lon0), x2: x(lon0), y1: y(hh), y2: y(-hh), class: 'slot' }));
    const path = line().x((p, i) => x(lon0 + offsets[i])).y((p) => y(p.latitudeDeg));
    if (track.length > 1) chart.append(svg('path', { d: path(track), class: 'track', 'data-testid': 'fleet-box-track' }));
    if (track.length) chart.append(svg('circle', { cx: x(lon0 + offsets[0]), cy: y(track[0].latitudeDeg), r: 4, class: 'now' }));
    container.replaceChildren(chart, el('p', { class: 'hint' }, track.length
      ? `${track.length} samples from ${utcText(timeOf(track[0]))} to ${utcText(timeOf(track[track.length - 1]))} UTC; dot: the start; dashed: the box.`
      : 'The plan came without a track to draw.'));
  }

  /** The LEO band: mean altitude over time between the band's edges, burns marked, drawn with d3 scales. */
  function drawBand(container, s, r) {
    const track = (r.track ?? []).filter((p) => Number.isFinite(p.meanAltitudeKm) && timeOf(p));
    const band = r.band ?? s.band;
    const times = track.map((p) => new Date(timeOf(p)));
    const alts = track.map((p) => p.meanAltitudeKm);
    const lo = Math.min(band.minAltitudeKm, ...alts), hi = Math.max(band.maxAltitudeKm, ...alts);
    const pad = (hi - lo) * 0.1 || 1;
    const W = 420, H = 260, m = { l: 52, r: 12, t: 12, b: 34 };
    const t0 = times[0] ?? new Date(app.clock.now()), t1 = times[times.length - 1] ?? new Date(t0.getTime() + 86400e3);
    const x = scaleUtc().domain([t0, t1]).range([m.l, W - m.r]);
    const y = scaleLinear().domain([lo - pad, hi + pad]).range([H - m.b, m.t]);
    const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'fleet-chart', 'data-testid': 'fleet-band-chart', role: 'img',
      'aria-label': `Mean altitude of ${s.name} in its band`, 'data-points': track.length });
    axes(chart, x, y, W, H, m, (v) => `${v.getUTCMonth() + 1}-${String(v.getUTCDate()).padStart(2, '0')}`, y.tickFormat(5), 'date (UTC)', 'mean altitude (km)');
    chart.append(svg('rect', { x: m.l, y: y(band.maxAltitudeKm), width: W - m.l - m.r, height: y(band.minAltitudeKm) - y(band.maxAltitudeKm), class: 'band', 'data-testid': 'fleet-band-rect' }));
    for (const b of r.burns ?? []) {
      const t = new Date(timeOf(b));
      if (t >= t0 && t <= t1) chart.append(svg('line', { x1: x(t), x2: x(t), y1: m.t, y2: H - m.b, class: 'burn' }));
    }
    const path = line().x((p, i) => x(times[i])).y((p) => y(p.meanAltitudeKm));
    if (track.length > 1) chart.append(svg('path', { d: path(track), class: 'track', 'data-testid': 'fleet-band-track' }));
    container.replaceChildren(chart, el('p', { class: 'hint' }, track.length
      ? `${track.length} samples; shaded: the band ${band.minAltitudeKm}–${band.maxAltitudeKm} km; dashed: burns.`
      : 'The plan came without a track to draw.'));
  }

  function axes(chart, x, y, W, H, m, xText, yText, xTitle, yTitle) {
    chart.append(svg('rect', { x: m.l, y: m.t, width: W - m.l - m.r, height: H - m.t - m.b, class: 'frame' }));
    for (const v of x.ticks(5)) {
      chart.append(svg('line', { x1: x(v), x2: x(v), y1: H - m.b, y2: H - m.b + 4, class: 'tick-mark' }));
      const t = svg('text', { x: x(v), y: H - m.b + 15, class: 'tick', 'text-anchor': 'middle' });
      t.textContent = xText(v);
      chart.append(t);
    }
    for (const v of y.ticks(5)) {
      chart.append(svg('line', { x1: m.l - 4, x2: m.l, y1: y(v), y2: y(v), class: 'tick-mark' }));
      const t = svg('text', { x: m.l - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end' });
      t.textContent = yText(v);
      chart.append(t);
    }
    const xt = svg('text', { x: (m.l + W - m.r) / 2, y: H - 4, class: 'axis', 'text-anchor': 'middle' });
    xt.textContent = xTitle;
    const yt = svg('text', { x: 12, y: (m.t + H - m.b) / 2, class: 'axis', 'text-anchor': 'middle', transform: `rotate(-90 12 ${(m.t + H - m.b) / 2})` });
    yt.textContent = yTitle;
    chart.append(xt, yt);
  }

  function renderBurns(section, r, start, geo) {
    const all = (r.burns ?? []).filter((b) => timeOf(b)).sort((a, b) => Date.parse(timeOf(a)) - Date.parse(timeOf(b)));
    const next = all.filter((b) => Date.parse(timeOf(b)) >= start.getTime() - 60e3).slice(0, 10);
    if (!next.length) {
      section.content.replaceChildren();
      const end = r.end ?? (r.track?.length ? timeOf(r.track[r.track.length - 1]) : null);
      section.done(`No burn is needed in the planned span${end ? ` (to ${utcText(end).slice(0, 10)})` : ''}.`);
      return;
    }
    const table = el('table', { class: 'data', 'data-testid': 'fleet-burns-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'Time (UTC)'), el('th', {}, 'Kind'), geo ? el('th', {}, 'Direction') : null, el('th', { class: 'num' }, 'Δv (m/s)'),
        geo ? null : el('th', { class: 'num' }, 'Mean altitude (km)'))),
      el('tbody', {}, next.map((b) => el('tr', { 'data-testid': 'fleet-burn-row' },
        el('td', { class: 'time' }, utcText(timeOf(b)).slice(0, 16)),
        el('td', {}, KIND_TEXT[b.kind] ?? b.kind ?? '–'),
        geo ? el('td', {}, b.direction ?? '–') : null,
        el('td', { class: 'num dv' }, fmt(b.deltaVMps, 3)),
        geo ? null : el('td', { class: 'num' }, `${fmt(b.fromAltitudeKm, 2)} → ${fmt(b.toAltitudeKm, 2)}`)))));
    section.content.replaceChildren(table);
    const total = all.reduce((sum, b) => sum + (Number.isFinite(b.deltaVMps) ? Math.abs(b.deltaVMps) : 0), 0);
    section.done(`${all.length} burns planned, ${fmt(total, 3)} m/s in all; the next ${next.length} shown.`);
  }

  async function loadApproaches(s, start, conj, avoid, signal, heavy) {
    conj.progress('Queued for the server…');
    avoid.progress('Waiting for the close approaches…');
    let closest = null;
    try {
      const result = await heavy(() => api('conjunctions', {
        primaries: s.noradId, from: iso(start), to: iso(new Date(start.getTime() + SCREEN_HOURS * 3600e3)), thresholdKm: SCREEN_KM[s.regime] ?? 10,
      }, signal), () => conj.progress(`Screening the next ${SCREEN_HOURS} h against the catalog…`));
      const list = result.conjunctions.filter((c) => c.primary.noradId === s.noradId);
      if (!list.length) {
        conj.content.replaceChildren();
        conj.done(`No approach within ${result.thresholdKm} km in the next ${SCREEN_HOURS} h among ${result.objectsScreened} objects.`);
        avoid.done('No close approach, so no avoidance to plan.');
        return;
      }
      closest = list.reduce((a, b) => (b.missKm < a.missKm ? b : a));
      conj.content.replaceChildren(el('div', { class: 'table-scroll' }, el('table', { class: 'data', 'data-testid': 'fleet-conj-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'TCA (UTC)'), el('th', {}, 'Other'), el('th', { class: 'num' }, 'Miss (km)'), el('th', { class: 'num' }, 'Speed (km/s)'), el('th', { class: 'num' }, 'Pc'))),
        el('tbody', {}, list.map((c) => el('tr', { 'data-testid': 'fleet-conj-row', class: c === closest ? 'selected' : '' },
          el('td', {}, utcText(c.tcaUtc).slice(5, 16)),
          el('td', {}, `${c.secondary.name ?? '—'} (${c.secondary.noradId})`),
          el('td', { class: 'num' }, fmt(c.missKm, 3)),
          el('td', { class: 'num' }, fmt(c.relativeSpeedKmPerS, 3)),
          el('td', { class: 'num' }, pcText(c.collisionProbability))))))));
      conj.done(`${list.length} approaches within ${result.thresholdKm} km among ${result.objectsScreened} objects; the closest is highlighted.`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      conj.fail(failure(e, 'Screening'), missing(e));
      avoid.fail('No close approaches, so no avoidance options.');
      return;
    }
    loadAvoidance(s, closest, avoid, signal, heavy, start);
  }

  async function loadAvoidance(s, closest, avoid, signal, heavy, start) {
    const other = `${closest.secondary.name ?? closest.secondary.noradId}`;
    avoid.progress('Queued for the server…');
    if (!s.propulsion.canManeuver) {
      avoid.content.replaceChildren();
      avoid.done(`${s.name} has no propulsion: it cannot avoid ${other}; only the probability below applies.`);
    }
    try {
      const request = {
        satellite: s.id, secondary: closest.secondary.noradId, from: iso(start), days: Math.max(1, Math.ceil(SCREEN_HOURS / 24)), tca: closest.tcaUtc, samples: AVOID_SAMPLES,
      };
      const r = await heavy(() => post('fleet/avoid', request, 'application/json', signal),
        () => avoid.progress(`Designing avoidance burns for the approach with ${other} at ${utcText(closest.tcaUtc).slice(5, 16)} UTC…`));
      const c = r.conjunction ?? {};
      const pc = c.pc ?? {};
      const options = r.minima?.length ? r.minima : (r.options ?? []);
      const chosen = r.chosen;
      const parts = [
        el('p', { class: 'hint', 'data-testid': 'fleet-avoid-pc' },
          `TCA ${utcText(c.tca ?? closest.tcaUtc)} UTC, miss ${fmt(c.missKm ?? closest.missKm, 3)} km at ${fmt(c.relativeSpeedKmps, 3)} km/s. `
          + `Pc: Foster 2D ${pcText(pc.foster2d)}, Monte Carlo ${pcText(pc.monteCarlo)}${Number.isFinite(pc.monteCarloStdErr) ? ` ± ${pcText(pc.monteCarloStdErr)}` : ''}, 3D ${pcText(pc.threeD)}`
          + `${pc.shortTermValid === false ? ' — the short-encounter (2D) assumptions do not hold' : ''}${pc.note ? `. ${pc.note.replace(/\.+$/, '')}` : ''}.`),
      ];
      if (options.length) {
        parts.push(el('p', { class: 'hint' }, r.minima?.length
          ? `The smallest burn of each lead time and direction that brings the Pc below ${pcText(r.threshold ?? 1e-4)} (${r.options?.length ?? 0} burns tried); the chosen one is highlighted.`
          : 'The burns tried; the chosen one is highlighted.'));
        parts.push(el('table', { class: 'data', 'data-testid': 'fleet-avoid-table' },
          el('thead', {}, el('tr', {}, el('th', { class: 'num' }, 'Lead (h)'), el('th', {}, 'Direction'), el('th', { class: 'num' }, 'Δv (m/s)'), el('th', { class: 'num' }, 'Miss (km)'), el('th', { class: 'num' }, 'Pc'))),
          el('tbody', {}, options.slice(0, 12).map((o) => el('tr', { 'data-testid': 'fleet-avoid-row', class: sameOption(o, chosen) ? 'selected' : '' },
            el('td', { class: 'num' }, fmt(o.leadTimeHours, 1)),
            el('td', {}, o.direction ?? '–'),
            el('td', { class: 'num' }, fmt(o.deltaVMps, 3)),
            el('td', { class: 'num' }, fmt(o.missKm, 3)),
            el('td', { class: 'num' }, pcText(o.pc)))))));
      }
      avoid.content.replaceChildren(...parts);
      const fresh = r.rescreen?.newApproaches?.length;
      const threshold = r.threshold ?? 1e-4;
      const nominalPc = r.nominal?.pc ?? pc.foster2d;
      avoid.done(chosen
        ? `Chosen: ${fmt(chosen.deltaVMps, 3)} m/s ${chosen.direction ?? ''} ${fmt(chosen.leadTimeHours, 1)} h before TCA (Pc ${pcText(chosen.pc)}, miss ${fmt(chosen.missKm, 3)} km)${fresh ? `; ${fresh} new approaches after it` : '; no new approach after it'}.`
        : Number.isFinite(nominalPc) && nominalPc < threshold
          ? `No burn is needed: the Pc without one, ${pcText(nominalPc)}, is below the threshold ${pcText(threshold)}.`
          : `No burn of the trade space brings the Pc below the threshold ${pcText(threshold)}${r.note ? `: ${r.note}` : '.'}`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      avoid.fail(failure(e, 'Avoidance design'), missing(e));
    }
  }

  function sameOption(a, b) {
    return !!b && a.leadTimeHours === b.leadTimeHours && a.direction === b.direction && a.deltaVMps === b.deltaVMps;
  }

  async function loadLifetime(s, life, signal, heavy) {
    life.progress('Queued for the server…');
    try {
      const r = await heavy(() => post('fleet/lifetime', { satellite: s.id }, 'application/json', signal), () => life.progress('Estimating the orbital lifetime…'));
      const bc = r.ballisticCoefficientM2PerKg;
      const re = r.reentry;
      const facts = el('dl', { 'data-testid': 'fleet-life-facts' },
        el('dt', {}, 'Reentry'), el('dd', { 'data-testid': 'fleet-life-reentry' }, re
          ? `${utcText(re.predicted).slice(0, 16)} UTC (window ${utcText(re.windowStart).slice(0, 10)} … ${utcText(re.windowEnd).slice(0, 10)}), in ${fmt(re.remainingDays, 0)} days (${fmt(re.remainingDays / 365.25, 1)} years)`
          : 'not within the prediction span'),
        bc ? [el('dt', {}, 'C_D·A/m'), el('dd', {}, `${fmt(bc.value, 5)} m²/kg${Number.isFinite(bc.stdDev) ? ` ± ${fmt(bc.stdDev, 5)}` : ''} (${bc.source ?? '–'})`)] : null);
      const rules = r.disposal ?? [];
      const table = rules.length ? el('table', { class: 'data', 'data-testid': 'fleet-life-table' },
        el('thead', {}, el('tr', {}, el('th', {}, 'Rule'), el('th', {}, 'Compliant'), el('th', { class: 'num' }, 'Lifetime (y)'), el('th', { class: 'num' }, 'Δv to comply (m/s)'))),
        el('tbody', {}, rules.map((d) => el('tr', { 'data-testid': 'fleet-life-row', title: d.note ?? '' },
          el('td', {}, d.rule),
          el('td', { class: d.compliant ? 'good' : 'bad' }, d.compliant ? 'yes' : 'no'),
          el('td', { class: 'num' }, fmt(d.lifetimeYears, 1)),
          el('td', { class: 'num' }, fmt(d.deltaVMps, 2)))))) : null;
      life.content.replaceChildren(facts, table);
      life.done(`From the element set of ${utcText(r.epoch).slice(0, 16)} UTC; ${rules.length} disposal rules checked.`);
    } catch (e) {
      if (e.name === 'AbortError') return;
      life.fail(failure(e, 'Lifetime prediction'), missing(e));
    }
  }

  function wrap(deg) {
    const x = (deg + 180) % 360;
    return (x < 0 ? x + 360 : x) - 180;
  }

  /** Follows the URL fragment: #fleet/<id> opens a satellite's page, #fleet the list. */
  function route() {
    const match = /^#fleet(?:\/(.+))?$/.exec(location.hash);
    if (!match) return;
    const id = match[1] ? decodeURIComponent(match[1]) : '';
    if (id === loaded) return;
    open(id);
  }

  window.addEventListener('hashchange', route);
  return { load: loadFleet, route };
}
