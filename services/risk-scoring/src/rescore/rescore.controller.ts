import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayToRouteRoles } from '@siaga/http';
import { AccessAudit, CurrentActor, Roles, type Actor } from '@siaga/auth';
import { RescoreRequestDto } from './rescore.dto';
import { RescoreService, type RescoreReport } from './rescore.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class RescoreController {
  constructor(
    private readonly rescore: RescoreService,
    private readonly audit: AccessAudit,
  ) {}

  /** After a rule-set change. Runs to the end before answering; for very large caseloads use the CLI (rescore.js). */
  @Post('rescore')
  @ReplayToRouteRoles()
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Re-score every open pregnancy; new assessments only where the outcome changed' })
  async run(@CurrentActor() actor: Actor, @Body() dto: RescoreRequestDto): Promise<RescoreReport> {
    // Reads every open pregnancy's facts: one audit record for the run (no single pregnancy is named).
    await this.audit.record({ actor, action: 'assessment.rescore', outcome: 'allowed' });
    return this.rescore.rescoreOpenPregnancies({ batchSize: dto.batchSize });
  }
}
