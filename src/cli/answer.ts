// npm run --silent answer: one question per stdin line → one JSON line {"text","intent","score","reply"} on stdout,
// plus "check" {kind, verdict, signals} when the line was a scam check (a link, a number or a pasted message).
// Each line is its own conversation. Nothing else is written to stdout.
import { createInterface } from 'node:readline';
import { replyToPlainText } from '../conversation/plain-text.js';
import { loadBrain, offlineConversation, runTool } from './setup.js';

runTool(async () => {
  const { brain, messages } = await loadBrain();
  const conversation = offlineConversation(brain, messages);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    // A file saved with a byte-order mark starts with one; it is not part of the question.
    const text = n === 1 ? line.replace(/^\uFEFF/, '') : line;
    const replies = await conversation.handle({ channel: 'cli', userId: `line-${n}`, chatId: `line-${n}`, text, canPush: false });
    const main = replies[0]!;
    const reply = replies.map((r) => replyToPlainText(r, messages)).join('\n\n');
    process.stdout.write(`${JSON.stringify({ text, intent: main.intent, score: round(main.score ?? 0), reply, ...(main.check ? { check: main.check } : {}) })}\n`);
  }
});

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
