import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { AncVisitV1 } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { TransactionContext } from '@siaga/persistence';
import { PregnancyAccess } from '@registration/access/pregnancy-access';
import { contactSchedule } from '@registration/pregnancy/contact-schedule';
import { assertPlausibleVisit } from '@registration/pregnancy/plausibility';
import { PregnancyErrorCode, PregnancyException } from '@registration/pregnancy/pregnancy.exception';
import { PregnancyRepository } from '@registration/pregnancy/pregnancy.repository';
import { PregnancyService } from '@registration/pregnancy/pregnancy.service';
import type { RecordVisitDto } from './visit.dto';
import { VisitEntity } from './visit.entity';
import { VisitRepository } from './visit.repository';

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

@Injectable()
export class VisitService {
  constructor(
    private readonly visits: VisitRepository,
    private readonly pregnancies: PregnancyRepository,
    private readonly pregnancyService: PregnancyService,
    private readonly access: PregnancyAccess,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionContext,
  ) {}

  record(actor: Actor, pregnancyId: string, dto: RecordVisitDto): Promise<VisitView> {
    return this.tx.run(async (manager) => {
      const pregnancy = await this.pregnancyService.lockActiveForVisit(actor, pregnancyId);
      assertPlausibleVisit(dto, pregnancy.hpht);
      const { notes, visitDate, ...facts } = dto;
      const visit = Object.assign(new VisitEntity(), {
        id: randomUUID(),
        pregnancyId,
        visitDate,
        facts: { ...facts, dangerSigns: [...new Set(facts.dangerSigns)] },
        notes: notes ?? null,
        recordedBy: actor.userId,
        recordedAt: new Date(),
      });
      const lastVisitDate = pregnancy.lastVisitDate && pregnancy.lastVisitDate > visitDate ? pregnancy.lastVisitDate : visitDate;
      await this.visits.insertWithProgress(visit, {
        visitCount: pregnancy.visitCount + 1,
        lastVisitDate,
        ...contactSchedule(pregnancy.hpht, lastVisitDate),
      });
      await this.outbox.append(manager, [
        { name: 'visitRecorded', subject: pregnancyId, data: { pregnancyId, visit: { ...visit.facts, visitId: visit.id, visitDate } } },
      ]);
      return toView(visit);
    });
  }

  async list(actor: Actor, pregnancyId: string): Promise<VisitView[]> {
    const pregnancy = await this.pregnancies.findById(pregnancyId);
    if (!pregnancy) throw new PregnancyException(PregnancyErrorCode.NotFound, `No pregnancy ${pregnancyId}`);
    await this.access.authorize(actor, 'visit.read', pregnancy);
    return (await this.visits.listForPregnancy(pregnancyId)).map(toView);
  }
}
