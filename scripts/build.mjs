// Compiles src/ to dist/ with tsc (tsconfig.build.json). Plain Node, so it runs before anything is built.
//   node scripts/build.mjs              always: empties dist/, then compiles (npm run build)
//   node scripts/build.mjs --if-stale   only when dist/main.js is missing or older than a file in src/, types/,
//                                       package.json or a tsconfig (npm start's prestart)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleReason } from './dist-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const why = process.argv.includes('--if-stale') ? staleReason(root) : 'npm run build';
if (why) {
  const started = Date.now();
  console.error(`Building dist/ (${why}) ...`);
  rmSync(dist, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) {
    rmSync(dist, { recursive: true, force: true }); // never leave a half-built dist/ that looks fresh
    console.error('Build failed.');
    process.exit(result.status ?? 1);
  }
  console.error(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
