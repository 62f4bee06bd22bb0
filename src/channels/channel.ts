// What every platform channel receives and offers; the composition root wires them the same way.
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Conversation } from '../conversation/conversation.js';
import type { Messages } from '../i18n/messages.js';
import type { ChannelTransport, Outbox } from '../outbox/outbox.js';
import type { Store } from '../store/store.js';
import type { Users } from '../users/users.js';

export interface ChannelDeps {
  readonly conversation: Conversation;
  readonly messages: Messages;
  readonly store: Store;
  readonly users: Users;
  /** The outbox is built after the channels (it needs their transports): a getter breaks the cycle. */
  readonly outbox: () => Outbox;
  readonly logger: FastifyBaseLogger;
}

export interface Channel<P> {
  readonly transport: ChannelTransport<P>;
  /** Mounts the webhook route, if the channel has one. */
  register(app: FastifyInstance): void;
  /** Sets the webhook or starts polling. */
  start(): Promise<void>;
  stop?(): Promise<void>;
}
