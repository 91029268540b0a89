// Small helpers shared by the panels: the API client, time text and DOM building.

/** Fetches JSON from the Steppe API; a problem response becomes an Error with its detail and the HTTP status (<status>).
 * An optional AbortSignal stops the request. */
export async function api(path, params = {}, signal = undefined) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') query.set(k, String(v));
  }
  const url = `api/v1/${path}${query.size ? '?' + query : ''}`;
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const detail = body?.detail ?? body?.title ?? `${response.status} ${response.statusText}`;
    throw Object.assign(new Error(detail), { status: response.status });
  }
  return body;
}

/** POSTs JSON to the Steppe API (a blob back when <accept> is not JSON); a problem response becomes an Error with its detail
 * and the HTTP status (<status>). An optional AbortSignal stops the request. */
export async function post(path, body, accept = 'application/json', signal = undefined) {
  const response = await fetch(`api/v1/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: accept }, body: JSON.stringify(body), signal });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw Object.assign(new Error(problem?.detail ?? problem?.title ?? `${response.status} ${response.statusText}`), { status: response.status });
  }
  return accept === 'application/json' ? response.json() : response.blob();
}

/** ISO 8601 UTC text of a Date, whole seconds. */
export function iso(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "2026-08-23 14:05:09" from an ISO instant. */
export function utcText(text) {
  return text ? text.replace('T', ' ').replace(/(\.\d+)?Z$/, '') : '—';
}

/** "14:05:09" from an ISO instant. */
export function timeOnly(text) {
  return text ? text.slice(11, 19) : '—';
}

/** A number with fixed decimals, or an en dash. */
export function fmt(value, digits = 1) {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** Creates an element with attributes and children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** Creates an SVG element. */
export function svg(tag, attrs = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null) node.setAttribute(k, v);
  }
  return node;
}

/** The CSS class of an element age: fresh, old (> 3 days) or stale (> 14 days). */
export function ageClass(days) {
  const a = Math.abs(days);
  return a > 14 ? 'age-stale' : a > 3 ? 'age-old' : '';
}

/** Distinct colours for tracked satellites. */
export const palette = ['#4cc3ff', '#ffb547', '#4ade80', '#f472b6', '#a78bfa', '#fb7185', '#34d399', '#fbbf24', '#60a5fa', '#f97316'];
