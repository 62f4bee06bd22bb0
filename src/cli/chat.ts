// npm run chat: talk to the bot in the terminal. Numbers pick a suggestion; /quit or Ctrl+D leaves.
import { createInterface } from 'node:readline';
import { replyToPlainText } from '../conversation/plain-text.js';
import type { Reply } from '../conversation/types.js';
import { loadBrain, offlineConversation, runTool } from './setup.js';

runTool(async () => {
  const { brain, messages } = await loadBrain();
  const conversation = offlineConversation(brain, messages);
  const from = { channel: 'cli', userId: 'terminal', chatId: 'terminal', canPush: false } as const;
  const show = (replies: Reply[]) => {
    for (const reply of replies) console.log(`\n🤖 ${replyToPlainText(reply, messages, { numberedSuggestions: true })}`);
    console.log('');
    process.stdout.write('Bạn: ');
  };
  show(await conversation.handle({ ...from, text: '/start' }));
  // Iterating the lines (rather than asking question by question) also works when stdin is a pipe.
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '/quit' || line.trim() === '/thoat') break;
    show(await conversation.handle({ ...from, text: line }));
  }
});
