import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@siaga/persistence';
import { MotherEntity } from './mother.entity';
import { PregnancyEntity } from './pregnancy.entity';

/** The only door to mothers and pregnancies in the database. */
@Injectable()
export class PregnancyRepository {
  constructor(private readonly tx: TransactionContext) {}

  findMotherByNik(nik: string): Promise<MotherEntity | null> {
    return this.tx.manager.findOne(MotherEntity, { where: { nik } });
  }

  findActiveByMother(motherId: string): Promise<PregnancyEntity | null> {
    return this.tx.manager.findOne(PregnancyEntity, { where: { motherId, status: 'active' } });
  }

  findById(id: string): Promise<PregnancyEntity | null> {
    return this.tx.manager.findOne(PregnancyEntity, { where: { id } });
  }

  /** Locks the row for the rest of the transaction: visits and updates of one pregnancy go one at a time. */
  async findByIdForUpdate(id: string): Promise<PregnancyEntity | null> {
    const locked = await this.tx.manager
      .createQueryBuilder(PregnancyEntity, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
    return locked ? this.findById(id) : null;
  }

  async saveMother(mother: MotherEntity): Promise<void> {
    await this.tx.manager.save(MotherEntity, mother);
  }

  async savePregnancy(pregnancy: PregnancyEntity): Promise<void> {
    await this.tx.manager.save(PregnancyEntity, pregnancy);
  }
}
