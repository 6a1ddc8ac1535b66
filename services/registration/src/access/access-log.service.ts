import { Injectable } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import { AccessLogRepository, type AccessLogEntry } from './access-log.repository';

const LIMIT = 200;

/** "Who looked at her record?", for the district health office (the data controller) and admins. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly log: AccessLogRepository,
    private readonly audit: AccessAudit,
  ) {}

  /** The latest entries from every service, newest first; reading them is itself an access to her record. */
  async forPregnancy(actor: Actor, pregnancyId: string): Promise<AccessLogEntry[]> {
    await this.audit.record({ actor, action: 'access-log.read', pregnancyId, outcome: 'allowed' });
    return this.log.forPregnancy(pregnancyId, LIMIT);
  }
}
