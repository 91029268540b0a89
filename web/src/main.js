// The Steppe dashboard: a simulation clock, the world map with the tracked fleet, and the side panels.
// URL parameters: ?t=2026-08-23T00:00:00Z (start time), ?speed=60, ?tab=passes, ?norad=25544,37749 (tracked set);
// the fragment #fleet/kazsat-3 opens a fleet satellite's page.
import { WorldMap } from './map.js';
import { setupConjunctions, setupPasses, setupHeritage, setupLaunch, setupMars } from './panels.js';
import { setupPrecise } from './precise.js';
import { setupOrbitDetermination } from './od.js';
import { setupFleet } from './fleet.js';
import { api, el, fmt, iso, utcText, ageClass, palette } from './util.js';

const params = new URLSearchParams(location.search);
const defaultFleet = [25544, 37749, 39728, 39731, 40010, 43783]; // ISS, KazSat-2, KazSat-3, KazEOSat-1, KazEOSat-2, KazSTSAT

class Clock {
  constructor(startMs, speed) {
    this.anchorSim = startMs;
    this.anchorReal = performance.now();
    this.speed = speed;
  }
  now() { return this.anchorSim + (performance.now() - this.anchorReal) * this.speed; }
  set(ms) { this.anchorSim = ms; this.anchorReal = performance.now(); }
  setSpeed(speed) { this.set(this.now()); this.speed = speed; }
}

const app = {
  clock: new Clock(params.get('t') ? Date.parse(params.get('t')) : Date.now(), Number(params.get('speed') ?? 1)),
  fleet: [],
  stations: [],
  launchSites: [],
  trackWindow: null,
  positions: new Map(),
  selected: null,
};
window.steppe = app; // for the curious (and the browser tests)

app.map = new WorldMap(document.getElementById('map'), { onSelect: (norad) => { app.selected = norad; showDetails(); } });

function colorFor(index) { return palette[index % palette.length]; }

/** Adds a satellite to the tracked set. */
app.track = async (norad) => {
  norad = Number(norad);
  if (!app.fleet.some((f) => f.norad === norad)) {
    app.fleet.push({ norad, name: String(norad), color: colorFor(app.fleet.length) });
  }
  app.trackWindow = null;
  await refreshTracks(true);
  app.refreshPassSatellites?.();
  app.map.select(norad);
  selectTab('fleet');
};

async function refreshTracks(force = false) {
  const t = app.clock.now();
  if (!app.fleet.length) { app.map.satellites = []; app.map.render(); return; }
  if (!force && app.trackWindow && t > app.trackWindow.from + 10 * 60e3 && t < app.trackWindow.to - 30 * 60e3) return;
  const from = t - 45 * 60e3, to = t + 90 * 60e3;
  app.trackWindow = { from, to };
  try {
    const result = await api('tracks', { norad: app.fleet.map((f) => f.norad).join(','), from: iso(new Date(from)), to: iso(new Date(to)), stepSeconds: 60 });
    for (const track of result.tracks) {
      const f = app.fleet.find((x) => x.norad === track.noradId);
      if (!f) continue;
      f.name = track.name ?? f.name;
      f.segments = track.segments.map((seg) => seg.map((p) => ({ t: Date.parse(p.timeUtc), lat: p.latitudeDeg, lon: p.longitudeDeg, alt: p.altitudeKm })));
    }
    app.map.satellites = app.fleet.map((f) => ({ norad: f.norad, name: f.name, color: f.color, segments: f.segments ?? [] }));
    app.map.render();
    app.refreshPassSatellites?.();
  } catch (e) {
    setCaption(e.message);
    app.fleet = app.fleet.filter((f) => f.segments);
  }
}

