// What a reply looks like on each channel, for the console's previews: built from each channel's own render
// function (the transport's when the channel is on), so a preview is exactly what would be sent.
import type { Messages } from '../i18n/messages.js';
import type { Reply } from '../conversation/types.js';
import { renderTelegram } from './telegram/render.js';
import { renderZalo } from './zalo/render.js';

/** One platform message as staff see it: its text and the labels of its buttons. */
export interface PreviewBubble {
  readonly text: string;
  readonly buttons: readonly string[];
}

export type ChannelPreview = (reply: Reply) => PreviewBubble[];

/** The render of every channel the console can show, whether or not the channel is configured here. */
export const CHANNEL_RENDERERS: Readonly<Record<string, (reply: Reply, messages: Messages) => readonly object[]>> = {
  telegram: renderTelegram,
  zalo: renderZalo,
  'zalo-oa': renderZalo,
};

interface AnyPayload {
  readonly text?: unknown;
  readonly reply_markup?: { readonly inline_keyboard?: readonly (readonly { readonly text: string; readonly url?: string }[])[] };
}

/** Payloads of any channel as bubbles: text, and inline buttons (a link button marked 🔗). */
export function toBubbles(payloads: readonly object[]): PreviewBubble[] {
  return payloads.map((p) => {
    const payload = p as AnyPayload;
    const buttons = (payload.reply_markup?.inline_keyboard ?? []).flat().map((b) => (b.url ? `🔗 ${b.text}` : b.text));
    return { text: typeof payload.text === 'string' ? payload.text : '', buttons };
  });
}

/**
 * The previews for the console: each configured channel through its transport's render; with none configured,
 * Telegram and Zalo through their renderers, so staff still see how a message would look.
 */
export function channelPreviews(transports: readonly { readonly channel: string; render(reply: Reply): readonly object[] }[], messages: Messages): Readonly<Record<string, ChannelPreview>> {
  const campaignChannels = transports.filter((t) => t.channel in CHANNEL_RENDERERS);
  if (campaignChannels.length > 0) return Object.fromEntries(campaignChannels.map((t) => [t.channel, (reply: Reply) => toBubbles(t.render(reply))]));
  return Object.fromEntries(['telegram', 'zalo'].map((c) => [c, (reply: Reply) => toBubbles(CHANNEL_RENDERERS[c]!(reply, messages))]));
}
