import type pg from "pg";
import type { Pool } from "../db/pool.ts";
import { query } from "../db/query.ts";
import type { Logger } from "../logger.ts";

/** Something a user's browser should hear about: a job's progress, a result landing. */
export interface UserEvent {
  type: string;
  data: Record<string, unknown>;
}

type Listener = (event: UserEvent) => void;

const CHANNEL = "rehearse_user_events";
// NOTIFY payloads stop at 8000 bytes; events carry ids and statuses, never documents.
const MAX_PAYLOAD = 7900;

const notify = query("events.notify", "select pg_notify($1, $2)");

/**
 * Per-user events through PostgreSQL's LISTEN/NOTIFY, so every server process on one database hears every
 * event and forwards it to the browsers connected to it.
 */
export class EventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.PoolClient | undefined;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: { pool: Pool; log: Logger }) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  private async connect(): Promise<void> {
    // One pool connection is kept for LISTEN for as long as the bus runs.
    const client = await this.deps.pool.connect();
    client.on("notification", (message) => this.dispatch(message.payload));
    client.on("error", (error) => {
      this.deps.log.warn({ err: error }, "event listener connection lost; reconnecting");
      this.scheduleReconnect(error);
    });
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(error?: Error): void {
    const broken = this.client;
    this.client = undefined;
    broken?.release(error ?? true);
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect().catch(() => this.scheduleReconnect());
    }, 1000);
    this.reconnectTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    if (this.client) {
      await this.client.query(`unlisten ${CHANNEL}`).catch(() => {});
      this.client.release();
    }
    this.client = undefined;
  }

  /** Sends an event to every process; each forwards it to that user's open streams. */
  async publish(userId: string, event: UserEvent): Promise<void> {
    const payload = JSON.stringify({ userId, ...event });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD)
      throw new Error(`event ${event.type} is too large to publish`);
    await this.deps.pool.query(notify.text, [CHANNEL, payload]);
  }

  subscribe(userId: string, listener: Listener): () => void {
    const set = this.listeners.get(userId) ?? new Set();
    set.add(listener);
    this.listeners.set(userId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  private dispatch(payload: string | undefined): void {
    if (!payload) return;
    try {
      const { userId, type, data } = JSON.parse(payload) as { userId: string } & UserEvent;
      for (const listener of this.listeners.get(userId) ?? []) listener({ type, data });
    } catch (error) {
      this.deps.log.warn({ err: error }, "ignored a malformed event");
    }
  }
}