async function refreshPositions() {
  if (!app.fleet.length) return;
  const t = new Date(app.clock.now());
  try {
    const result = await api('positions', { norad: app.fleet.map((f) => f.norad).join(','), at: iso(t) });
    for (const p of result.positions) app.positions.set(p.noradId, p);
    renderFleet();
    showDetails();
  } catch (e) {
    setCaption(e.message);
  }
  if (document.getElementById('show-footprints').checked) {
    try {
      const fp = await api('footprints', { norad: app.fleet.map((f) => f.norad).join(','), at: iso(t), points: 72 });
      app.map.footprints = fp.footprints.map((f) => ({ norad: f.noradId, color: app.fleet.find((x) => x.norad === f.noradId)?.color ?? '#fff', boundary: f.boundary.map((b) => [b.longitudeDeg, b.latitudeDeg]) }));
      app.map.render();
    } catch { /* footprints are decoration */ }
  }
}

function renderFleet() {
  const body = document.querySelector('#fleet-table tbody');
  body.replaceChildren();
  for (const f of app.fleet) {
    const p = app.positions.get(f.norad);
    const row = el('tr', { 'data-norad': f.norad, class: app.selected === f.norad ? 'selected' : '' },
      el('td', {}, el('span', { class: 'swatch', style: `background:${f.color}` }), p?.name ?? f.name),
      el('td', { class: 'num' }, fmt(p?.latitudeDeg, 2)),
      el('td', { class: 'num' }, fmt(p?.longitudeDeg, 2)),
      el('td', { class: 'num' }, fmt(p?.altitudeKm, 0)),
      el('td', { class: `num ${ageClass(p?.elements.ageDays ?? 0)}` }, fmt(p?.elements.ageDays, 1)),
      el('td', {}, el('button', { type: 'button', class: 'remove', title: 'Stop tracking', onclick: (e) => { e.stopPropagation(); untrack(f.norad); } }, '✕')));
    row.addEventListener('click', () => app.map.select(f.norad));
    body.append(row);
  }
}

function untrack(norad) {
  app.fleet = app.fleet.filter((f) => f.norad !== norad);
  app.map.satellites = app.map.satellites.filter((s) => s.norad !== norad);
  app.map.footprints = app.map.footprints.filter((s) => s.norad !== norad);
  if (app.selected === norad) app.selected = null;
  app.map.render();
  renderFleet();
  showDetails();
  app.refreshPassSatellites?.();
}

function showDetails() {
  const box = document.getElementById('sat-details');
  const f = app.fleet.find((x) => x.norad === app.selected);
  for (const r of document.querySelectorAll('#fleet-table tbody tr')) r.classList.toggle('selected', Number(r.dataset.norad) === app.selected);
  if (!f) { box.hidden = true; return; }
  const p = app.positions.get(f.norad);
  const age = p?.elements.ageDays;
  box.hidden = false;
  box.replaceChildren(
    el('h3', {}, el('span', { class: 'swatch', style: `background:${f.color}` }), `${p?.name ?? f.name}`),
    el('dl', {},
      el('dt', {}, 'NORAD id'), el('dd', {}, f.norad),
      el('dt', {}, 'Time (UTC)'), el('dd', {}, utcText(iso(new Date(app.clock.now())))),
      el('dt', {}, 'Latitude'), el('dd', {}, `${fmt(p?.latitudeDeg, 3)}°`),
      el('dt', {}, 'Longitude'), el('dd', {}, `${fmt(p?.longitudeDeg, 3)}° E`),
      el('dt', {}, 'Altitude'), el('dd', {}, `${fmt(p?.altitudeKm, 1)} km`),
      el('dt', {}, 'Speed'), el('dd', {}, `${fmt(p?.speedKmPerS, 3)} km/s`),
      el('dt', {}, 'Illumination'), el('dd', {}, p?.illumination ?? p?.error ?? '–'),
      el('dt', {}, 'Element epoch'), el('dd', {}, `${utcText(p?.elements.epochUtc)} UTC`),
      el('dt', {}, 'Element age'), el('dd', { class: ageClass(age ?? 0), 'data-testid': 'element-age' }, `${fmt(age, 2)} days${Math.abs(age ?? 0) > 14 ? ' — stale: positions degrade by km per day' : ''}`),
      el('dt', {}, 'Source'), el('dd', {}, p?.elements.source ?? '–')));
}

