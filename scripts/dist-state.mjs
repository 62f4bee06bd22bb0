// Whether dist/ is the compiled form of today's src/: shared by the build and the command-line launcher.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time of a file or of any file under a folder. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs; // a deleted file changes its folder's time
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** Why dist/ cannot be used as it is, or undefined when it is up to date. */
export function staleReason(root) {
  const entry = join(root, 'dist', 'main.js');
  if (!existsSync(entry)) return 'dist/ is missing';
  const inputs = ['src', 'types', 'package.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => newest(join(root, p)));
  return Math.max(...inputs) > statSync(entry).mtimeMs ? 'src/ changed since the last build' : undefined;
}
