// Compiles src/ to dist/: each file transpiled by esbuild (about a second; tsc took 20 s and more), the same
// one-file-at-a-time emit tsc makes under `isolatedModules` and `verbatimModuleSyntax`. Types are checked by
// `npm run typecheck` (tsc --noEmit, in CI), not here. Plain Node, so it runs before anything is built.
//   node scripts/build.mjs              always: empties dist/, then compiles (npm run build)
//   node scripts/build.mjs --if-stale   only when dist/main.js is missing or older than a file in src/, types/,
//                                       package.json or a tsconfig (npm start's prestart)
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { staleReason } from './dist-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

/** Every .ts file under a folder (not .d.ts, not tests). */
function sources(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

const why = process.argv.includes('--if-stale') ? staleReason(root) : 'npm run build';
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
