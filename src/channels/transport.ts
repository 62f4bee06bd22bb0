// The contract between the platform channels and whatever sends through them (the reply outbox, the campaign
// engines): render a reply in the platform's idiom, deliver one message, and say how a failure should be handled.
import type { Reply } from '../conversation/types.js';

/** What a transport throws: whether to retry, give up on the chat (blocked), or drop the message. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly kind: 'retry' | 'blocked' | 'permanent',
    readonly retryAfterMs?: number,
    /** The platform said "too many requests": the whole channel should slow down, not only this message. */
    readonly rateLimited = false,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

export interface ChannelTransport<P = unknown> {
  readonly channel: string;
  /** A reply in the platform's idiom: one or more platform messages. */
  render(reply: Reply): P[];
  /**
   * Sends one platform message; throws DeliveryError (anything else counts as retryable).
   * `bulk`: a campaign message; the transport must not wait out rate limits itself, the campaign engine does.
   */
  deliver(chatId: string, payload: P, options?: { bulk?: boolean }): Promise<void>;
  /** The person blocked the bot. */
  onBlocked?(chatId: string): Promise<void>;
}

/** A transport of any payload type (render and deliver agree on it inside each channel). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyChannelTransport = ChannelTransport<any>;
