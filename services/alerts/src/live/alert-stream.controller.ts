import { Controller, type MessageEvent, Req, Sse, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessAudit, CurrentActor, Roles, type Actor } from '@siaga/auth';
import { Observable, concatMap, filter, interval, map, merge, of, takeUntil } from 'rxjs';
import { inListScope } from '@alerts/access/alert-access';
import { readsWithoutName, toAlertView } from '@alerts/triage/alert.view';
import { AlertFeed } from './alert-feed';
import { AlertStreamGuard, type StreamRequest } from './alert-stream.guard';

const KEEP_ALIVE_MS = 20_000;

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertStreamController {
  constructor(
    private readonly feed: AlertFeed,
    private readonly audit: AccessAudit,
  ) {}

  /**
   * Server-Sent Events: `ready` once the stream is live, then an `alert` event (the same view as the list, id
   * `<alert id>:<version>`) for every new or changed alert in the caller's scope, from any instance; a comment every
   * 20 s keeps proxies from closing it. Authorised like the list (AlertStreamGuard): a doctor's health center, a
   * midwife's own pregnancies, the district all; every alert streamed is audited.
   */
  @Sse('stream')
  @Roles('doctor', 'midwife', 'district')
  @UseGuards(AlertStreamGuard)
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live feed of new and changed alerts (Server-Sent Events), scoped like the list' })
  stream(@CurrentActor() actor: Actor, @Req() request: StreamRequest): Observable<MessageEvent> {
    const scope = request.alertScope;
    if (!scope) throw new Error('AlertStreamGuard did not run');
    const withoutName = readsWithoutName(actor.role);
    const changes = this.feed.stream().pipe(
      filter(({ alert }) => inListScope(scope, alert)),
      concatMap(async (item): Promise<MessageEvent> => {
        await this.audit.record({ actor, action: 'alert.stream', pregnancyId: item.alert.pregnancyId, outcome: 'allowed' });
        return { type: 'alert', id: `${item.alert.id}:${item.alert.version}`, data: toAlertView(item, { withoutName }) };
      }),
    );
    const ready = of<MessageEvent>({ type: 'ready', data: { at: new Date().toISOString(), listening: this.feed.listening } });
    const keepAlive = interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ comment: 'keep-alive' })));
    return merge(changes, ready, keepAlive).pipe(takeUntil(this.feed.closing));
  }
}
