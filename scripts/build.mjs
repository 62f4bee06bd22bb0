// Compiles src/ to dist/ with tsc (tsconfig.build.json). Plain Node, so it runs before anything is built.
//   node scripts/build.mjs              always: empties dist/, then compiles (npm run build)
//   node scripts/build.mjs --if-stale   only when dist/main.js is missing or older than a file in src/, types/,
//                                       package.json or a tsconfig (npm start's prestart)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const entry = join(dist, 'main.js');

/** The newest modification time of a file or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function stale() {
  if (!existsSync(entry)) return 'dist/ is missing';
  const inputs = ['src', 'types', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => newest(join(root, p)));
  return Math.max(...inputs) > statSync(entry).mtimeMs ? 'src/ changed since the last build' : undefined;
}

const why = process.argv.includes('--if-stale') ? stale() : 'npm run build';
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
