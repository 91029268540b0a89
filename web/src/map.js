// The world map: equirectangular or orthographic ("globe"), with land, satellites, their ground tracks (already split at
// ±180° by the server), footprints, stations, launch sites and historical replays. Drawn with d3-geo into an SVG.
import { geoEquirectangular, geoOrthographic, geoPath, geoGraticule10 } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import { svg } from './util.js';

export class WorldMap {
  constructor(element, { onSelect } = {}) {
    this.svg = element;
    this.onSelect = onSelect ?? (() => {});
    this.kind = 'equirectangular';
    this.rotation = [-68, -42, 0]; // the globe opens over Kazakhstan
    this.land = null;
    this.borders = null;
    this.satellites = [];   // { norad, name, color, segments: [[{t, lat, lon}]] }
    this.footprints = [];   // { norad, color, boundary: [[lon, lat]] }
    this.stations = [];     // { id, name, lat, lon, kind }
    this.showFootprints = true;
    this.showStations = true;
    this.replay = null;     // { segments, startMs, endMs, label }
    this.selected = null;
    this.layers = {};
    for (const name of ['ocean', 'graticule', 'land', 'borders', 'footprints', 'tracks', 'replay', 'stations', 'sats']) {
      this.layers[name] = this.svg.appendChild(svg('g', { class: `layer-${name}` }));
    }
    this.svg.parentElement.classList.add('flat');
    this.resizeObserver = new ResizeObserver(() => this.render());
    this.resizeObserver.observe(this.svg);
    this.installDrag();
  }

  setWorld(topology) {
    this.land = feature(topology, topology.objects.land ?? topology.objects.countries);
    if (topology.objects.countries) this.borders = mesh(topology, topology.objects.countries, (a, b) => a !== b);
    this.render();
  }

  setProjection(kind) {
    this.kind = kind;
    this.svg.parentElement.classList.toggle('flat', kind !== 'orthographic');
    this.render();
  }

  projection() {
    const width = this.svg.clientWidth || 800;
    const height = this.svg.clientHeight || 400;
    const sphere = { type: 'Sphere' };
    if (this.kind === 'orthographic') {
      return geoOrthographic().rotate(this.rotation).fitExtent([[8, 8], [width - 8, height - 8]], sphere).clipAngle(90);
    }
    return geoEquirectangular().fitExtent([[4, 4], [width - 4, height - 4]], sphere);
  }

  installDrag() {
    let start = null;
    this.svg.addEventListener('pointerdown', (e) => {
      if (this.kind !== 'orthographic') return;
      start = { x: e.clientX, y: e.clientY, rotation: [...this.rotation] };
      this.svg.setPointerCapture(e.pointerId);
    });
    this.svg.addEventListener('pointermove', (e) => {
      if (!start) return;
      const k = 0.35;
      this.rotation = [start.rotation[0] + (e.clientX - start.x) * k, Math.max(-89, Math.min(89, start.rotation[1] - (e.clientY - start.y) * k)), 0];
      this.render();
    });
    const end = () => { start = null; };
    this.svg.addEventListener('pointerup', end);
    this.svg.addEventListener('pointercancel', end);
  }

