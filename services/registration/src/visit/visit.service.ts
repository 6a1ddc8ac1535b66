import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { AncVisitV1 } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { GroupCommit, TransactionContext, unwrapSettled, type Settled } from '@siaga/persistence';
import { PregnancyAccess } from '@registration/access/pregnancy-access';
import { contactSchedule } from '@registration/pregnancy/contact-schedule';
import { assertPlausibleVisit } from '@registration/pregnancy/plausibility';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';
import { PregnancyRepository } from '@registration/pregnancy/pregnancy.repository';
import { PregnancyService } from '@registration/pregnancy/pregnancy.service';
import type { RecordVisitDto } from './visit.dto';
import { VisitEntity } from './visit.entity';
import { VisitRepository, type VisitProgress } from './visit.repository';

export interface VisitView extends AncVisitV1 {
  pregnancyId: string;
  notes: string | null;
  recordedBy: string;
  recordedAt: string;
}

const toView = (v: VisitEntity): VisitView => ({
  ...v.facts,
  visitId: v.id,
  visitDate: v.visitDate,
  pregnancyId: v.pregnancyId,
  notes: v.notes,
  recordedBy: v.recordedBy,
  recordedAt: v.recordedAt.toISOString(),
});

interface VisitRequest {
  actor: Actor;
  pregnancyId: string;
  dto: RecordVisitDto;
}

@Injectable()
export class VisitService {
  /**
   * Visits that arrive while others are being written go together in the next transaction (group commit): at
   * 500 visits/s one lock, one insert, one outbox append and one commit carry several visits.
   */
  private readonly groupCommit = new GroupCommit<VisitRequest, VisitView>((requests) => this.recordTogether(requests), {
    maxBatch: 64,
    maxConcurrent: 2,
  });

  constructor(
    private readonly visits: VisitRepository,
    private readonly pregnancies: PregnancyRepository,
    private readonly pregnancyService: PregnancyService,
    private readonly access: PregnancyAccess,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionContext,
  ) {}

  async record(actor: Actor, pregnancyId: string, dto: RecordVisitDto): Promise<VisitView> {
    const request = { actor, pregnancyId, dto };
    // Inside a caller's transaction (an Idempotency-Key's), the visit is written in it, alone.
    if (this.tx.inTransaction) return unwrapSettled((await this.recordTogether([request]))[0]);
    return this.groupCommit.submit(request);
  }

  /** Records the visits in one transaction; each is settled on its own, so a refused visit fails only its request. */
  private recordTogether(requests: readonly VisitRequest[]): Promise<Settled<VisitView>[]> {
    return this.tx.run(async (manager) => {
      const targets = await this.pregnancyService.lockActiveForVisits(requests);
      const recordedAt = new Date();
      const progress = new Map<string, VisitProgress>();
      const accepted: VisitEntity[] = [];
      const outcomes = requests.map(({ actor, pregnancyId, dto }, i): Settled<VisitView> => {
        const target = targets[i];
        if (!target.ok) return target;
        const pregnancy = target.value;
        try {
          assertPlausibleVisit(dto, pregnancy.hpht);
        } catch (error) {
          return { ok: false, error };
        }
        const { notes, visitDate, ...facts } = dto;
        const visit = Object.assign(new VisitEntity(), {
          id: randomUUID(),
          pregnancyId,
          visitDate,
          facts: { ...facts, dangerSigns: [...new Set(facts.dangerSigns)] },
          notes: notes ?? null,
          recordedBy: actor.userId,
          recordedAt,
        });
        // An earlier visit of this group to the same pregnancy has already moved her on.
        const before = progress.get(pregnancyId) ?? pregnancy;
        const lastVisitDate = before.lastVisitDate && before.lastVisitDate > visitDate ? before.lastVisitDate : visitDate;
        progress.set(pregnancyId, { visitCount: before.visitCount + 1, lastVisitDate, ...contactSchedule(pregnancy.hpht, lastVisitDate) });
        accepted.push(visit);
        return { ok: true, value: toView(visit) };
      });
      if (accepted.length > 0) {
        await this.visits.insertWithProgress(accepted, progress);
        await this.outbox.append(
          manager,
          accepted.map((visit) => ({
            name: 'visitRecorded' as const,
            subject: visit.pregnancyId,
            data: { pregnancyId: visit.pregnancyId, visit: { ...visit.facts, visitId: visit.id, visitDate: visit.visitDate } },
          })),
        );
      }
      return outcomes;
    });
  }

  async list(actor: Actor, pregnancyId: string): Promise<VisitView[]> {
    const pregnancy = await this.pregnancies.findById(pregnancyId);
    if (!pregnancy) throw new PregnancyException(PregnancyErrorCode.NotFound, `No pregnancy ${pregnancyId}`);
    await this.access.authorize(actor, 'visit.read', pregnancy);
    return (await this.visits.listForPregnancy(pregnancyId)).map(toView);
  }
}
