// Compiles src/ to dist/: each file transpiled by esbuild (about a second; tsc took 20 s and more), the same
// one-file-at-a-time emit tsc makes under `isolatedModules` and `verbatimModuleSyntax`. Types are checked by
// `npm run typecheck` (tsc --noEmit, in CI), not here. Plain Node, so it runs before anything is built.
//   node scripts/build.mjs              always: empties dist/, then compiles (npm run build)
//   node scripts/build.mjs --if-stale   only when dist/main.js is missing or older than a file in src/, types/,
//                                       package.json or a tsconfig (npm start's prestart)
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
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

/** Every .ts file under a folder (not .d.ts, not tests). */
function sources(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
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
  try {
    await build({
      entryPoints: sources(join(root, 'src')),
      outdir: dist,
      outbase: join(root, 'src'),
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: true,
      tsconfig: join(root, 'tsconfig.build.json'),
      logLevel: 'warning',
    });
  } catch {
    rmSync(dist, { recursive: true, force: true }); // never leave a half-built dist/ that looks fresh
    console.error('Build failed.');
    process.exit(1);
  }
  console.error(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
