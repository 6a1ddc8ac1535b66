import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@siaga/observability';
import type { SqlExecutor } from '@siaga/persistence';
import { Client } from 'pg';
import { Subject, filter, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';

/** What changed for which responders. Ids only: each subscriber reads the (minimised) view it may see. */
export interface FeedEvent {
  kind: 'offered' | 'withdrawn' | 'updated';
  escortId: string;
  responderIds: string[];
  /** For 'withdrawn': taken by someone else, or the request was cancelled. */
  reason?: 'taken' | 'cancelled';
}

// NOTIFY payloads are limited to 8000 bytes: 100 responder ids (37 bytes each in JSON) stay well below.
const IDS_PER_NOTIFY = 100;

export const escortFeedChannel = (schema: string): string => `siaga_escort_feed_${schema}`;

/**
 * The live feed of escort offers across instances: a change is NOTIFYed inside the transaction that
 * makes it (so it is heard only if it commits), and every instance LISTENs and hands it to the SSE
 * streams of its own connected responders.
 */
@Injectable()
export class EscortFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly events = new Subject<FeedEvent>();
  private readonly channel: string;
  private readonly url: string;
  private readonly logger: Logger;
  private listener?: Client;
  private stopped = false;
  private resolveReady!: () => void;
  /** Resolves once this instance listens (tests wait for it before producing changes). */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(dataSource: DataSource, @Inject(LOGGER) logger: Logger) {
    const options = dataSource.options as { url?: string; schema?: string };
    this.channel = escortFeedChannel(options.schema ?? 'public');
    this.url = options.url ?? '';
    this.logger = logger.child({ component: 'escort-feed' });
  }

  onApplicationBootstrap(): void {
    void this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.events.complete();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** In the caller's transaction: delivered to every instance when it commits, never if it rolls back. */
  async publish(executor: SqlExecutor, event: FeedEvent): Promise<void> {
    for (let i = 0; i < event.responderIds.length; i += IDS_PER_NOTIFY) {
      const part: FeedEvent = { ...event, responderIds: event.responderIds.slice(i, i + IDS_PER_NOTIFY) };
      await executor.query('SELECT pg_notify($1, $2)', [this.channel, JSON.stringify(part)]);
    }
  }

  /** Changes concerning one responder, as they commit anywhere. */
  forResponder(responderId: string): Observable<FeedEvent> {
    return this.events.pipe(filter((e) => e.responderIds.includes(responderId)));
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      try {
        this.events.next(JSON.parse(message.payload) as FeedEvent);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable escort feed notification');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'escort feed lost its connection; reconnecting');
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      this.listener = client;
      this.resolveReady();
    } catch (error) {
      this.logger.warn({ err: error }, 'escort feed could not listen; retrying');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 2000).unref();
    }
  }
}
