// Which question makes the bot ask "which did you mean?" depends on the trained model, and changes when the
// intents change. Tests that need a clarifying question look for one: broad questions first, then the held-out and blind sets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/knowledge/paths.js';

const BROAD = ['mục tiêu', 'giải pháp', 'kế hoạch', 'vneid', 'mục tiêu chuyển đổi số', 'kế hoạch chuyển đổi số', 'giải pháp xã hội số', 'lừa đảo', 'dịch vụ công'];

const SETS = ['questions.jsonl', 'blind-round2-a.jsonl', 'blind-round2-b.jsonl', 'blind-round3-c.jsonl'];

export function clarifyingCandidates(): string[] {
  const texts = SETS.flatMap((file) => readFileSync(join(PROJECT_ROOT, 'test/data', file), 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { text: string }).text));
  return [...BROAD, ...texts];
}

/** Asks each candidate in its own session until one gets a clarifying reply; returns that session and the offered ids. */
export async function findClarifying(ask: (session: string, text: string) => Promise<{ kind: string; suggestions: readonly { id: string }[] }>): Promise<{ session: string; text: string; offered: string[] }> {
  for (const [i, text] of clarifyingCandidates().entries()) {
    const session = `clarify-probe-${i}-${Date.now().toString(36)}`;
    const reply = await ask(session, text);
    if (reply.kind === 'clarify') return { session, text, offered: reply.suggestions.map((s) => s.id) };
  }
  throw new Error('no question made the bot clarify');
}
