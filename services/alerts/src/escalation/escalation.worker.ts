import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@siaga/observability';
import { ESCALATION_POLICY, type EscalationPolicy } from './escalation-policy';
import { EscalationService } from './escalation.service';

/** Polls for due escalations in every instance; correctness comes from the database (see EscalationService). */
@Injectable()
export class EscalationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly escalations: EscalationService,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicy,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'escalation' });
  }

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = undefined;
        this.schedule(this.policy.pollMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      while (!this.stopped && (await this.escalations.escalateDue()) === this.policy.batchSize);
    } catch (error) {
      this.logger.warn({ err: error }, 'escalation round failed; the next poll retries');
    }
  }
}
