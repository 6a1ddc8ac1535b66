import { Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import { PageCursor, cursorPart } from '@siaga/http';
import { AssessmentAccess, type AssessmentAction, type ScopedPregnancy } from '@risk-scoring/access/assessment-access';
import { PregnancyFactsRepository } from '@risk-scoring/projection/pregnancy-facts.repository';
import type { FactsStatus } from '@risk-scoring/projection/pregnancy-facts';
import type { AssessmentHistoryQueryDto } from './assessment.dto';
import { AssessmentErrorCode, AssessmentException } from './assessment.exception';
import { AssessmentRepository } from './assessment.repository';
import { toAssessmentView, type AssessmentView } from './assessment.view';

export interface CurrentAssessmentView extends AssessmentView {
  /** A closed pregnancy keeps its last assessment but is no longer re-scored. */
  pregnancyStatus: FactsStatus;
}

export interface AssessmentHistoryPage {
  items: AssessmentView[];
  nextCursor: string | null;
}

/** The position of the last assessment of the page: history is newest first, so the next page is below it. */
const CURSOR = new PageCursor<[position: number]>('assessments', [cursorPart.integer(1, Number.MAX_SAFE_INTEGER)]);

/** The API's reads: every one checked against the caller's scope and written to the access audit. */
@Injectable()
export class AssessmentReader {
  constructor(
    private readonly facts: PregnancyFactsRepository,
    private readonly assessments: AssessmentRepository,
    private readonly access: AssessmentAccess,
  ) {}

  async current(actor: Actor, pregnancyId: string): Promise<CurrentAssessmentView> {
    const { status } = await this.authorize(actor, 'assessment.read', pregnancyId);
    const latest = await this.assessments.latest(pregnancyId);
    if (!latest) throw new AssessmentException(AssessmentErrorCode.NotAssessed, `Pregnancy ${pregnancyId} has not been assessed yet`);
    return { ...toAssessmentView(latest), pregnancyStatus: status };
  }

  async history(actor: Actor, pregnancyId: string, query: AssessmentHistoryQueryDto): Promise<AssessmentHistoryPage> {
    const before = query.cursor === undefined ? null : CURSOR.decode(query.cursor)[0];
    await this.authorize(actor, 'assessment.history.read', pregnancyId);
    const limit = query.limit ?? 20;
    const rows = await this.assessments.history(pregnancyId, limit + 1, before);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toAssessmentView),
      nextCursor: rows.length > limit && last ? CURSOR.encode([Number(last.position)]) : null,
    };
  }

  private async authorize(actor: Actor, action: AssessmentAction, pregnancyId: string): Promise<ScopedPregnancy & { status: FactsStatus }> {
    const facts = await this.facts.findScoped(pregnancyId);
    if (!facts?.villageCode || !facts.healthCenterId) {
      throw new AssessmentException(AssessmentErrorCode.PregnancyNotFound, `No pregnancy ${pregnancyId} is known to risk scoring`);
    }
    const scoped = { id: pregnancyId, villageCode: facts.villageCode, healthCenterId: facts.healthCenterId };
    await this.access.authorize(actor, action, scoped);
    return { ...scoped, status: facts.status };
  }
}