let overviewAt = 0;
async function refreshOverview(force = false) {
  const t = app.clock.now();
  if (!force && Math.abs(t - overviewAt) < 10 * 60e3) return;
  overviewAt = t;
  const select = document.getElementById('pass-station');
  const body = document.querySelector('#overview-table tbody');
  if (!select?.value || !app.fleet.length) return;
  document.getElementById('overview-station').textContent = select.selectedOptions[0]?.textContent.replace(' (city)', '') ?? select.value;
  try {
    const result = await api('passes', { norad: app.fleet.map((f) => f.norad).join(','), station: select.value, from: iso(new Date(t)), to: iso(new Date(t + 12 * 3600e3)), minElevationDeg: 10 });
    body.replaceChildren();
    for (const p of result.passes.slice(0, 8)) {
      const f = app.fleet.find((x) => x.norad === p.noradId);
      const wait = Date.parse(p.rise.timeUtc) - t;
      const waitText = p.riseClipped ? 'in view' : `${Math.floor(wait / 3600e3)}:${String(Math.floor(wait / 60e3) % 60).padStart(2, '0')}`;
      body.append(el('tr', { 'data-testid': 'overview-row' },
        el('td', {}, el('span', { class: 'swatch', style: `background:${f?.color ?? '#93a3bd'}` }), p.name ?? p.noradId),
        el('td', {}, p.riseClipped ? 'in view' : utcText(p.rise.timeUtc).slice(5)),
        el('td', { class: 'num' }, waitText),
        el('td', { class: 'num' }, fmt(p.maxElevationDeg, 1)),
        el('td', {}, p.setClipped ? 'beyond 12 h' : utcText(p.set.timeUtc).slice(5)),
        el('td', { class: 'num' }, p.riseClipped || p.setClipped ? '–' : fmt(p.durationS / 60, 1)),
        el('td', { class: `num ${ageClass(p.elementAgeDays)}` }, fmt(p.elementAgeDays, 1))));
    }
    if (!result.passes.length) body.append(el('tr', {}, el('td', { colspan: 7 }, 'No pass above 10° in the next 12 hours.')));
  } catch (e) {
    body.replaceChildren(el('tr', {}, el('td', { colspan: 7 }, e.message)));
  }
}

function setCaption(text) { document.getElementById('map-caption').textContent = text; }

function selectTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) b.classList.toggle('active', b.dataset.tab === name);
  for (const p of document.querySelectorAll('.panel')) p.classList.toggle('active', p.dataset.panel === name);
  if (name === 'mars' && !app.marsLoaded) { app.marsLoaded = true; app.runMars(); }
  if (name === 'launch' && !app.launchLoaded) { app.launchLoaded = true; app.runLaunch(); }
  if (name === 'passes' && !app.passesLoaded) { app.passesLoaded = true; app.runPasses(); }
}

function setupControls() {
  for (const b of document.querySelectorAll('.speed button')) {
    b.classList.toggle('active', Number(b.dataset.speed) === app.clock.speed);
    b.addEventListener('click', () => {
      app.clock.setSpeed(Number(b.dataset.speed));
      for (const x of document.querySelectorAll('.speed button')) x.classList.toggle('active', x === b);
    });
  }
  document.getElementById('clock-now').addEventListener('click', () => { app.clock.set(Date.now()); refreshTracks(true); refreshPositions(); refreshOverview(true); });
  for (const b of document.querySelectorAll('[data-projection]')) {
    b.addEventListener('click', () => {
      for (const x of document.querySelectorAll('[data-projection]')) x.classList.toggle('active', x === b);
      app.map.setProjection(b.dataset.projection);
    });
  }
  document.getElementById('show-footprints').addEventListener('change', (e) => {
    app.map.showFootprints = e.target.checked;
    if (e.target.checked) refreshPositions(); else app.map.render();
  });
  document.getElementById('show-stations').addEventListener('change', (e) => { app.map.showStations = e.target.checked; app.map.render(); });
  for (const b of document.querySelectorAll('.tabs button')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  document.getElementById('add-sat').addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = document.getElementById('add-sat-query').value.trim();
    const list = document.getElementById('search-results');
    list.replaceChildren();
    if (!q) return;
    try {
      const result = await api('catalog/search', { q, limit: 8 });
      if (!result.objects.length) list.append(el('li', {}, `Nothing in the catalog matches "${q}".`));
      for (const o of result.objects) {
        list.append(el('li', {},
          el('span', {}, `${o.name ?? '—'} · ${o.noradId} · ${o.regime ?? 'no elements'}${o.elementAgeDays !== null ? ` · ${fmt(o.elementAgeDays, 1)} d` : ''}`),
          o.epochUtc ? el('button', { type: 'button', onclick: () => { list.replaceChildren(); app.track(o.noradId); } }, 'Track') : null));
      }
    } catch (err) {
      list.append(el('li', {}, err.message));
    }
  });
}

