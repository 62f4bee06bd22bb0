// What the conversation needs from broadcasts, and no more: the core does not know how campaigns are sent.
import type { Reply } from './types.js';

export interface BroadcastPort {
  isAdmin(channel: string, userId: string): boolean;
  /** Every active subscriber (the default audience). */
  audienceSize(): Promise<number>;
  /** The message as subscribers will see it. */
  preview(text: string): Reply;
  /** Creates and starts a campaign to every active subscriber. */
  send(text: string, createdBy: string): Promise<void>;
}

/** A chat-composed campaign's text limit, the same as the console's. */
export const CHAT_BROADCAST_MAX = 1800;