  /** Redraws everything (on data, size or projection changes). */
  render() {
    const projection = this.projection();
    const path = geoPath(projection);
    this.path = path;
    this.proj = projection;
    const L = this.layers;
    for (const g of Object.values(L)) g.replaceChildren();

    L.ocean.append(svg('path', { class: 'ocean', d: path({ type: 'Sphere' }) }));
    L.graticule.append(svg('path', { class: 'graticule', d: path(geoGraticule10()) }));
    if (this.land) L.land.append(svg('path', { class: 'land', d: path(this.land) }));
    if (this.borders) L.borders.append(svg('path', { class: 'borders', d: path(this.borders) }));

    if (this.showFootprints) {
      for (const f of this.footprints) {
        // d3-geo wants clockwise rings (the server's footprints are counter-clockwise, as RFC 7946 asks).
        const ring = [...f.boundary].reverse();
        ring.push(ring[0]);
        const d = path({ type: 'Polygon', coordinates: [ring] });
        if (d) L.footprints.append(svg('path', { class: 'footprint', d, fill: f.color, stroke: f.color, 'data-norad': f.norad }));
      }
    }

    for (const s of this.satellites) {
      const lines = s.segments.filter((seg) => seg.length > 1).map((seg) => seg.map((p) => [p.lon, p.lat]));
      if (!lines.length) continue;
      const d = path({ type: 'MultiLineString', coordinates: lines });
      if (d) L.tracks.append(svg('path', { class: 'track', d, stroke: s.color, 'data-norad': s.norad, 'data-testid': `track-${s.norad}` }));
    }

    if (this.replay) {
      const lines = this.replay.segments.filter((seg) => seg.length > 1).map((seg) => seg.map((p) => [p.lon, p.lat]));
      const d = path({ type: 'MultiLineString', coordinates: lines });
      if (d) L.replay.append(svg('path', { class: 'replay-track', d, 'data-testid': 'replay-track', 'data-norad': this.replay.norad }));
    }

    if (this.showStations) {
      const labelled = [];
      for (const st of this.stations) {
        const xy = this.visible([st.lon, st.lat]);
        if (!xy) continue;
        const title = svg('title');
        title.textContent = `${st.name} (${st.lat.toFixed(3)}° N, ${st.lon.toFixed(3)}° E)`;
        let mark;
        if (st.kind === 'launch-site') {
          mark = svg('path', { class: 'site', d: `M${xy[0]},${xy[1] - 5}L${xy[0] + 4.5},${xy[1] + 3.5}L${xy[0] - 4.5},${xy[1] + 3.5}Z` });
        } else {
          mark = svg('circle', { class: 'station', cx: xy[0], cy: xy[1], r: st.kind === 'ground-station' ? 3.5 : 2.5 });
        }
        mark.append(title);
        L.stations.append(mark);
        if (st.kind === 'ground-station' && !labelled.some((p) => Math.hypot(p[0] - xy[0], p[1] - xy[1]) < 14)) {
          labelled.push(xy);
          const label = svg('text', { class: 'station-label', x: xy[0] + 6, y: xy[1] + 3 });
          label.textContent = st.name.split(/[ (]/)[0];
          L.stations.append(label);
        }
      }
    }
    this.markers = new Map();
    for (const s of this.satellites) {
      const g = svg('g', { 'data-norad': s.norad });
      const c = svg('circle', { class: `sat${this.selected === s.norad ? ' selected' : ''}`, r: 5.5, fill: s.color, 'data-norad': s.norad, 'data-testid': `sat-${s.norad}` });
      const title = svg('title');
      title.textContent = `${s.name} (NORAD ${s.norad})`;
      c.append(title);
      c.addEventListener('click', (e) => { e.stopPropagation(); this.select(s.norad); });
      const label = svg('text', { class: 'sat-label', dx: 8, dy: -6 });
      label.textContent = shortName(s.name);
      g.append(c, label);
      L.sats.append(g);
      this.markers.set(s.norad, g);
    }
    if (this.replay) {
      const c = svg('circle', { class: 'replay-sat', r: 6, 'data-testid': 'replay-sat' });
      L.sats.append(c);
      this.replayMarker = c;
    }
    this.updateMarkers(this.lastTime ?? Date.now());
  }

  select(norad) {
    this.selected = norad;
    for (const c of this.svg.querySelectorAll('circle.sat')) c.classList.toggle('selected', Number(c.dataset.norad) === norad);
    this.onSelect(norad);
  }

  /** The projected point, or null when it is on the far side of the globe. */
  visible(lonLat) {
    if (!this.proj) return null;
    if (this.kind === 'orthographic') {
      const r = this.proj.rotate();
      const lon = (lonLat[0] + r[0]) * Math.PI / 180;
      const lat = lonLat[1] * Math.PI / 180;
      const lat0 = -r[1] * Math.PI / 180;
      const cosc = Math.sin(lat0) * Math.sin(lat) + Math.cos(lat0) * Math.cos(lat) * Math.cos(lon);
      if (cosc < 0) return null;
    }
    const xy = this.proj(lonLat);
    return xy && Number.isFinite(xy[0]) ? xy : null;
  }

  /** Moves the satellite markers to their positions at time t (ms), interpolated along the tracks. */
  updateMarkers(t) {
    this.lastTime = t;
    if (!this.markers) return;
    for (const s of this.satellites) {
      const g = this.markers.get(s.norad);
      const p = positionAt(s.segments, t);
      const xy = p && this.visible([p.lon, p.lat]);
      if (!g) continue;
      if (!xy) { g.setAttribute('display', 'none'); continue; }
      g.removeAttribute('display');
      g.setAttribute('transform', `translate(${xy[0].toFixed(1)},${xy[1].toFixed(1)})`);
    }
    if (this.replay && this.replayMarker) {
      const span = this.replay.endMs - this.replay.startMs;
      const phase = ((performance.now() - this.replay.shownAt) * this.replay.speed) % span;
      const p = positionAt(this.replay.segments, this.replay.startMs + phase);
      const xy = p && this.visible([p.lon, p.lat]);
      if (xy) {
        this.replayMarker.removeAttribute('display');
        this.replayMarker.setAttribute('cx', xy[0]);
        this.replayMarker.setAttribute('cy', xy[1]);
      } else {
        this.replayMarker.setAttribute('display', 'none');
      }
    }
  }

  /** Shows a historical replay: the track drawn, a marker going round it (the flight in about 20 s). */
  showReplay(replay) {
    this.replay = replay ? { ...replay, shownAt: performance.now(), speed: (replay.endMs - replay.startMs) / 20000 } : null;
    this.render();
  }
}

/** Position on split track segments at time t (ms), linear between samples; null outside the track. */
export function positionAt(segments, t) {
  for (const seg of segments) {
    if (!seg.length || t < seg[0].t || t > seg[seg.length - 1].t) continue;
    for (let i = 1; i < seg.length; i++) {
      const a = seg[i - 1], b = seg[i];
      if (t <= b.t) {
        const f = b.t === a.t ? 0 : (t - a.t) / (b.t - a.t);
        return { lat: a.lat + (b.lat - a.lat) * f, lon: a.lon + (b.lon - a.lon) * f, alt: a.alt + (b.alt - a.alt) * f };
      }
    }
  }
  return null;
}

function shortName(name) {
  return (name ?? '').replace(/\s*\(.*\)\s*$/, '').slice(0, 16);
}
