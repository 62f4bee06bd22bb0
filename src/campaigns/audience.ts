// Who a campaign reaches: active subscribers, narrowed by channel, topic and language.
import type { Users, UserRecord } from '../users/users.js';
import type { Campaign } from './types.js';
import type { NewRecipient } from './repository.js';

/**
 * No topics: every active subscriber. Topics: people subscribed to any of them ("chung", general announcements,
 * is a topic like the others).
 */
export function inAudience(user: UserRecord, audience: Campaign['audience'], channels: readonly string[]): boolean {
  if (!user.active || !channels.includes(user.channel)) return false;
  if (audience.channels && !audience.channels.includes(user.channel)) return false;
  if (audience.locale && user.locale !== audience.locale) return false;
  const subscribed = Object.keys(user.subscriptions);
  if (subscribed.length === 0) return false;
  return !audience.topics || audience.topics.some((t) => subscribed.includes(t));
}

export async function resolveAudience(users: Users, audience: Campaign['audience'], channels: readonly string[]): Promise<NewRecipient[]> {
  const out: NewRecipient[] = [];
  for await (const user of users.all()) {
    if (inAudience(user, audience, channels)) out.push({ key: `${user.channel}:${user.userId}`, channel: user.channel, chatId: user.chatId, locale: user.locale });
  }
  return out;
}
