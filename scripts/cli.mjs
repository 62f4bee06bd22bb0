// node scripts/cli.mjs NAME [args]: runs src/cli/NAME from dist/ when it is up to date (no compiling, about a
// second for `npm run answer`), else straight from the TypeScript source through tsx. It never builds by itself,
// so tests and editors that change src/ never race a build.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './dist-state.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name)) {
  console.error('usage: node scripts/cli.mjs NAME [args]');
  process.exit(2);
}
process.argv = [process.argv[0], join(root, 'src', 'cli', `${name}.ts`), ...args];
if (staleReason(root)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', `${name}.ts`)).href);
} else {
  await import(pathToFileURL(join(root, 'dist', 'cli', `${name}.js`)).href);
}
