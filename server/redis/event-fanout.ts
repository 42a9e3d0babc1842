/**
 * Live status events from Redis to this instance's listeners. The session store's update script publishes each
 * event on the session's channel; one subscriber connection per instance subscribes to the channels of the
 * sessions that have listeners here, and reads the session's event log to fill any gap (a reconnect, a
 * subscription that took effect after an event was published), so each listener sees every event once, in order.
 */
import type { Redis } from 'ioredis';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type { StatusListener } from '../sessions/types.js';

interface Hub {
  listeners: Set<StatusListener>;
  /** Newest seq handed to the listeners. */
  lastSeq: number;
  /** Deliveries and catch-ups run one after another, so events reach listeners in order. */
  chain: Promise<void>;
}

export interface EventFanoutOptions {
  subscriber: Redis;
  /** The channel a session's events are published on. */
  channel(id: string): string;
  /** The session id of a channel of ours, or undefined for any other channel. */
  idOfChannel(channel: string): string | undefined;
  /** The session's logged events after `afterSeq`, oldest first. */
  eventsAfter(id: string, afterSeq: number): Promise<SessionStatusEvent[]>;
}

export class EventFanout {
  private readonly hubs = new Map<string, Hub>();
  private readonly subscriber: Redis;

  constructor(private readonly options: EventFanoutOptions) {
    this.subscriber = options.subscriber;
    this.subscriber.on('message', (channel: string, message: string) => this.onMessage(channel, message));
    // After a reconnect, fill whatever was published while the subscriber was away. ioredis announces 'ready'
    // before it has re-subscribed: subscribe here too and read the logs once that answer is in.
    this.subscriber.on('ready', () => {
      const ids = [...this.hubs.keys()];
      if (ids.length === 0) return;
      this.subscriber.subscribe(...ids.map((id) => options.channel(id))).then(
        () => ids.forEach((id) => this.catchUp(id)),
        () => {},
      );
    });
  }

  /** Sessions with listeners on this instance. */
  get followed(): number {
    return this.hubs.size;
  }

  subscribe(id: string, listener: StatusListener): () => void {
    let hub = this.hubs.get(id);
    if (!hub) {
      const created: Hub = { listeners: new Set(), lastSeq: 0, chain: Promise.resolve() };
      this.hubs.set(id, (hub = created));
      // Once subscribed, read the log: an event published before the subscription took effect is not lost.
      this.subscriber.subscribe(this.options.channel(id)).then(
        () => this.catchUp(id),
        () => {},
      );
    }
    const own = hub;
    own.listeners.add(listener);
    return () => {
      own.listeners.delete(listener);
      if (own.listeners.size === 0 && this.hubs.get(id) === own) {
        this.hubs.delete(id);
        this.subscriber.unsubscribe(this.options.channel(id)).catch(() => {});
      }
    };
  }

  private onMessage(channel: string, message: string): void {
    const id = this.options.idOfChannel(channel);
    const hub = id === undefined ? undefined : this.hubs.get(id);
    if (id === undefined || !hub) return;
    let event: SessionStatusEvent;
    try {
      event = JSON.parse(message) as SessionStatusEvent;
    } catch {
      return;
    }
    hub.chain = hub.chain.then(async () => {
      // A gap (a reconnect, a subscription that started late): read the missing events from the log first.
      if (event.seq > hub.lastSeq + 1) await this.fill(id, hub);
      this.deliver(hub, event);
    });
  }

  private catchUp(id: string): void {
    const hub = this.hubs.get(id);
    if (!hub) return;
    hub.chain = hub.chain.then(() => this.fill(id, hub));
  }

  /** Delivers the logged events after the hub's last one; errors leave the gap for the next catch-up. */
  private async fill(id: string, hub: Hub): Promise<void> {
    try {
      for (const event of await this.options.eventsAfter(id, hub.lastSeq)) this.deliver(hub, event);
    } catch {
      // Redis is away; the subscriber's 'ready' will catch up.
    }
  }

  private deliver(hub: Hub, event: SessionStatusEvent): void {
    if (event.seq <= hub.lastSeq) return;
    hub.lastSeq = event.seq;
    for (const listener of [...hub.listeners]) listener(event);
  }
}