/** The age and state of the data the server depends on (GET /api/v1/data): one line in the top bar, details on hover. */
async function refreshDataState() {
  const box = document.getElementById('data-state');
  try {
    const data = await api('data');
    const inUse = data.dataSets.filter((d) => d.state !== 'missing' || ['eop', 'leap-seconds'].includes(d.name));
    box.className = `data-state ${data.status}`;
    box.dataset.status = data.status;
    box.textContent = data.warnings.length
      ? `Data ${data.status}: ${inUse.filter((d) => d.state === 'stale' || d.state === 'expired').map((d) => `${d.name} ${d.state}`).join(', ')}`
      : 'Data current';
    box.title = inUse.map((d) => `${d.name}: ${d.state}, ${d.source}${d.ageDays !== null ? `, ${fmt(d.ageDays, 1)} d old` : ''} — ${d.reason}`).join('\n')
      + (data.refreshing ? '\nRefreshed in the background.' : '\nNot refreshed by this server (steppe data update, or steppe serve --refresh).');
  } catch (e) {
    box.className = 'data-state expired';
    box.textContent = `Data state unknown: ${e.message}`;
  }
}

let lastSlow = 0;
function tick() {
  const t = app.clock.now();
  document.getElementById('sim-time').textContent = utcText(iso(new Date(t)));
  app.map.updateMarkers(t);
  const real = performance.now();
  if (real - lastSlow > 2000) {
    lastSlow = real;
    refreshTracks();
    refreshPositions();
    refreshOverview();
  }
  requestAnimationFrame(tick);
}

async function start() {
  setupControls();
  const world = fetch('countries-110m.json').then((r) => r.json());
  const [stations, sites] = await Promise.all([api('stations'), api('sites')]);
  app.stations = [...stations.sites.map((s) => ({ id: s.id, name: s.name, lat: s.latitudeDeg, lon: s.longitudeDeg, kind: s.kind })),
    ...sites.sites.map((s) => ({ id: s.site.id, name: s.site.name, lat: s.site.latitudeDeg, lon: s.site.longitudeDeg, kind: 'launch-site' }))];
  app.launchSites = sites.sites.filter((s) => s.site.id !== 'baikonur-cosmodrome');
  app.map.stations = app.stations.filter((s) => s.kind !== 'place' || ['astana', 'almaty', 'baikonur-town'].includes(s.id));
  const wanted = (params.get('norad') ?? defaultFleet.join(',')).split(',').map(Number).filter((n) => n > 0);
  app.fleet = wanted.map((norad, i) => ({ norad, name: String(norad), color: colorFor(i) }));
  app.runPasses = setupPasses(app);
  document.getElementById('pass-station').addEventListener('change', () => refreshOverview(true));
  app.runLaunch = setupLaunch(app);
  app.runMars = setupMars();
  app.runConjunctions = setupConjunctions(app);
  app.runPrecise = setupPrecise(app);
  app.runOrbitDetermination = setupOrbitDetermination();
  setupHeritage(app).catch((e) => setCaption(e.message));
  app.map.setWorld(await world);
  await refreshTracks(true);
  await refreshPositions();
  refreshOverview(true);
  if (params.get('tab')) selectTab(params.get('tab'));
  app.fleetPages = setupFleet(app);
  await app.fleetPages.load();
  app.fleetPages.route();
  await refreshDataState();
  setInterval(refreshDataState, 10 * 60e3);
  document.body.dataset.ready = 'true';
  requestAnimationFrame(tick);
}

start().catch((e) => setCaption(`The page could not start: ${e.message}`));

