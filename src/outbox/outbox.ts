// Every message the bot sends to a platform goes through here: persisted before the webhook is acknowledged,
// delivered in order per chat, retried with bounded backoff, never blocking other chats or the webhooks.
import type Keyv from 'keyv';
import type { FastifyBaseLogger } from 'fastify';
import { DeliveryError, type AnyChannelTransport } from '../channels/transport.js';
import { backoffMs, REPLY_BACKOFF } from '../retry/backoff.js';
import { scrub, safeError } from '../server/safe-error.js';

/**
 * Several processes on one Redis: each delivery belongs to the process that queued it, which keeps a heartbeat.
 * A starting process takes over only deliveries whose owner is gone (and each only once), so a restart never
 * re-sends what a living process is still delivering.
 */
export interface OutboxLease {
  /** This process's id. */
  readonly owner: string;
  /** Whether that process's heartbeat is still there. */
  alive(owner: string): Promise<boolean>;
  /** Renews this process's heartbeat. */
  beat(): Promise<void>;
  /** Ends the heartbeat (graceful stop): another process may take over at once. */
  leave(): Promise<void>;
  /** Claims an orphaned delivery; true for exactly one process. */
  take(id: string): Promise<boolean>;
}

/** Heartbeat and orphan look-up intervals. */
export const LEASE_BEAT_MS = 10_000;
/** Orphans are looked for as often as a dead process's heartbeat takes to expire. */
export const ORPHAN_SCANS_PER_BEATS = 3;

interface Delivery {
  readonly id: string;
  /** The process that delivers it (with a lease); absent in single-process mode. */
  owner?: string;
  readonly channel: string;
  readonly chatId: string;
  readonly payload: unknown;
  attempts: number;
  notBefore: number;
}

export interface OutboxOptions {
  readonly store: Keyv;
  readonly transports: readonly AnyChannelTransport[];
  readonly logger: FastifyBaseLogger;
  /** Deliveries in flight at once, over all chats. */
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly now?: () => number;
  /** Redis with several processes: who delivers what. */
  readonly lease?: OutboxLease;
  /** Heartbeat period with a lease (default LEASE_BEAT_MS). */
  readonly heartbeatMs?: number;
}

export interface Outbox {
  /** Persists the messages for one chat, in order, and schedules them. */
  enqueue(channel: string, chatId: string, payloads: readonly unknown[]): Promise<void>;
  /** Loads what a previous run left undelivered. */
  start(): Promise<void>;
  /** Stops taking new work; waits up to `drainMs` for deliveries in flight. Undelivered messages stay persisted. */
  stop(drainMs?: number): Promise<void>;
  /** Messages not yet delivered (for health and tests). */
  pending(): number;
}

