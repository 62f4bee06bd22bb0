// A few of the shipped intent files in a temporary folder, for tests that edit intents and reload: a model on
// about fifteen intents trains in a second or two where the whole set takes half a minute. The shared files
// (_lexicon, _so-lieu, out of scope, scam lists) come along; links to intents left out are cut from the lists.
// The accuracy tests keep the whole set (test/accuracy.test.ts, test/blind.test.ts).
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

/** The files kept by default: small talk with the menu (tro-chuyen) and the public services (dich-vu-cong). */
export const SMALL_INTENT_FILES = ['tro-chuyen.yaml', 'dich-vu-cong.yaml'] as const;

export function smallIntentsCopy(files: readonly string[] = SMALL_INTENT_FILES): string {
  const from = join(PROJECT_ROOT, 'intents');
  const dir = mkdtempSync(join(tmpdir(), 'intents-small-'));
  const all = readdirSync(from).filter((f) => f.endsWith('.yaml'));
  const kept = all.filter((f) => f.startsWith('_') || files.includes(f));
  const idsIn = (f: string) => [...readFileSync(join(from, f), 'utf8').matchAll(/^\s+- id: ([a-z0-9-]+)\s*$/gm)].map((m) => m[1]!);
  const dropped = new Set(all.filter((f) => !kept.includes(f)).flatMap(idsIn));
  for (const f of kept) {
    // Flow lists of ids ("related: [a, b]", the scam lists' "url: [a, b]") lose the ids of intents left out.
    const text = readFileSync(join(from, f), 'utf8').replace(/^(\s*[a-z_]+: )\[([^\]\n]*)\]$/gm, (_, head: string, list: string) => {
      const items = list.split(',').map((s) => s.trim()).filter((s) => s !== '' && !dropped.has(s));
      return `${head}[${items.join(', ')}]`;
    });
    writeFileSync(join(dir, f), text);
  }
  for (const f of readdirSync(from).filter((f) => !f.endsWith('.yaml'))) cpSync(join(from, f), join(dir, f), { recursive: true });
  return dir;
}
