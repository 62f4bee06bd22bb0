// Labelled questions, one JSON object per line: {"text": "...", "intent": "id" | null}.
import { readFileSync } from 'node:fs';
import type { Example } from '../knowledge/types.js';
import { UsageError } from './setup.js';

export function readLabelledLines(file: string): Example[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const problems: string[] = [];
  const examples: Example[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`${file}:${index + 1}: not valid JSON`);
      return;
    }
    const v = value as { text?: unknown; intent?: unknown };
    if (typeof v !== 'object' || v === null || typeof v.text !== 'string' || !(typeof v.intent === 'string' || v.intent === null)) {
      problems.push(`${file}:${index + 1}: expected {"text": string, "intent": string or null}`);
      return;
    }
    examples.push({ text: v.text, intent: v.intent });
  });
  if (problems.length > 0) throw new UsageError(`${problems.length} bad line(s):\n${problems.slice(0, 20).join('\n')}`);
  if (examples.length === 0) throw new UsageError(`${file}: has no labelled lines`);
  return examples;
}
