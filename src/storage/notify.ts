/**
 * Change notifications between instances: PostgreSQL LISTEN/NOTIFY, or an in-process bus for SQLite.
 */
import type pg from "pg";
import { describeError, type Logger } from "../logger.js";
import { loadPg, postgresConfig } from "./connect.js";
import type { StoreChange } from "./types.js";

/** The PostgreSQL channel every instance LISTENs on. */
export const CHANGE_CHANNEL = "article_qa_store_changes";

export type ChangeListener = (change: StoreChange) => void;

/** What travels in a NOTIFY payload: the change and the instance it came from (which ignores its own). */
interface ChangeMessage {
  readonly origin: string;
  readonly change: StoreChange;
}

function isChange(value: unknown): value is StoreChange {
  if (typeof value !== "object" || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  return kind === "pack" || kind === "review" || kind === "setting" || kind === "resync";
}

function parseChangeMessage(payload: string | undefined): ChangeMessage | undefined {
  try {
    const parsed = JSON.parse(payload ?? "") as { origin?: unknown; change?: unknown };
    return typeof parsed.origin === "string" && isChange(parsed.change)
      ? { origin: parsed.origin, change: parsed.change }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One instance's listeners. A listener that throws is logged and does not stop the others.
 */
export class Listeners {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly logger: Logger) {}

  add(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }

  deliver(change: StoreChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.logger.error("store-listener-threw", { change: change.kind, error: describeError(error) });
      }
    }
  }
}

/**
 * The instances of this process that share one SQLite file (SQLite has no notifications between processes:
 * one process per file).
 */
const sqliteBuses = new Map<string, Set<Listeners>>();

export function joinSqliteBus(
  file: string,
  listeners: Listeners,
): { publish(change: StoreChange): void; leave(): void } {
  let bus = sqliteBuses.get(file);
  if (bus === undefined) {
    bus = new Set();
    sqliteBuses.set(file, bus);
  }
  bus.add(listeners);
  return {
    publish: (change) => {
      for (const member of [...(sqliteBuses.get(file) ?? [])]) member.deliver(change);
    },
    leave: () => {
      bus.delete(listeners);
      if (bus.size === 0) sqliteBuses.delete(file);
    },
  };
}

/**
 * A dedicated connection LISTENing on CHANGE_CHANNEL (a pooled one would be handed to other queries). When
 * it drops (the server restarts, the network fails) it reconnects with backoff (0.25 s doubling to 5 s) and,
 * once listening again, reports `resync`: what changed meanwhile was not heard.
 */
export class PostgresChangeListener {
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private delayMs = 250;
  private stopped = false;
  private lost = false;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly origin: string,
    private readonly deliver: ChangeListener,
    private readonly logger: Logger,
  ) {}

  /** Starts listening; resolves once LISTEN has succeeded or the first attempt has failed (it keeps retrying). */
  start(): Promise<void> {
    this.ready ??= this.connect();
    return this.ready;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const driver = await loadPg();
    if (this.stopped) return;
    const client = new driver.Client(postgresConfig(driver, this.url));
    this.client = client;
    let dropped = false;
    const drop = (error?: Error): void => {
      if (dropped) return;
      dropped = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (!this.lost) {
        this.lost = true;
        this.logger.warn("store-listen-lost", { error: error === undefined ? "connection ended" : error.message });
      }
      this.timer = setTimeout(() => void this.connect(), this.delayMs);
      this.timer.unref();
      this.delayMs = Math.min(this.delayMs * 2, 5_000);
    };
    client.on("error", drop);
    client.on("end", () => drop());
    client.on("notification", (message) => {
      const parsed = parseChangeMessage(message.payload);
      if (parsed !== undefined && parsed.origin !== this.origin) this.deliver(parsed.change);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      drop(error instanceof Error ? error : new Error(describeError(error).message));
      return;
    }
    this.delayMs = 250;
    if (this.lost) {
      this.lost = false;
      this.logger.info("store-listen-restored");
      this.deliver({ kind: "resync" });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client !== undefined) await client.end().catch(() => undefined);
  }
}