export function createOutbox(options: OutboxOptions): Outbox {
  const now = options.now ?? Date.now;
  const concurrency = options.concurrency ?? 16;
  const maxAttempts = options.maxAttempts ?? 10;
  const transports = new Map(options.transports.map((t) => [t.channel, t]));
  const queues = new Map<string, Delivery[]>();
  const busy = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let sequence = 0;
  let count = 0;

  const chatKey = (d: Pick<Delivery, 'channel' | 'chatId'>) => `${d.channel}:${d.chatId}`;

  const known = new Set<string>();
  function add(delivery: Delivery): void {
    if (known.has(delivery.id)) return; // a start-up retried after the store came back
    known.add(delivery.id);
    const key = chatKey(delivery);
    const queue = queues.get(key) ?? [];
    queue.push(delivery);
    queues.set(key, queue);
    count += 1;
  }

  async function finish(key: string, delivery: Delivery): Promise<void> {
    const queue = queues.get(key);
    if (queue?.[0] === delivery) queue.shift();
    if (queue && queue.length === 0) queues.delete(key);
    count -= 1;
    known.delete(delivery.id);
    await options.store.delete(delivery.id);
  }

  async function attempt(key: string, delivery: Delivery, transport: AnyChannelTransport): Promise<void> {
    try {
      await transport.deliver(delivery.chatId, delivery.payload);
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError(error instanceof Error ? error.message : String(error), 'retry');
      delivery.attempts += 1;
      if (failure.kind === 'blocked') {
        options.logger.info({ channel: delivery.channel }, 'recipient blocked the bot; dropping their queued messages');
        const queue = queues.get(key) ?? [];
        for (const d of [...queue]) await finish(key, d);
        await transport.onBlocked?.(delivery.chatId).catch(() => {});
      } else if (failure.kind === 'permanent' || delivery.attempts >= maxAttempts) {
        options.logger.warn({ channel: delivery.channel, attempts: delivery.attempts, reason: scrub(failure.message) }, 'message dropped');
        await finish(key, delivery);
      } else {
        delivery.notBefore = now() + (failure.retryAfterMs ?? backoffMs(delivery.attempts - 1, REPLY_BACKOFF));
        options.logger.info({ channel: delivery.channel, attempts: delivery.attempts, retryInMs: delivery.notBefore - now(), reason: scrub(failure.message) }, 'delivery will be retried');
        await options.store.set(delivery.id, delivery);
      }
      return;
    }
    // Delivered: a failure to forget it (store down) must not count as a failed delivery.
    await finish(key, delivery);
  }

  function pump(): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    timer = undefined;
    let nextAt = Infinity;
    for (const [key, queue] of queues) {
      if (busy.has(key) || queue.length === 0) continue;
      const head = queue[0]!;
      if (head.notBefore > now()) {
        nextAt = Math.min(nextAt, head.notBefore);
        continue;
      }
      if (busy.size >= concurrency) break;
      const transport = transports.get(head.channel);
      if (!transport) continue;
      busy.add(key);
      const run = attempt(key, head, transport)
        // The store can fail while recording the outcome (Redis down): logged, never an unhandled rejection.
        .catch((error: unknown) => options.logger.warn({ channel: head.channel, error: safeError(error) }, 'outbox could not record a delivery outcome'))
        .finally(() => {
        busy.delete(key);
        inFlight.delete(run);
        pump();
      });
      inFlight.add(run);
    }
    if (nextAt !== Infinity) {
      timer = setTimeout(pump, Math.max(5, nextAt - now()));
      timer.unref();
    }
  }

  const leaseTimers: NodeJS.Timeout[] = [];
  /** Loads stored deliveries that are this process's to send: all of them, or with a lease only orphans it takes. */
  async function adopt(): Promise<void> {
    const saved: Delivery[] = [];
    for await (const [, value] of options.store.iterator!(undefined)) if (value) saved.push(value as Delivery);
    saved.sort((a, b) => (a.id < b.id ? -1 : 1));
    let adopted = 0;
    const owners = new Map<string, boolean>();
    for (const d of saved) {
      if (!transports.has(d.channel) || known.has(d.id)) continue;
      const lease = options.lease;
      if (lease) {
        if (d.owner !== undefined && d.owner !== lease.owner) {
          let alive = owners.get(d.owner);
          if (alive === undefined) owners.set(d.owner, (alive = await lease.alive(d.owner)));
          if (alive) continue; // a living process is delivering it
        }
        if (!(await lease.take(d.id))) continue; // another process took it over first
        d.owner = lease.owner;
        await options.store.set(d.id, d);
      }
      add({ ...d, notBefore: 0 });
      adopted += 1;
    }
    if (adopted > 0) options.logger.info({ messages: adopted }, 'resuming undelivered messages');
    pump();
  }

  return {
    async enqueue(channel, chatId, payloads) {
      for (const payload of payloads) {
        sequence += 1;
        // Sortable ids: a restart reloads messages in the order they were queued.
        const id = `${now().toString(36).padStart(10, '0')}-${process.pid.toString(36)}-${sequence.toString(36).padStart(6, '0')}`;
        const delivery: Delivery = { id, channel, chatId, payload, attempts: 0, notBefore: 0, ...(options.lease ? { owner: options.lease.owner } : {}) };
        await options.store.set(id, delivery);
        add(delivery);
      }
      pump();
    },
    async start() {
      stopped = false;
      if (!options.store.iterator) return;
      const lease = options.lease;
      if (lease) await lease.beat();
      await adopt();
      if (lease) {
        const beatMs = options.heartbeatMs ?? LEASE_BEAT_MS;
        leaseTimers.push(setInterval(() => void lease.beat().catch(() => {}), beatMs), setInterval(() => void adopt().catch(() => {}), ORPHAN_SCANS_PER_BEATS * beatMs));
        for (const t of leaseTimers) t.unref();
      }
    },
    async stop(drainMs = 5000) {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const t of leaseTimers.splice(0)) clearInterval(t);
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => setTimeout(r, drainMs).unref())]);
      await options.lease?.leave().catch(() => {});
    },
    pending: () => count,
  };
}
