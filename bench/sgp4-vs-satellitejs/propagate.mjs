// satellite.js side of the SGP4 comparison (see run.sh): the same element sets, minutes 0 to 1439 in 1-minute
// steps, near-Earth and deep-space sets timed apart, one warm-up pass and timed passes for at least a second (at least
// three), the best kept, single-threaded; rates from the wall clock and from the process's CPU time. Writes states at sample minutes
// (set index, catalog number, minute, km, km/s).
import { readFileSync, writeFileSync } from 'node:fs';
import { twoline2satrec, sgp4 } from 'satellite.js';

const [elementsPath, samplesPath] = process.argv.slice(2);
const MINUTES = 1440;
const MIN_PASSES = 3;
const MIN_SECONDS = 1.0;
const SAMPLE_MINUTES = [0, 360, 720, 1439];

const lines = readFileSync(elementsPath, 'utf8').split(/\r?\n/);
const sats = [];
const indices = [];
let index = 0;
for (let i = 0; i + 1 < lines.length; i++) {
  if (lines[i].startsWith('1 ') && lines[i + 1].startsWith('2 ')) {
    const satrec = twoline2satrec(lines[i], lines[i + 1]);
    if (satrec.error === 0) {
      sats.push(satrec);
      indices.push(index);
    }
    index++;
    i++;
  }
}
const deep = sats.filter((s) => s.method === 'd').length;
console.log(`satellite.js: ${sats.length} element sets (${sats.length - deep} near-Earth, ${deep} deep-space), ${MINUTES} minutes each`);

function pass(set) {
  let checksum = 0;
  let failures = 0;
  for (const satrec of set) {
    for (let m = 0; m < MINUTES; m++) {
      const pv = sgp4(satrec, m);
      if (pv && pv.position && satrec.error === 0) checksum += pv.position.x;
      else failures++;
    }
  }
  return { checksum, failures };
}

for (const [kind, method] of [['near', 'n'], ['deep', 'd']]) {
  const set = sats.filter((s) => s.method === method);
  if (set.length === 0) continue;
  pass(set); // warm-up: the JIT reaches its optimised code
  let wall = Infinity;
  let cpu = Infinity;
  let last;
  const start = process.hrtime.bigint();
  for (let p = 0; p < MIN_PASSES || Number(process.hrtime.bigint() - start) / 1e9 < MIN_SECONDS; p++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    last = pass(set);
    wall = Math.min(wall, Number(process.hrtime.bigint() - t0) / 1e9);
    const c = process.cpuUsage(c0);
    cpu = Math.min(cpu, (c.user + c.system) / 1e6);
  }
  const count = set.length * MINUTES;
  console.log(`satellite.js: ${kind}: ${count} propagations in ${wall.toFixed(3)} s, ${(count / wall).toFixed(0)} per second (${(count / cpu).toFixed(0)} per CPU second), ${last.failures} failed, checksum ${last.checksum.toExponential(6)}`);
  console.log(`RATE satellitejs ${kind} ${(count / wall).toFixed(0)} ${(count / cpu).toFixed(0)} 1`);
}

const out = [];
for (let i = 0; i < sats.length; i++) {
  const satrec = sats[i];
  for (const m of SAMPLE_MINUTES) {
    const pv = sgp4(satrec, m);
    if (!pv || !pv.position || satrec.error !== 0) continue;
    const r = pv.position;
    const v = pv.velocity;
    out.push(`${indices[i]},${satrec.satnum},${m},${r.x},${r.y},${r.z},${v.x},${v.y},${v.z}`);
  }
}
writeFileSync(samplesPath, out.join('\n') + '\n');
