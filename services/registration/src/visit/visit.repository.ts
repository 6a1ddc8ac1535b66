import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import { VisitEntity } from './visit.entity';

@Injectable()
export class VisitRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(visit: VisitEntity): Promise<void> {
    await this.tx.manager.insert(VisitEntity, visit);
  }

  listForPregnancy(pregnancyId: string): Promise<VisitEntity[]> {
    return this.tx.manager.find(VisitEntity, { where: { pregnancyId }, order: { visitDate: 'ASC', recordedAt: 'ASC' } });
  }
}
