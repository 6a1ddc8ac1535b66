import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type MessageEvent } from '@nestjs/common';
import { AccessAudit, type Actor } from '@siaga/auth';
import type { EscortCancelReason, EscortCancelledBy, EscortWave } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { TransactionContext } from '@siaga/persistence';
import { ReferralAccess } from '@referral/access/referral-access';
import { REFERRAL_CONFIG, type ReferralConfig } from '@referral/config/referral-config';
import { boxAround, pointOf, type LatLng } from '@referral/geo/haversine';
import { districtCodeOf } from '@referral/geo/wilayah';
import { DISTRICT_ON_CALL, ReferralNotifier } from '@referral/notification/referral-notifier';
import { ReferralCompletion } from '@referral/referral/referral-completion';
import { ReferralRepository } from '@referral/referral/referral.repository';
import type { PickupPlace, Referral } from '@referral/referral/referral.types';
import { RegistryRepository } from '@referral/registry/registry.repository';
import type { Facility } from '@referral/registry/registry.types';
import { EscortFeed, type FeedEvent } from './escort-feed';
import { canAccept, canCancel, canReport } from './escort-state';
import type { CancelEscortDto, EscortStatusDto } from './escort.dto';
import { EscortErrorCode, EscortException } from './escort.exception';
import { EscortRepository } from './escort.repository';
import type { Escort } from './escort.types';
import {
  escortRequestedData,
  toClinicianEscortView,
  toEscortView,
  withdrawnNotice,
  type ClinicianEscortView,
  type EscortView,
} from './escort.view';
import { nextWave, responderWave } from './responder-selection';

const CLOCK_SKEW_MS = 60_000;

/**
 * Escort dispatch (issue 5): a referral needing transport opens a request offered at once to every
 * on-duty responder of her village; the first to accept holds it and the other offers are withdrawn;
 * unanswered, it widens to the district, then escalates. Everything a responder sees is the minimised
 * EscortView. Lock order, everywhere: the referral row, then the escort row.
 */
@Injectable()
export class EscortService {
  private readonly logger: Logger;

