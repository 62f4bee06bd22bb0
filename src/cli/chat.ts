// npm run chat: talk to the bot in the terminal. Numbers pick a suggestion; /quit or Ctrl+D leaves.
import { createInterface } from 'node:readline';
import { createConversation } from '../conversation/conversation.js';
import { replyToPlainText } from '../conversation/plain-text.js';
import { createMemorySessionStore } from '../conversation/sessions.js';
import type { Reply } from '../conversation/types.js';
import { loadBrain, runTool } from './setup.js';

runTool(async () => {
  const { brain, messages } = await loadBrain();
  const conversation = createConversation({ brain: () => brain, messages, sessions: createMemorySessionStore() });
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let suggestions: Reply['suggestions'] = [];
  const show = (replies: Reply[]) => {
    for (const reply of replies) {
      console.log(`\n🤖 ${replyToPlainText(reply, messages)}`);
      if (reply.kind !== 'clarify' && reply.suggestions.length > 0) {
        console.log(`\n${messages.t('vi', 'suggestions-label')}:`);
        reply.suggestions.forEach((s, i) => console.log(`  ${i + 1}. ${s.label}`));
      }
      suggestions = reply.suggestions;
    }
    console.log('');
  };
  show(await conversation.handle({ channel: 'cli', chatId: 'terminal', text: '/start' }));
  const prompt = () => process.stdout.write('Bạn: ');
  prompt();
  // Iterating the lines (rather than asking question by question) also works when stdin is a pipe.
  for await (const line of rl) {
    if (line.trim() === '/quit' || line.trim() === '/thoat') break;
    const pick = /^\s*(\d)\s*$/.exec(line);
    const chosen = pick ? suggestions[Number(pick[1]) - 1] : undefined;
    show(await conversation.handle({ channel: 'cli', chatId: 'terminal', ...(chosen ? { choice: chosen.id } : { text: line }) }));
    prompt();
  }
  rl.close();
});
