import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ReplayAs, routeParam } from '@siaga/http';
import { AccessAudit, CurrentActor, Roles, type Actor } from '@siaga/auth';
import { concatMap, defer, filter, from, interval, map, merge, type Observable } from 'rxjs';
import { EscortFeed } from './escort-feed';
import { CancelEscortDto, EscortStatusDto } from './escort.dto';
import { EscortErrorCode, EscortException } from './escort.exception';
import { EscortService } from './escort.service';
import type { ClinicianEscortView, EscortView } from './escort.view';

/** Keeps proxies and phones from closing a quiet stream. */
const HEARTBEAT_MS = 25_000;

@ApiTags('escorts')
@ApiBearerAuth()
@Controller('escorts')
export class EscortController {
  constructor(
    private readonly escorts: EscortService,
    private readonly feed: EscortFeed,
    private readonly audit: AccessAudit,
  ) {}

  @Get('offers')
  @Roles('escort')
  @ApiOperation({ summary: 'Escort requests offered to you that you can still accept' })
  offers(@CurrentActor() actor: Actor): Promise<EscortView[]> {
    return this.escorts.openOffers(actor);
  }

  /**
   * Live feed of your own offers (Server-Sent Events): first the open offers, then `offer`,
   * `offer-withdrawn` and `escort` (progress of one you hold) as they happen on any instance.
   */
  @Sse('offers/stream')
  @Roles('escort')
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Server-Sent Events: your escort offers, live' })
  async stream(@CurrentActor() actor: Actor): Promise<Observable<MessageEvent>> {
    if (!actor.responderId) throw new EscortException(EscortErrorCode.NoResponder, 'Your token names no responder');
    await this.audit.record({ actor, action: 'escort.offers.stream.open', outcome: 'allowed' });
    // Live first, then the snapshot: nothing committed between the two is missed (a duplicate is harmless).
    const live = this.feed.forResponder(actor.responderId).pipe(
      concatMap((event) => from(this.escorts.feedMessage(actor, event).catch(() => null))),
      filter((message): message is MessageEvent => message !== null),
    );
    const snapshot = defer(() => from(this.escorts.openOffers(actor))).pipe(
      concatMap((views) => from(views.map((view): MessageEvent => ({ type: 'offer', id: view.escortId, data: view })))),
    );
    const heartbeat = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'ping', data: { at: new Date().toISOString() } })));
    return merge(live, snapshot, heartbeat);
  }

  @Get()
  @Roles('escort')
  @ApiOperation({ summary: 'Escorts you hold or held, the ones underway first' })
  held(@CurrentActor() actor: Actor): Promise<EscortView[]> {
    return this.escorts.held(actor);
  }

  @Get(':id')
  @Roles('escort')
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<EscortView> {
    return this.escorts.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('escort')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('escort', 'escort.replay', routeParam('id'))
  @ApiOperation({ summary: 'Take the escort: the first to accept gets it (409 for everyone after)' })
  accept(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<EscortView> {
    return this.escorts.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('escort')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('escort', 'escort.replay', routeParam('id'))
  decline(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<EscortView> {
    return this.escorts.decline(actor, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @Roles('escort')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('escort', 'escort.replay', routeParam('id'))
  @ApiOperation({ summary: 'Report en-route, picked-up or arrived (with time and optional GPS); arrived completes the referral' })
  status(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EscortStatusDto): Promise<EscortView> {
    return this.escorts.report(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('escort', 'midwife', 'doctor', 'district')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ReplayAs('escort', 'escort.replay', routeParam('id'))
  @ApiOperation({ summary: 'Either side cancels with a reason; an escort giving one up re-opens it to the others' })
  cancel(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CancelEscortDto,
  ): Promise<EscortView | ClinicianEscortView> {
    return this.escorts.cancel(actor, id, dto);
  }
}
