import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER, type Logger } from '@siaga/observability';
import { Client } from 'pg';
import { Observable, Subject, defer, finalize, share, takeUntil } from 'rxjs';
import { DataSource } from 'typeorm';
import { AlertRepository, type AlertWithSummary } from '@alerts/alert/alert.repository';
import { alertChangesChannel } from '@alerts/migrations/1764700000000-initial-schema';

/**
 * Committed alert changes, across instances: a trigger on `alert` NOTIFYs on every insert and update (delivered
 * at commit, never for a rolled-back change); each instance LISTENs on one pg connection and loads each changed
 * alert once, for all of its live-feed subscribers.
 */
@Injectable()
export class AlertFeed implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger: Logger;
  private readonly changes = new Subject<AlertWithSummary>();
  /** Emits once at shutdown: open streams end, so the HTTP server can close. */
  readonly closing = new Subject<void>();
  private readonly shared: Observable<AlertWithSummary>;
  private listener?: Client;
  private subscribers = 0;
  private stopped = false;
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'alert-feed' });
    this.shared = this.changes.pipe(takeUntil(this.closing), share());
  }

  /** Changed alerts from now on (not the ones before: a screen loads the list, then follows this). */
  stream(): Observable<AlertWithSummary> {
    return defer(() => {
      this.subscribers += 1;
      return this.shared.pipe(finalize(() => (this.subscribers -= 1)));
    });
  }

  /** True once this instance listens: a change committed from now on reaches its streams. */
  get listening(): boolean {
    return this.listener !== undefined;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.closing.next();
    this.closing.complete();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const options = this.dataSource.options as { url?: string; schema?: string };
    const client = new Client({ connectionString: options.url });
    client.on('notification', (message) => this.onNotification(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'live feed listener lost its connection; reconnecting (changes meanwhile are not streamed)');
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${alertChangesChannel(options.schema ?? 'public')}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'live feed listener could not connect; retrying');
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), 2000).unref();
    }
  }

  private onNotification(payload: string | undefined): void {
    if (this.subscribers === 0 || !payload) return;
    let alertId: string;
    try {
      alertId = (JSON.parse(payload) as { alertId: string }).alertId;
    } catch {
      return;
    }
    // One at a time, in NOTIFY order: a stream never shows an older state of an alert after a newer one.
    this.loading = this.loading.then(async () => {
      try {
        const found = await this.alerts.findWithSummary(alertId);
        if (found && !this.stopped) this.changes.next(found);
      } catch (error) {
        this.logger.warn({ err: error, alertId }, 'could not load a changed alert for the live feed');
      }
    });
  }
}
