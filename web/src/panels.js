// The side panels: close approaches of the fleet, passes with the polar sky plot, the heritage timeline, the launch
// planner and the Mars porkchop.
import { geoPath, geoTransform } from 'd3-geo';
import { contours } from 'd3-contour';
import { api, el, svg, fmt, utcText, timeOnly, iso } from './util.js';

// ---------------------------------------------------------------- close approaches

export function setupConjunctions(app) {
  const status = document.getElementById('conj-status');
  const body = document.querySelector('#conj-table tbody');
  const run = async () => {
    const from = new Date(app.clock.now());
    const hours = Number(document.getElementById('conj-hours').value) || 24;
    const primaries = app.fleet.map((f) => f.norad).slice(0, 10);
    body.replaceChildren();
    if (!primaries.length) { status.textContent = 'Track a satellite first.'; return; }
    status.textContent = `Screening ${primaries.length} satellites against the catalog…`;
    status.classList.remove('error');
    try {
      const result = await api('conjunctions', {
        primaries: primaries.join(','), from: iso(from), to: iso(new Date(from.getTime() + hours * 3600e3)),
        thresholdKm: document.getElementById('conj-km').value,
      });
      const colors = new Map(app.fleet.map((f) => [f.norad, f.color]));
      for (const c of result.conjunctions) {
        body.append(el('tr', { 'data-testid': 'conj-row', title: `TCA ${utcText(c.tcaUtc)} UTC; NORAD ${c.primary.noradId} and ${c.secondary.noradId}; relative speed ${fmt(c.relativeSpeedKmPerS, 3)} km/s; R/I/C ${fmt(c.radialKm, 3)} / ${fmt(c.inTrackKm, 3)} / ${fmt(c.crossTrackKm, 3)} km; element ages ${fmt(c.primary.ageDays, 1)} and ${fmt(c.secondary.ageDays, 1)} d` },
          el('td', {}, utcText(c.tcaUtc).slice(5, 16)),
          el('td', {}, el('span', { class: 'swatch', style: `background:${colors.get(c.primary.noradId) ?? '#93a3bd'}` }), c.primary.name ?? c.primary.noradId),
          el('td', { class: 'other' }, c.secondary.name ?? String(c.secondary.noradId)),
          el('td', { class: 'num' }, fmt(c.missKm, 3)),
          el('td', { class: 'num' }, c.collisionProbability >= 1e-10 ? c.collisionProbability.toExponential(1) : '<1e-10')));
      }
      status.textContent = `${result.conjunctions.length} approaches within ${result.thresholdKm} km from ${utcText(result.fromUtc)} to ${utcText(result.toUtc)} UTC among ${result.objectsScreened} objects. Pc with an assumed covariance (hover for it); hover a row for speed and R/I/C.`;
      status.title = result.covarianceAssumption;
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  };
  document.getElementById('conj-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  return run;
}

// ---------------------------------------------------------------- passes

export function setupPasses(app) {
  const form = document.getElementById('passes-form');
  const status = document.getElementById('passes-status');
  const body = document.querySelector('#passes-table tbody');
  const station = document.getElementById('pass-station');
  const sat = document.getElementById('pass-sat');

  for (const s of app.stations.filter((s) => s.kind !== 'launch-site')) {
    station.append(el('option', { value: s.id }, `${s.name}${s.kind === 'place' ? ' (city)' : ''}`));
  }
  if ([...station.options].some((o) => o.value === 'astana')) station.value = 'astana';
  app.refreshPassSatellites = () => {
    const current = sat.value;
    sat.replaceChildren(el('option', { value: 'all' }, 'All tracked'), ...app.fleet.map((f) => el('option', { value: f.norad }, `${f.name} (${f.norad})`)));
    sat.value = [...sat.options].some((o) => o.value === current) ? current : String(app.fleet[0]?.norad ?? 'all');
  };
  app.refreshPassSatellites();

  const run = async () => {
    const norad = sat.value === 'all' ? app.fleet.map((f) => f.norad).join(',') : sat.value;
    const from = new Date(app.clock.now());
    const hours = Number(document.getElementById('pass-hours').value) || 24;
    status.textContent = 'Searching…';
    status.classList.remove('error');
    body.replaceChildren();
    try {
      const result = await api('passes', {
        norad, station: station.value, from: iso(from), to: iso(new Date(from.getTime() + hours * 3600e3)),
        minElevationDeg: document.getElementById('pass-minel').value, skyTrack: true,
      });
      const names = new Map(app.fleet.map((f) => [f.norad, f]));
      for (const p of result.passes) {
        const color = names.get(p.noradId)?.color ?? '#93a3bd';
        const row = el('tr', { 'data-testid': 'pass-row' },
          el('td', {}, el('span', { class: 'swatch', style: `background:${color}` }), p.name ?? p.noradId),
          el('td', {}, utcText(p.rise.timeUtc).slice(5)),
          el('td', { class: 'num' }, fmt(p.rise.azimuthDeg, 0)),
          el('td', { class: 'num' }, fmt(p.maxElevationDeg, 1)),
          el('td', {}, timeOnly(p.set.timeUtc)),
          el('td', { class: 'num' }, fmt(p.set.azimuthDeg, 0)),
          el('td', { class: 'num' }, fmt(p.durationS / 60, 1)));
        row.addEventListener('click', () => {
          for (const r of body.children) r.classList.remove('selected');
          row.classList.add('selected');
          drawSky(p, color, result.station);
        });
        body.append(row);
      }
      const ages = result.objects.map((o) => `${o.elements.name ?? o.elements.noradId}: ${fmt(o.elements.ageDays, 1)} d`).join(', ');
      status.textContent = `${result.passes.length} passes over ${result.station.name} (${fmt(result.station.latitudeDeg, 3)}° N, ${fmt(result.station.longitudeDeg, 3)}° E) above ${result.minElevationDeg}° from ${utcText(result.fromUtc)} UTC. Element age: ${ages}.`;
      if (result.passes.length) body.firstElementChild.click();
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  station.addEventListener('change', run);
  drawSky(null);
  return run;
}

function drawSky(pass, color = '#4cc3ff', station = null) {
  const plot = document.getElementById('skyplot');
  const caption = document.getElementById('skyplot-caption');
  plot.replaceChildren();
  const R = 100;
  const xy = (az, el) => {
    const r = R * (90 - Math.max(0, el)) / 90;
    const a = az * Math.PI / 180;
    return [r * Math.sin(a), -r * Math.cos(a)];
  };
  for (const e of [0, 30, 60]) plot.append(svg('circle', { class: 'ring', r: R * (90 - e) / 90 }));
  plot.append(svg('line', { class: 'axis', x1: -R, y1: 0, x2: R, y2: 0 }), svg('line', { class: 'axis', x1: 0, y1: -R, x2: 0, y2: R }));
  for (const [t, x, y] of [['N', 0, -R - 9], ['E', R + 9, 0], ['S', 0, R + 9], ['W', -R - 9, 0], ['30°', 4, -R * 2 / 3 + 7], ['60°', 4, -R / 3 + 7]]) {
    const label = svg('text', { class: 'lbl', x, y });
    label.textContent = t;
    plot.append(label);
  }
  if (!pass) return;
  const pts = (pass.skyTrack ?? []).map((s) => xy(s.azimuthDeg, s.elevationDeg));
  plot.append(svg('path', { class: 'sky-track', stroke: color, d: 'M' + pts.map((p) => p.map((v) => v.toFixed(1)).join(',')).join('L'), 'data-testid': 'sky-track' }));
  for (const [cls, p] of [['aos', pass.rise], ['tca', pass.culmination], ['los', pass.set]]) {
    const [x, y] = xy(p.azimuthDeg, p.elevationDeg);
    plot.append(svg('circle', { class: cls, cx: x, cy: y, r: 4 }));
  }
  caption.textContent = `${pass.name}${station ? ' over ' + station.name : ''}: AOS ${timeOnly(pass.rise.timeUtc)} az ${fmt(pass.rise.azimuthDeg, 0)}°, ` +
    `TCA ${timeOnly(pass.culmination.timeUtc)} el ${fmt(pass.maxElevationDeg, 1)}° (range ${fmt(pass.culmination.rangeKm, 0)} km), LOS ${timeOnly(pass.set.timeUtc)} az ${fmt(pass.set.azimuthDeg, 0)}° (UTC).`;
}

// ---------------------------------------------------------------- heritage

const kazakh = /kaz|aubakirov|musabayev|aimbetov|baiterek|soyuz-5|baikonur/i;

export async function setupHeritage(app) {
  const list = document.getElementById('timeline');
  const timeline = await api('history');
  for (const e of timeline.events) {
    const when = e.utc ? utcText(e.utc) + (e.utc.includes('T') ? ' UTC' : '') : 'planned';
    const facts = [];
    if (e.crew.length) facts.push('crew: ' + e.crew.join(', '));
    if (e.durationMin) facts.push(`${fmt(e.durationMin, 0)} min`);
    if (e.launchSiteName) facts.push(e.launchSiteName);
    if (e.noradId) facts.push(`NORAD ${e.noradId}` + (e.elements ? ` · elements ${fmt(e.elements.ageDays, 1)} d old` : ''));
    const item = el('li', { class: `${kazakh.test(e.id + ' ' + e.title + ' ' + e.crew.join(' ')) ? 'kaz' : ''}${e.hasReplay ? ' replayable' : ''}`, 'data-id': e.id },
      el('div', { class: 'when' }, when),
      el('div', { class: 'title' }, e.title),
      e.description ? el('div', { class: 'desc' }, e.description) : null,
      facts.length ? el('div', { class: 'facts' }, facts.join(' · ')) : null);
    if (e.hasReplay) {
      item.append(el('button', { type: 'button', 'data-testid': `replay-${e.id}`, onclick: () => replay(app, e) }, `▶ Replay the ground track (${e.spacecraft ?? e.title})`));
    } else if (e.noradId && e.elements) {
      item.append(el('button', { type: 'button', class: 'ghost', onclick: () => app.track(e.noradId) }, 'Track on the map'));
    }
    list.append(item);
  }
}

async function replay(app, event) {
  const caption = document.getElementById('map-caption');
  caption.textContent = `Loading ${event.title}…`;
  try {
    const r = await api(`history/${event.noradId}/replay`);
    const segments = r.track.segments.map((seg) => seg.map((p) => ({ t: Date.parse(p.timeUtc), lat: p.latitudeDeg, lon: p.longitudeDeg, alt: p.altitudeKm })));
    const start = Date.parse(r.track.fromUtc), end = Date.parse(r.track.toUtc);
    app.map.showReplay({ norad: event.noradId, segments, startMs: start, endMs: end });
    caption.textContent = `Replay: ${r.orbit.name}, ${utcText(r.track.fromUtc)} UTC, ${fmt((end - start) / 60000, 0)} min — ` +
      `${r.orbit.perigeeAltitudeKm} × ${r.orbit.apogeeAltitudeKm} km, ${r.orbit.inclinationDeg}° (published orbit)`;
  } catch (e) {
    caption.textContent = e.message;
  }
}

// ---------------------------------------------------------------- launch planner

export function setupLaunch(app) {
  const site = document.getElementById('launch-site');
  for (const s of app.launchSites) site.append(el('option', { value: s.site.id }, s.site.name));
  site.value = app.launchSites.some((s) => s.site.id === 'baikonur-31-6') ? 'baikonur-31-6' : site.value;
  const status = document.getElementById('launch-status');
  const calendar = document.getElementById('launch-calendar');
  const corridors = document.getElementById('launch-corridors');
  const run = async () => {
    status.textContent = 'Planning…';
    status.classList.remove('error');
    calendar.replaceChildren();
    try {
      const plan = await api('rendezvous', {
        site: site.value, target: document.getElementById('launch-target').value, from: iso(new Date(app.clock.now())),
        days: document.getElementById('launch-days').value, maxYawDeg: document.getElementById('launch-yaw').value,
      });
      corridors.textContent = plan.site.corridors.length
        ? 'Corridors (Earth-relative azimuth): ' + plan.site.corridors.map((c) => `${c.name} ${fmt(c.fromAzimuthDeg, 1)}°–${fmt(c.toAzimuthDeg, 1)}°`).join('; ')
        : 'No corridor data for this site: azimuths are not checked.';
      const days = new Map();
      for (const o of plan.opportunities) {
        const day = o.liftoffUtc.slice(0, 10);
        if (!days.has(day)) days.set(day, []);
        days.get(day).push(o);
      }
      for (const [day, ops] of days) {
        const card = el('div', { class: 'day', 'data-testid': 'launch-day' }, el('h4', {}, new Date(day + 'T00:00:00Z').toUTCString().slice(0, 16)));
        for (const o of ops) {
          const badge = o.rangeSafety === 'accepted' ? 'accepted' : o.rangeSafety === 'rejected' ? 'rejected' : 'none';
          card.append(el('div', { class: 'opp' },
            el('span', { class: 't' }, timeOnly(o.liftoffUtc)),
            el('span', {}, `${o.direction}, az ${fmt(o.earthRelativeAzimuthDeg, 1)}° (inertial ${fmt(o.inertialAzimuthDeg, 1)}°)`),
            el('span', { class: `badge ${badge}` }, o.rangeSafety === 'no-corridor-data' ? 'no data' : o.rangeSafety),
            el('span', { class: 'sub' }, o.rangeSafety === 'rejected'
              ? `rejected: ${o.rejectionReason ?? ''}`
              : `phase ${fmt(o.phaseAngleDeg, 1)}° → ${o.profile === 'none' ? 'no scheme fits' : o.profile + ' scheme, docking ' + utcText(o.dockingUtc).slice(5, 16) + ' UTC'}` +
                (o.windowWidthS > 0 ? ` · window ${fmt(o.windowWidthS / 60, 1)} min` : ''))));
        }
        calendar.append(card);
      }
      const t = plan.target;
      status.textContent = `${plan.opportunities.length} opportunities from ${plan.site.site.name} into ${t.name} (i = ${fmt(t.inclinationDeg, 2)}°, node ${fmt(t.nodeRateDegPerDay, 3)}°/day; elements ${fmt(t.elements?.ageDays, 1)} d old), ascent ${fmt(plan.ascentMin, 1)} min. Times UTC.`;
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  };
  document.getElementById('launch-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  return run;
}

// ---------------------------------------------------------------- Mars porkchop

const c3Levels = [8, 9, 10, 11, 12, 14, 16, 18, 20, 25, 30, 40, 50, 60];
const c3Colors = ['#0b3d91', '#1456b8', '#1f6fd6', '#2f8ae6', '#3fa5e8', '#4fc0d9', '#5fd3b4', '#8fdc8a', '#c4df62', '#f0d24c', '#f5a93f', '#f07f3a', '#e0563a', '#c23b3b'];

export function setupMars() {
  const status = document.getElementById('mars-status');
  const run = async () => {
    status.textContent = 'Solving Lambert over the grid…';
    status.classList.remove('error');
    try {
      const grid = await api('porkchop', {
        origin: 'earth', destination: 'mars',
        departFrom: document.getElementById('mars-d0').value + 'T00:00:00Z', departTo: document.getElementById('mars-d1').value + 'T00:00:00Z',
        tofMinDays: document.getElementById('mars-t0').value, tofMaxDays: document.getElementById('mars-t1').value, stepDays: 2,
      });
      drawPorkchop(grid);
      const b1 = grid.bestTypeI, b2 = grid.bestTypeII;
      status.textContent = `${grid.departuresUtc.length} × ${grid.timesOfFlightDays.length} transfers. ` +
        (b1 ? `Type I minimum: C3 ${fmt(b1.c3Km2PerS2, 2)} km²/s² on ${b1.departureUtc.slice(0, 10)}, ${fmt(b1.timeOfFlightDays, 0)} d. ` : '') +
        (b2 ? `Type II minimum: C3 ${fmt(b2.c3Km2PerS2, 2)} km²/s² on ${b2.departureUtc.slice(0, 10)}, ${fmt(b2.timeOfFlightDays, 0)} d.` : '');
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
    try {
      const windows = await api('mars-windows', { fromYear: 2026, toYear: 2035 });
      const body = document.querySelector('#mars-windows tbody');
      body.replaceChildren();
      for (const w of windows.windows) {
        for (const t of [w.bestTypeI, w.bestTypeII].filter(Boolean)) {
          body.append(el('tr', {},
            el('td', {}, w.year), el('td', {}, t.type), el('td', {}, t.departureUtc.slice(0, 10)), el('td', {}, t.arrivalUtc.slice(0, 10)),
            el('td', { class: 'num' }, fmt(t.timeOfFlightDays, 0)), el('td', { class: 'num' }, fmt(t.c3Km2PerS2, 2)), el('td', { class: 'num' }, fmt(t.arrivalVInfinityKmPerS, 2))));
        }
      }
    } catch (e) {
      status.textContent += ' ' + e.message;
    }
  };
  document.getElementById('mars-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  return run;
}

function drawPorkchop(grid) {
  const plot = document.getElementById('porkchop');
  plot.replaceChildren();
  const W = 420, H = 320, m = { l: 44, r: 12, t: 10, b: 74 };
  plot.setAttribute('viewBox', `0 0 ${W} ${H}`);
  const nx = grid.departuresUtc.length, ny = grid.timesOfFlightDays.length;
  const pw = W - m.l - m.r, ph = H - m.t - m.b;
  // Cell values row-major from the top row (longest flight) down, as d3-contour expects y downwards.
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const v = grid.c3Km2PerS2[ny - 1 - j][i];
      values[j * nx + i] = v === null ? 1e6 : Math.min(v, 1e6);
    }
  }
  const sx = pw / (nx - 1), sy = ph / (ny - 1);
  const transform = geoTransform({ point(x, y) { this.stream.point(m.l + (x - 0.5) * sx, m.t + (y - 0.5) * sy); } });
  const path = geoPath(transform);
  const clip = svg('clipPath', { id: 'pc-clip' });
  clip.append(svg('rect', { x: m.l, y: m.t, width: pw, height: ph }));
  plot.append(clip);
  const g = svg('g', { 'clip-path': 'url(#pc-clip)' });
  plot.append(g);
  const bands = contours().size([nx, ny]).thresholds(c3Levels)(values);
  // Each band is the region at or above its level: the lowest (widest) first, each higher one on top of it.
  for (let k = 0; k < bands.length; k++) {
    const d = path(bands[k]);
    if (d) g.append(svg('path', { class: 'contour', d, fill: c3Colors[k], 'data-c3': bands[k].value }));
  }
  for (const b of bands) {
    const d = path(b);
    if (d) g.append(svg('path', { class: 'contour-line', d }));
  }
  // Axes.
  plot.append(svg('line', { class: 'axis-line', x1: m.l, y1: m.t + ph, x2: m.l + pw, y2: m.t + ph }), svg('line', { class: 'axis-line', x1: m.l, y1: m.t, x2: m.l, y2: m.t + ph }));
  const d0 = Date.parse(grid.departuresUtc[0]), d1 = Date.parse(grid.departuresUtc[nx - 1]);
  const xOf = (ms) => m.l + (ms - d0) / (d1 - d0) * pw;
  const t0 = grid.timesOfFlightDays[0], t1 = grid.timesOfFlightDays[ny - 1];
  const yOf = (days) => m.t + ph - (days - t0) / (t1 - t0) * ph;
  const first = new Date(d0);
  for (let d = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + (first.getUTCDate() > 1 ? 1 : 0), 1)); d.getTime() <= d1; d.setUTCMonth(d.getUTCMonth() + 1)) {
    const x = xOf(d.getTime());
    const text = svg('text', { class: 'tick', x, y: m.t + ph + 13, 'text-anchor': 'middle' });
    text.textContent = d.toISOString().slice(0, 7);
    plot.append(svg('line', { class: 'axis-line', x1: x, y1: m.t + ph, x2: x, y2: m.t + ph + 4 }), text);
  }
  for (let days = Math.ceil(t0 / 50) * 50; days <= t1; days += 50) {
    const y = yOf(days);
    const text = svg('text', { class: 'tick', x: m.l - 6, y: y + 3, 'text-anchor': 'end' });
    text.textContent = days;
    plot.append(svg('line', { class: 'axis-line', x1: m.l - 4, y1: y, x2: m.l, y2: y }), text);
  }
  const xt = svg('text', { class: 'axis-title', x: m.l + pw / 2, y: m.t + ph + 27, 'text-anchor': 'middle' });
  xt.textContent = 'Departure date (UTC)';
  const yt = svg('text', { class: 'axis-title', x: 11, y: m.t + ph / 2, transform: `rotate(-90 11 ${m.t + ph / 2})`, 'text-anchor': 'middle' });
  yt.textContent = 'Time of flight (days)';
  plot.append(xt, yt);
  // Colour key.
  const key = svg('g', { class: 'key' });
  const kw = pw / c3Levels.length;
  c3Levels.forEach((level, k) => {
    key.append(svg('rect', { x: m.l + k * kw, y: H - 20, width: kw, height: 8, fill: c3Colors[k] }));
    const label = svg('text', { x: m.l + k * kw, y: H - 24, 'text-anchor': 'middle' });
    label.textContent = level;
    key.append(label);
  });
  const unit = svg('text', { x: m.l + pw, y: H - 3, 'text-anchor': 'end' });
  unit.textContent = 'C3 (km²/s²)';
  key.append(unit);
  plot.append(key);
  // The best transfers.
  for (const best of [grid.bestTypeI, grid.bestTypeII].filter(Boolean)) {
    const x = xOf(Date.parse(best.departureUtc)), y = yOf(best.timeOfFlightDays);
    plot.append(svg('path', { class: 'best', d: `M${x - 5},${y - 5}L${x + 5},${y + 5}M${x - 5},${y + 5}L${x + 5},${y - 5}`, 'data-testid': `best-type-${best.type}` }));
    const below = best.type === 'I';
    const label = svg('text', { class: 'best-label', x: x + 7, y: below ? y + 15 : y - 7 });
    label.textContent = `Type ${best.type}: ${fmt(best.c3Km2PerS2, 1)}`;
    plot.append(label);
  }
}
