// Builds the Steppe web page into the folder given as the first argument (default: dist/):
// app.js (bundled by esbuild from src/main.js and its npm dependencies), index.html, app.css and the world map data.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  // The dashboard's sample tracking files (web/src/samples) are bundled as text.
  loader: { '.opm': 'text', '.tdm': 'text' },
  logLevel: 'warning',
});

copyFileSync(join(here, 'src', 'index.html'), join(out, 'index.html'));
copyFileSync(join(here, 'src', 'app.css'), join(out, 'app.css'));
copyFileSync(join(here, 'node_modules', 'world-atlas', 'land-110m.json'), join(out, 'land-110m.json'));
copyFileSync(join(here, 'node_modules', 'world-atlas', 'countries-110m.json'), join(out, 'countries-110m.json'));
console.log(`Steppe web page built into ${out}`);
