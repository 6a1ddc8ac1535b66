import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayAs, answerKey, routeParam } from '@siaga/http';
import { CurrentActor, Roles, type Actor } from '@siaga/auth';
import {
  ArrivalDto,
  CancelReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  RedirectReferralDto,
  ReferralQueryDto,
} from './referral.dto';
import { ReferralService } from './referral.service';
import type { ReferralListItem, ReferralView } from './referral.view';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('referrals')
export class ReferralController {
  constructor(private readonly referrals: ReferralService) {}

  @Post()
  @Roles('midwife', 'doctor')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', answerKey('id'))
  @ApiOperation({ summary: 'Refer a pregnant woman to a hospital: it is offered at once to the best capable hospital' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateReferralDto): Promise<ReferralView> {
    return this.referrals.create(actor, dto);
  }

  @Get()
  @Roles('midwife', 'doctor', 'hospital', 'district')
  @ApiOperation({ summary: 'Referrals in your scope, most urgent first (hospital staff: those sent to your facility)' })
  list(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<ReferralListItem[]> {
    return this.referrals.list(actor, query);
  }

  @Get(':id')
  @Roles('midwife', 'doctor', 'hospital', 'district')
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ReferralView> {
    return this.referrals.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('hospital')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', routeParam('id'))
  @ApiOperation({ summary: 'The hospital the referral waits for accepts her; an escort is dispatched if she needs transport' })
  accept(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<ReferralView> {
    return this.referrals.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('hospital')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', routeParam('id'))
  @ApiOperation({ summary: 'The hospital declines with a reason; the referral moves on to the next hospital' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: DeclineReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.decline(actor, id, dto);
  }

  @Post(':id/arrival')
  @HttpCode(200)
  @Roles('hospital')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', routeParam('id'))
  @ApiOperation({ summary: 'She arrived (without an escort report): completes the referral' })
  arrival(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: ArrivalDto): Promise<ReferralView> {
    return this.referrals.arrival(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('midwife', 'doctor', 'district')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', routeParam('id'))
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CancelReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.cancel(actor, id, dto);
  }

  @Post(':id/redirect')
  @HttpCode(200)
  @Roles('district')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('referral', 'referral.read', routeParam('id'))
  @ApiOperation({ summary: 'The district offers an escalated referral to a hospital of its choice' })
  redirect(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: RedirectReferralDto,
  ): Promise<ReferralView> {
    return this.referrals.redirect(actor, id, dto);
  }
}