  constructor(
    private readonly escorts: EscortRepository,
    private readonly referrals: ReferralRepository,
    private readonly registry: RegistryRepository,
    private readonly completion: ReferralCompletion,
    private readonly access: ReferralAccess,
    private readonly audit: AccessAudit,
    private readonly feed: EscortFeed,
    private readonly notifier: ReferralNotifier,
    private readonly outbox: OutboxWriter,
    private readonly tx: TransactionContext,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'escort' });
  }

  // ---- opened and closed by the referral side (the caller holds the referral's row lock) ----

  /** A referral needing transport was accepted: open an escort request to its hospital and offer it at once. */
  async open(referral: Referral, hospital: Facility, actor: string, exclude: ReadonlySet<string> = new Set()): Promise<Escort> {
    const now = new Date();
    let wave: EscortWave = 'village';
    let responderIds = await this.waveOf(referral.pickup, wave, exclude);
    if (responderIds.length === 0) {
      wave = 'district';
      responderIds = await this.waveOf(referral.pickup, wave, exclude);
    }
    const escalated = responderIds.length === 0;
    const escort: Escort = {
      id: randomUUID(),
      referralId: referral.id,
      status: escalated ? 'escalated' : 'offered',
      urgency: referral.urgency,
      pickup: referral.pickup,
      contactPhone: referral.contactPhone,
      destination: { facilityName: hospital.name, address: hospital.address, latitude: hospital.latitude, longitude: hospital.longitude },
      destinationFacilityId: hospital.id,
      pickupAt: referral.pickupAt,
      wave,
      respondBy: new Date(now.getTime() + this.answerMs(referral)),
      responderId: null,
      requestedAt: now,
      acceptedAt: null,
      enRouteAt: null,
      pickedUpAt: null,
      arrivedAt: null,
      escalatedAt: escalated ? now : null,
      cancelledAt: null,
      cancelledBy: null,
      cancelReason: null,
      cancelNote: null,
      lastLatitude: null,
      lastLongitude: null,
    };
    await this.escorts.insert(escort);
    await this.outbox.append(this.tx.manager, [
      {
        name: 'escortRequested',
        subject: escort.id,
        data: escortRequestedData(this.view(escort)),
      },
    ]);
    await this.referrals.appendSteps([
      {
        referralId: referral.id,
        at: now,
        kind: 'escort-requested',
        attempt: null,
        hospitalId: hospital.id,
        escortId: escort.id,
        actor,
        detail: {},
      },
    ]);
    if (escalated) await this.escalate(escort, now, 'no on-duty responder in the village or district');
    else await this.offer(escort, responderIds, now);
    return escort;
  }

  /** The referral was cancelled: so is its escort, whatever its state. */
  async cancelForReferral(referral: Referral, by: EscortCancelledBy, actor: string): Promise<void> {
    const escort = await this.escorts.lockActiveByReferral(referral.id);
    if (escort) await this.cancelLocked(escort, by, 'referral-cancelled', null, actor);
  }

  /** The hospital recorded her arrival: an escort underway arrived with her; one still looking is not needed. */
  async closeForArrival(referral: Referral, at: Date, actor: string): Promise<void> {
    const escort = await this.escorts.lockActiveByReferral(referral.id);
    if (!escort) return;
    if (escort.responderId === null || !canReport(escort.status, 'arrived')) {
      await this.cancelLocked(escort, 'system', 'no-longer-needed', null, actor);
      return;
    }
    await this.recordProgress(escort, { status: 'arrived' }, at, actor);
  }

  // ---- the escort's API ----

  async openOffers(actor: Actor): Promise<EscortView[]> {
    const responderId = this.responderIdOf(actor);
    const offers = await this.escorts.openOffersFor(responderId);
    await this.auditEscorts(actor, 'escort.offers.read', offers);
    return offers.map((e) => this.view(e));
  }

  async held(actor: Actor, limit = 50): Promise<EscortView[]> {
    const responderId = this.responderIdOf(actor);
    const held = await this.escorts.heldBy(responderId, limit);
    await this.auditEscorts(actor, 'escort.read', held);
    return held.map((e) => this.view(e));
  }

  async get(actor: Actor, id: string): Promise<EscortView> {
    const escort = await this.visibleTo(actor, id, 'escort.read');
    return this.view(escort);
  }

  /** First accept wins: the escort row lock queues concurrent accepts; later ones find it taken (409). */
  async accept(actor: Actor, id: string): Promise<EscortView> {
    const responderId = this.responderIdOf(actor);
    await this.visibleTo(actor, id, 'escort.accept');
    return this.tx.run(async () => {
      const escort = await this.escorts.lock(id);
      const offer = await this.escorts.offerTo(id, responderId);
      if (!escort || !offer) throw this.notFound(id);
      if (escort.responderId === responderId && escort.status !== 'cancelled') return this.view(escort); // a retried accept
      if (!canAccept(escort.status)) {
        throw escort.responderId
          ? new EscortException(EscortErrorCode.AlreadyTaken, 'Another responder has already accepted this escort')
          : new EscortException(EscortErrorCode.WrongState, `This escort is ${escort.status}`);
      }
      if (offer.status !== 'open') throw new EscortException(EscortErrorCode.WrongState, `Your offer is ${offer.status}`);
      const now = new Date();
      Object.assign(escort, { status: 'accepted', responderId, acceptedAt: now });
      await this.escorts.update(escort);
      await this.escorts.answerOffer(id, responderId, 'accepted', now);
      const withdrawn = await this.escorts.withdrawOpenOffers(id, now, responderId);
      await this.outbox.append(this.tx.manager, [
        {
          name: 'escortAccepted',
          subject: id,
          data: { escortId: id, responderId, urgency: escort.urgency, acceptedAt: now.toISOString() },
        },
      ]);
      await this.step(escort, now, 'escort-accepted', `responder:${responderId}`, { responderId });
      await this.notifier.notify(
        withdrawn.map((r) => ({ kind: 'responder' as const, id: r })),
        'escort.withdrawn',
        withdrawnNotice(id, 'taken'),
        `escort-withdrawn:${id}`,
      );
      await this.feed.publish(this.tx.manager, { kind: 'withdrawn', escortId: id, responderIds: withdrawn, reason: 'taken' });
      await this.feed.publish(this.tx.manager, { kind: 'updated', escortId: id, responderIds: [responderId] });
      return this.view(escort);
    });
  }

  /** Not me: the offer is closed for this responder; when nobody is left to answer, the request widens at once. */
  async decline(actor: Actor, id: string): Promise<EscortView> {
    const responderId = this.responderIdOf(actor);
    await this.visibleTo(actor, id, 'escort.decline');
    return this.tx.run(async () => {
      const escort = await this.escorts.lock(id);
      const offer = await this.escorts.offerTo(id, responderId);
      if (!escort || !offer) throw this.notFound(id);
      if (offer.status !== 'open') throw new EscortException(EscortErrorCode.WrongState, `Your offer is ${offer.status}`);
      const now = new Date();
      await this.escorts.answerOffer(id, responderId, 'declined', now);
      await this.step(escort, now, 'escort-declined', `responder:${responderId}`, { responderId });
      if (escort.status === 'offered' && !(await this.escorts.hasOpenOffers(id))) await this.widen(escort, now);
      return this.view(escort);
    });
  }

  /** en-route, picked-up, arrived: forward only; "arrived" completes the referral. */
  async report(actor: Actor, id: string, dto: EscortStatusDto): Promise<EscortView> {
    const responderId = this.responderIdOf(actor);
    const found = await this.visibleTo(actor, id, `escort.${dto.status}`);
    if (found.responderId !== responderId) throw new EscortException(EscortErrorCode.NotYours, 'You do not hold this escort');
    if ((dto.latitude === undefined) !== (dto.longitude === undefined)) {
      throw EscortException.implausible('latitude', 'give both latitude and longitude, or neither');
    }
    return this.tx.run(async () => {
      const referral = dto.status === 'arrived' ? await this.referrals.lock(found.referralId) : null;
      const escort = await this.escorts.lock(id);
      if (!escort || escort.responderId !== responderId) throw new EscortException(EscortErrorCode.NotYours, 'You do not hold this escort');
      if (!canReport(escort.status, dto.status)) {
        throw new EscortException(EscortErrorCode.WrongState, `This escort is ${escort.status}: it cannot become ${dto.status}`);
      }
      const now = new Date();
      const at = dto.at ? new Date(dto.at) : now;
      if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) throw EscortException.implausible('at', 'is in the future');
      if (escort.acceptedAt && at.getTime() < escort.acceptedAt.getTime() - CLOCK_SKEW_MS) {
        throw EscortException.implausible('at', 'is before the escort was accepted');
      }
      await this.recordProgress(escort, dto, at, `responder:${responderId}`);
      if (referral) await this.completion.complete(referral, at, 'escort', `responder:${responderId}`);
      return this.view(escort);
    });
  }

  /**
   * Either side cancels with a reason. A responder giving up an escort she held re-opens the request to
   * everyone else at once (the woman still needs the ride); the referring side's cancel is final.
   */
  async cancel(actor: Actor, id: string, dto: CancelEscortDto): Promise<EscortView | ClinicianEscortView> {
    const found = await this.escorts.find(id);
    if (!found) throw this.notFound(id);
    let by: EscortCancelledBy;
    let actorLabel: string;
    if (actor.role === 'escort') {
      const responderId = this.responderIdOf(actor);
      await this.visibleTo(actor, id, 'escort.cancel');
      if (found.responderId !== responderId) {
        throw new EscortException(EscortErrorCode.WrongState, 'You do not hold this escort: decline the offer instead');
      }
      by = 'responder';
      actorLabel = `responder:${responderId}`;
    } else {
      const referral = await this.referrals.find(found.referralId);
      if (!referral) throw this.notFound(id);
      const offers = await this.referrals.offers(referral.id);
      await this.access.authorize(actor, 'escort.cancel', { ...referral, offeredTo: offers.map((o) => o.hospitalId) });
      by = actor.role === 'district' ? 'district' : 'clinician';
      actorLabel = actor.userId;
    }
    return this.tx.run(async () => {
      const referral = await this.referrals.lock(found.referralId);
      const escort = await this.escorts.lock(id);
      if (!referral || !escort) throw this.notFound(id);
      if (by === 'responder' && escort.responderId !== found.responderId) {
        throw new EscortException(EscortErrorCode.WrongState, 'You no longer hold this escort');
      }
      if (!canCancel(escort.status)) throw new EscortException(EscortErrorCode.WrongState, `This escort is ${escort.status}`);
      await this.cancelLocked(escort, by, dto.reason, dto.note ?? null, actorLabel);
      if (by === 'responder' && referral.status === 'accepted') {
        const hospital = await this.registry.findFacility(escort.destinationFacilityId);
        if (hospital) await this.open(referral, hospital, actorLabel, new Set([escort.responderId ?? '']));
      }
      if (actor.role === 'escort') return this.view(escort);
      const responder = escort.responderId ? await this.registry.findResponder(escort.responderId) : null;
      return toClinicianEscortView(escort, responder, await this.escorts.reports(id));
    });
  }

  // ---- Idempotency-Key replays ----

  /**
   * A replay of an answer about this escort: a responder may see it while it is, or was, offered to her or she holds
   * it (the rule of her own answers); the referring side and the district as they may read its referral. Audited.
   */
  async authorizeReplay(actor: Actor, id: string): Promise<void> {
    if (actor.role === 'escort') {
      await this.visibleTo(actor, id, 'escort.replay');
      return;
    }
    const escort = await this.escorts.find(id);
    const referral = escort && (await this.referrals.find(escort.referralId));
    if (!referral) throw this.notFound(id);
    const offers = await this.referrals.offers(referral.id);
    await this.access.authorize(actor, 'escort.read', { ...referral, offeredTo: offers.map((o) => o.hospitalId) });
  }

  // ---- timer ----

  /** Escorts whose wave went unanswered: widened to the district, or escalated. Safe with several instances. */
  widenUnanswered(limit = 10): Promise<number> {
    return this.tx.run(async () => {
      const now = new Date();
      const due = await this.escorts.lockUnanswered(now, limit);
      for (const escort of due) await this.widen(escort, now);
      return due.length;
    });
  }

  // ---- live feed ----

  /** The SSE message a feed event becomes for one responder, or null when there is nothing for her to see. */
  async feedMessage(actor: Actor, event: FeedEvent): Promise<MessageEvent | null> {
    const responderId = this.responderIdOf(actor);
    if (event.kind === 'withdrawn') {
      return { type: 'offer-withdrawn', id: event.escortId, data: withdrawnNotice(event.escortId, event.reason ?? 'taken') };
    }
    const escort = await this.escorts.find(event.escortId);
    if (!escort) return null;
    if (event.kind === 'offered') {
      const offer = await this.escorts.offerTo(escort.id, responderId);
      if (offer?.status !== 'open' || !canAccept(escort.status)) return null;
      await this.auditEscorts(actor, 'escort.offers.stream', [escort]);
      return { type: 'offer', id: escort.id, data: this.view(escort) };
    }
    if (escort.responderId !== responderId) return null;
    await this.auditEscorts(actor, 'escort.stream', [escort]);
    return { type: 'escort', id: escort.id, data: this.view(escort) };
  }

  // ---- the referring side's view ----

  async clinicianViews(referralId: string): Promise<ClinicianEscortView[]> {
    const escorts = await this.escorts.byReferral(referralId);
    const responders = await this.registry.findResponders(escorts.flatMap((e) => (e.responderId ? [e.responderId] : [])));
    return Promise.all(
      escorts.map(async (e) =>
        toClinicianEscortView(e, responders.find((r) => r.id === e.responderId) ?? null, await this.escorts.reports(e.id)),
      ),
    );
  }

  // ---- internals ----

  private answerMs(e: Pick<Escort, 'urgency'>): number {
    return 1000 * (e.urgency === 'emergency' ? this.config.escortEmergencyAnswerSeconds : this.config.escortPlannedAnswerSeconds);
  }

  /** Where she is for "nearby": the pickup GPS, else her village's centre from the registry. */
  private async pickupPoint(pickup: PickupPlace): Promise<LatLng | null> {
    const exact = pointOf(pickup.latitude, pickup.longitude);
    if (exact) return exact;
    const village = await this.registry.findVillage(pickup.villageCode);
    return village ? pointOf(village.latitude, village.longitude) : null;
  }

  private async waveOf(pickup: PickupPlace, wave: EscortWave, exclude: ReadonlySet<string>): Promise<string[]> {
    const point = await this.pickupPoint(pickup);
    const candidates = await this.registry.onDutyCandidates(
      districtCodeOf(pickup.villageCode),
      point ? boxAround(point, this.config.escortNearbyKm) : null,
    );
    return responderWave(
      candidates.map((r) => ({ id: r.id, villageCodes: r.villageCodes, location: pointOf(r.latitude, r.longitude) })),
      { villageCode: pickup.villageCode, location: point },
      wave,
      exclude,
      this.config.escortNearbyKm,
    ).map((r) => r.id);
  }

  private async offer(escort: Escort, responderIds: string[], now: Date): Promise<void> {
    const fresh = await this.escorts.insertOffers(escort.id, responderIds, escort.wave, now);
    await this.outbox.append(this.tx.manager, [
      {
        name: 'escortOffered',
        subject: escort.id,
        data: {
          escortId: escort.id,
          wave: escort.wave,
          responderIds: fresh,
          urgency: escort.urgency,
          offeredAt: now.toISOString(),
          respondBy: escort.respondBy.toISOString(),
        },
      },
    ]);
    await this.step(escort, now, 'escort-offered', 'system:escort-dispatch', { wave: escort.wave, responders: fresh.length });
    await this.notifier.notify(
      fresh.map((id) => ({ kind: 'responder' as const, id })),
      'escort.offered',
      this.view(escort),
      `escort-offered:${escort.id}:${escort.wave}`,
    );
    await this.feed.publish(this.tx.manager, { kind: 'offered', escortId: escort.id, responderIds: fresh });
  }

  private async widen(escort: Escort, now: Date): Promise<void> {
    const next = nextWave(escort.wave);
    const offered = new Set((await this.escorts.offers(escort.id)).map((o) => o.responderId));
    const responderIds = next ? await this.waveOf(escort.pickup, next, offered) : [];
    if (next && responderIds.length > 0) {
      escort.wave = next;
      escort.respondBy = new Date(now.getTime() + this.answerMs(escort));
      await this.escorts.update(escort);
      await this.offer(escort, responderIds, now);
      return;
    }
    await this.escalate(escort, now, next ? 'no further on-duty responder nearby' : 'no answer in the village nor the district');
  }

  /** Nobody (left) to ask: the district has to find transport. Open offers stay open: a late yes still counts. */
  private async escalate(escort: Escort, now: Date, why: string): Promise<void> {
    escort.status = 'escalated';
    escort.escalatedAt = now;
    await this.escorts.update(escort);
    await this.outbox.append(this.tx.manager, [
      {
        name: 'escortEscalated',
        subject: escort.id,
        data: { escortId: escort.id, urgency: escort.urgency, escalatedAt: now.toISOString() },
      },
    ]);
    await this.step(escort, now, 'escort-escalated', 'system:escort-dispatch', { why });
    await this.notifier.notify(
      [DISTRICT_ON_CALL],
      'escort.escalated',
      { referralId: escort.referralId, escort: this.view(escort), why },
      `escort-escalated:${escort.id}`,
    );
    this.logger.warn({ escortId: escort.id, referralId: escort.referralId, why }, 'escort escalated to the district');
  }

  private async cancelLocked(
    escort: Escort,
    by: EscortCancelledBy,
    reason: EscortCancelReason,
    note: string | null,
    actor: string,
  ): Promise<void> {
    const now = new Date();
    Object.assign(escort, { status: 'cancelled', cancelledAt: now, cancelledBy: by, cancelReason: reason, cancelNote: note });
    await this.escorts.update(escort);
    const withdrawn = await this.escorts.withdrawOpenOffers(escort.id, now);
    await this.outbox.append(this.tx.manager, [
      {
        name: 'escortCancelled',
        subject: escort.id,
        data: { escortId: escort.id, cancelledBy: by, reason, cancelledAt: now.toISOString() },
      },
    ]);
    await this.step(escort, now, 'escort-cancelled', actor, { cancelledBy: by, reason, note });
    await this.notifier.notify(
      withdrawn.map((r) => ({ kind: 'responder' as const, id: r })),
      'escort.withdrawn',
      withdrawnNotice(escort.id, 'cancelled'),
      `escort-withdrawn:${escort.id}`,
    );
    if (escort.responderId && by !== 'responder') {
      await this.notifier.notify(
        [{ kind: 'responder', id: escort.responderId }],
        'escort.cancelled',
        this.view(escort),
        `escort-cancelled:${escort.id}`,
      );
    }
    await this.feed.publish(this.tx.manager, { kind: 'withdrawn', escortId: escort.id, responderIds: withdrawn, reason: 'cancelled' });
    if (escort.responderId)
      await this.feed.publish(this.tx.manager, { kind: 'updated', escortId: escort.id, responderIds: [escort.responderId] });
  }

  private async recordProgress(
    escort: Escort,
    dto: Pick<EscortStatusDto, 'status' | 'latitude' | 'longitude'>,
    at: Date,
    actor: string,
  ): Promise<void> {
    const field = ({ 'en-route': 'enRouteAt', 'picked-up': 'pickedUpAt', arrived: 'arrivedAt' } as const)[dto.status];
    escort.status = dto.status;
    escort[field] = at;
    if (dto.latitude !== undefined && dto.longitude !== undefined) {
      escort.lastLatitude = dto.latitude;
      escort.lastLongitude = dto.longitude;
    }
    await this.escorts.update(escort);
    await this.escorts.insertReport(escort.id, {
      status: dto.status,
      at,
      latitude: dto.latitude ?? null,
      longitude: dto.longitude ?? null,
      reportedBy: actor,
    });
    await this.outbox.append(this.tx.manager, [
      {
        name: 'escortStatusChanged',
        subject: escort.id,
        data: {
          escortId: escort.id,
          responderId: escort.responderId ?? '',
          status: dto.status,
          at: at.toISOString(),
          latitude: dto.latitude ?? null,
          longitude: dto.longitude ?? null,
        },
      },
    ]);
    await this.step(escort, new Date(), `escort-${dto.status}`, actor, { at: at.toISOString() });
    if (escort.responderId)
      await this.feed.publish(this.tx.manager, { kind: 'updated', escortId: escort.id, responderIds: [escort.responderId] });
  }

  private step(escort: Escort, at: Date, kind: string, actor: string, detail: Record<string, unknown>): Promise<void> {
    return this.referrals.appendSteps([
      { referralId: escort.referralId, at, kind, attempt: null, hospitalId: null, escortId: escort.id, actor, detail },
    ]);
  }

  /**
   * An escort sees a request only while it is offered to her or while she holds it: anything else is a 404
   * (she must not learn that it exists). Audited either way, with the pregnancy the request is about.
   */
  private async visibleTo(actor: Actor, id: string, action: string): Promise<Escort> {
    const responderId = this.responderIdOf(actor);
    const escort = await this.escorts.find(id);
    const offer = escort ? await this.escorts.offerTo(id, responderId) : null;
    const visible =
      escort !== null && (escort.responderId === responderId || offer?.status === 'open' || (offer !== null && action !== 'escort.read'));
    const pregnancyId = escort ? (await this.referrals.find(escort.referralId))?.pregnancyId : null;
    await this.audit.record({
      actor,
      action,
      pregnancyId: pregnancyId ?? null,
      outcome: visible ? 'allowed' : 'denied',
      reason: visible ? undefined : 'not offered to this responder',
    });
    if (!visible || !escort) throw this.notFound(id);
    return escort;
  }

  private async auditEscorts(actor: Actor, action: string, escorts: readonly Escort[]): Promise<void> {
    if (escorts.length === 0) return;
    const referrals = await Promise.all([...new Set(escorts.map((e) => e.referralId))].map((id) => this.referrals.find(id)));
    await this.audit.record(
      ...referrals.flatMap((r) => (r ? [{ actor, action, pregnancyId: r.pregnancyId, outcome: 'allowed' as const }] : [])),
    );
  }

  /** Every escort-facing payload is built here; a field that looked like a NIK is withheld, and said so loudly. */
  private view(escort: Escort): EscortView {
    return toEscortView(escort, (field) =>
      this.logger.error({ escortId: escort.id, field }, 'escort-facing field withheld: it looks like a NIK'),
    );
  }

  private responderIdOf(actor: Actor): string {
    if (!actor.responderId) throw new EscortException(EscortErrorCode.NoResponder, 'Your token names no responder');
    return actor.responderId;
  }

  private notFound(id: string): EscortException {
    return new EscortException(EscortErrorCode.NotFound, `No escort request ${id} for you`);
  }
}
