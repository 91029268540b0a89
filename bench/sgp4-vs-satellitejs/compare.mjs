// Compares the sample states written by both sides (set index, catalog, minute, x, y, z, vx, vy, vz) and prints the largest
// differences.
import { readFileSync } from 'node:fs';

const read = (path) => new Map(readFileSync(path, 'utf8').trim().split('\n').map((line) => {
  const f = line.split(',');
  return [`set ${f[0]} (catalog ${Number(f[1])}) minute ${f[2]}`, f.slice(3).map(Number)];
}));
const [steppePath, satjsPath] = process.argv.slice(2);
const a = read(steppePath);
const b = read(satjsPath);
let dr = 0;
let dv = 0;
let where = '';
let both = 0;
for (const [key, s] of a) {
  const j = b.get(key);
  if (!j) continue;
  both++;
  const r = Math.hypot(s[0] - j[0], s[1] - j[1], s[2] - j[2]);
  const v = Math.hypot(s[3] - j[3], s[4] - j[4], s[5] - j[5]);
  if (r > dr) { dr = r; where = key; }
  dv = Math.max(dv, v);
}
console.log(`compared ${both} sample states (same set and minute in both outputs; ${a.size} from Steppe, ${b.size} from satellite.js)`);
console.log(`max position difference ${dr.toExponential(3)} km (at ${where}), max velocity difference ${dv.toExponential(3)} km/s`);
