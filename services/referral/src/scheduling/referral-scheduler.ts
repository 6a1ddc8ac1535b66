import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, type Logger } from '@siaga/observability';
import { REFERRAL_CONFIG, type ReferralConfig } from '@referral/config/referral-config';
import { EscortService } from '@referral/escort/escort.service';
import { ReferralService } from '@referral/referral/referral.service';

interface Job {
  name: string;
  everyMs: number;
  /** One batch; returns how many items it handled (a full batch runs again at once). */
  run: () => Promise<number>;
  batch: number;
}

/**
 * The service's clocks, all in the database: offer deadlines (referral.respond_by), escort wave deadlines
 * (escort.respond_by) and the planned-referral window (pregnancy_fact.hpl). Each tick locks what is due
 * with FOR UPDATE SKIP LOCKED, so several instances share the work and none handles an item twice; a
 * restart loses nothing, since nothing is kept in memory.
 */
@Injectable()
export class ReferralScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger: Logger;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private stopped = false;
  private readonly jobs: Job[];

  constructor(
    referrals: ReferralService,
    escorts: EscortService,
    @Inject(REFERRAL_CONFIG) config: ReferralConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'referral-scheduler' });
    this.jobs = [
      { name: 'hospital-answer-deadlines', everyMs: config.timerPollMs, batch: 20, run: () => referrals.expireOverdue(20) },
      { name: 'escort-wave-deadlines', everyMs: config.timerPollMs, batch: 10, run: () => escorts.widenUnanswered(10) },
      { name: 'planned-referrals', everyMs: config.plannedScanMs, batch: 20, run: () => referrals.createDuePlanned(20) },
    ];
  }

  onApplicationBootstrap(): void {
    for (const job of this.jobs) this.schedule(job, Math.min(job.everyMs, 1000));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    await Promise.allSettled([...this.running]);
  }

  /** Runs one job until it has nothing due (tests call it instead of waiting for the clock). */
  async runNow(name: string): Promise<number> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) throw new Error(`no job ${name}`);
    let total = 0;
    for (;;) {
      const handled = await job.run();
      total += handled;
      if (handled < job.batch) return total;
    }
  }

  private schedule(job: Job, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = this.tick(job).finally(() => {
        this.running.delete(run);
        this.schedule(job, job.everyMs);
      });
      this.running.add(run);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private async tick(job: Job): Promise<void> {
    try {
      for (let handled = job.batch; handled >= job.batch && !this.stopped;) handled = await job.run();
    } catch (error) {
      // The database may be down: the next tick tries again; nothing due is lost.
      this.logger.warn({ err: error, job: job.name }, 'scheduled job failed; will retry');
    }
  }
}
