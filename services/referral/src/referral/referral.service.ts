import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@siaga/auth';
import type { EventData, EventName, FacilityCapability } from '@siaga/contracts';
import { OutboxWriter } from '@siaga/messaging';
import { LOGGER, type Logger } from '@siaga/observability';
import { TransactionContext, isUniqueViolation } from '@siaga/persistence';
import { ReferralAccess, type ReferralAction, type ScopedReferral } from '@referral/access/referral-access';
import { REFERRAL_CONFIG, type ReferralConfig } from '@referral/config/referral-config';
import { EscortService } from '@referral/escort/escort.service';
import { pointOf, type LatLng } from '@referral/geo/haversine';
import { DISTRICT_ON_CALL, ReferralNotifier } from '@referral/notification/referral-notifier';
import { historySummary } from '@referral/pregnancy/history-summary';
import { PregnancyFactRepository, type PregnancyFact } from '@referral/pregnancy/pregnancy-fact.repository';
import { plannedPickupAt } from '@referral/pregnancy/planned-referral';
import { RegistryRepository } from '@referral/registry/registry.repository';
import type { Facility } from '@referral/registry/registry.types';
import { nextHospital, roundedKm, type RankedHospital } from './hospital-selection';
import { pickupAtRefusal } from './pickup-window';
import { ReferralCompletion } from './referral-completion';
import { canTransition } from './referral-state';
import type {
  ArrivalDto,
  CancelReferralDto,
  CreateReferralDto,
  DeclineReferralDto,
  RedirectReferralDto,
  ReferralQueryDto,
} from './referral.dto';
import { ReferralErrorCode, ReferralException } from './referral.exception';
import { ReferralRepository, type ReferralScope } from './referral.repository';
import type { PickupPlace, Referral } from './referral.types';
import { requiredCapabilities } from './required-capabilities';
import { toReferralListItem, toReferralView, type ReferralListItem, type ReferralView } from './referral.view';

/** The referral's own fields as a requester states them: stored as given, so typed by the referral itself. */
type StatedFields = 'pregnancyId' | 'healthCenterId' | 'villageCode' | 'urgency' | 'reason' | 'icd10' | 'treatmentGiven';

/** What any of the three ways in (clinician, alert, planned job) asks for. */
export interface ReferralRequest extends Pick<Referral, StatedFields | 'origin' | 'alertId' | 'transportNeeded'> {
  /** Null: summarised from what is known of her here (history, conditions, risk). */
  historySummary: string | null;
  requestedCapabilities: readonly FacilityCapability[];
  /** Rule ids the requester knows of (an alert's findings), on top of her latest assessment's. */
  ruleIds: readonly string[];
  pickup: { villageCode?: string; address?: string; latitude?: number; longitude?: number };
  /** Null: her health center's phone. */
  contactPhone: string | null;
  pickupAt: Date | null;
}

/** A resolved alert with decision `refer`, as the alerts consumer hands it over. */
export interface AlertReferral extends Pick<Referral, StatedFields> {
  alertId: string;
  /** The findings the doctor decided on (WHO-PE-SEVERE, ...): what the hospital must handle. */
  findingRuleIds: readonly string[];
  decidedBy: string;
}

export type OpenOutcome = { referral: Referral; created: true } | { referral: Referral; created: false };

/** The events of a referral's steps: each names the referral and her pregnancy. */
type StepEvent = Extract<EventName, `referral${string}`>;

const SYSTEM_PLANNED = 'system:planned-referral';
const SYSTEM_TIMER = 'system:referral-timer';

/**
 * The referral exchange (issue 5): a referral is offered to one hospital at a time, the best by rule
 * (capable, serving her area, nearest first); a decline or silence past the deadline moves it to the next;
 * none left escalates it to the district. Every step is stored (referral_step) and emitted (outbox).
 * Access decisions are audited before the transaction (the audit writes on its own connection).
 */
@Injectable()
export class ReferralService {
  private readonly logger: Logger;

  constructor(
    private readonly referrals: ReferralRepository,
    private readonly registry: RegistryRepository,
    private readonly facts: PregnancyFactRepository,
    private readonly access: ReferralAccess,
    private readonly escorts: EscortService,
    private readonly completion: ReferralCompletion,
    private readonly outbox: OutboxWriter,
    private readonly notifier: ReferralNotifier,
    private readonly tx: TransactionContext,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'referral' });
  }

  // ---- three ways in ----

  /** A doctor or midwife refers her (HTTP). */
  async create(actor: Actor, dto: CreateReferralDto): Promise<ReferralView> {
    const pickupAt = dto.pickupAt ? new Date(dto.pickupAt) : null;
    const pickupRefusal = pickupAt && pickupAtRefusal(pickupAt, new Date(), this.config.plannedPickupMaxDaysAhead);
    if (pickupRefusal) throw ReferralException.implausible('pickupAt', pickupRefusal);
    // Scope comes from her record only, never from the caller: a referral of an unknown woman could
    // otherwise be placed (and later read, with her name) in the caller's own health center.
    const fact = await this.facts.find(dto.pregnancyId);
    if (!fact?.villageCode || !fact.healthCenterId) {
      throw new ReferralException(
        ReferralErrorCode.PregnancyUnknown,
        `Pregnancy ${dto.pregnancyId} is not known here yet (registration's event has not arrived); try again in a moment`,
      );
    }
    const { villageCode, healthCenterId } = { villageCode: fact.villageCode, healthCenterId: fact.healthCenterId };
    await this.access.authorize(actor, 'referral.create', {
      id: null,
      pregnancyId: dto.pregnancyId,
      villageCode,
      healthCenterId,
      offeredTo: [],
    });
    if (fact.status === 'closed') throw new ReferralException(ReferralErrorCode.PregnancyClosed, 'This pregnancy is closed');
    const request: ReferralRequest = {
      pregnancyId: dto.pregnancyId,
      origin: 'clinician',
      alertId: null,
      healthCenterId,
      villageCode,
      urgency: dto.urgency,
      reason: dto.reason,
      icd10: dto.icd10?.toUpperCase() ?? null,
      treatmentGiven: dto.treatmentGiven ?? null,
      historySummary: dto.historySummary ?? null,
      requestedCapabilities: dto.requiredCapabilities ?? [],
      ruleIds: [],
      transportNeeded: dto.transportNeeded,
      pickup: dto.pickup ?? {},
      contactPhone: dto.pickup?.contactPhone ?? null,
      pickupAt,
    };
    try {
      const id = await this.tx.run(async () => {
        const outcome = await this.open(request, actor.userId);
        if (!outcome.created) throw this.alreadyOpen(outcome.referral);
        return outcome.referral.id;
      });
      return this.details(actor, id);
    } catch (error) {
      // Two referrals of one woman at the same moment: the partial unique index decides.
      if (isUniqueViolation(error)) {
        const open = await this.referrals.findOpenByPregnancy(dto.pregnancyId);
        if (open) throw this.alreadyOpen(open);
      }
      throw error;
    }
  }

  /** A doctor resolved an alert with `refer` (Kafka, inside the inbox transaction): at most one referral per alert. */
  async createFromAlert(alert: AlertReferral): Promise<OpenOutcome> {
    const existing = await this.referrals.findByAlert(alert.alertId);
    if (existing) return { referral: existing, created: false };
    return this.open(
      {
        pregnancyId: alert.pregnancyId,
        origin: 'alert',
        alertId: alert.alertId,
        healthCenterId: alert.healthCenterId,
        villageCode: alert.villageCode,
        urgency: alert.urgency,
        reason: alert.reason,
        icd10: alert.icd10?.toUpperCase() ?? null,
        treatmentGiven: alert.treatmentGiven,
        historySummary: null,
        requestedCapabilities: [],
        ruleIds: alert.findingRuleIds,
        // Banyuwangi practice: a referred woman is picked up, in an emergency at once.
        transportNeeded: true,
        pickup: {},
        contactPhone: null,
        pickupAt: null,
      },
      alert.decidedBy,
    );
  }

  /** KRST women whose planned-referral window has begun and who have no referral yet. Safe with several instances. */
  createDuePlanned(limit = 20): Promise<number> {
    return this.tx.run(async () => {
      const now = new Date();
      const due = await this.facts.lockDuePlanned(now.toISOString().slice(0, 10), this.config.plannedWindowDays, limit);
      for (const fact of due) {
        if (!fact.villageCode || !fact.healthCenterId || !fact.hpl) continue; // excluded by the query; narrows the types
        await this.open(
          {
            pregnancyId: fact.pregnancyId,
            origin: 'planned',
            alertId: null,
            healthCenterId: fact.healthCenterId,
            villageCode: fact.villageCode,
            urgency: 'planned',
            reason: `Planned referral before labour: KSPR ${fact.riskScore ?? '?'} (KRST), HPL ${fact.hpl}`,
            icd10: null,
            treatmentGiven: null,
            historySummary: null,
            requestedCapabilities: [],
            ruleIds: [],
            transportNeeded: true,
            pickup: {},
            contactPhone: null,
            pickupAt: plannedPickupAt(fact.hpl, now, this.config.plannedPickupDaysBeforeHpl),
          },
          SYSTEM_PLANNED,
        );
      }
      return due.length;
    });
  }

  // ---- the receiving hospital ----

  async accept(actor: Actor, id: string): Promise<ReferralView> {
    await this.authorized(actor, 'referral.answer', id);
    await this.tx.run(async () => {
      const referral = await this.lockOrThrow(id);
      const offer = await this.pendingOfferToCaller(actor, referral, 'accept');
      const now = new Date();
      await this.referrals.answerOffer(referral.id, referral.attempt, { outcome: 'accepted', at: now, by: actor.userId });
      Object.assign(referral, { status: 'accepted', respondBy: null, acceptedAt: now });
      await this.referrals.update(referral);
      await this.step(referral, now, 'accepted', actor.userId, { attempt: referral.attempt, hospitalId: offer.hospitalId });
      await this.emitStep(referral, 'referralAccepted', {
        hospitalId: offer.hospitalId,
        hospitalName: offer.hospitalName,
        attempt: referral.attempt,
        acceptedBy: actor.userId,
        acceptedAt: now.toISOString(),
      });
      await this.notifyMidwife(referral, 'referral.accepted', { hospitalName: offer.hospitalName });
      if (referral.transportNeeded) {
        const hospital = await this.registry.findFacility(offer.hospitalId);
        if (hospital) await this.escorts.open(referral, hospital, actor.userId);
      }
    });
    return this.details(actor, id);
  }

  async decline(actor: Actor, id: string, dto: DeclineReferralDto): Promise<ReferralView> {
    await this.authorized(actor, 'referral.answer', id);
    await this.tx.run(async () => {
      const referral = await this.lockOrThrow(id);
      const offer = await this.pendingOfferToCaller(actor, referral, 'decline');
      const now = new Date();
      await this.referrals.answerOffer(referral.id, referral.attempt, {
        outcome: 'declined',
        at: now,
        by: actor.userId,
        declineReason: dto.reason,
        declineNote: dto.note ?? null,
      });
      await this.step(referral, now, 'declined', actor.userId, {
        attempt: referral.attempt,
        hospitalId: offer.hospitalId,
        reason: dto.reason,
        note: dto.note ?? null,
      });
      await this.emitStep(referral, 'referralDeclined', {
        hospitalId: offer.hospitalId,
        hospitalName: offer.hospitalName,
        attempt: referral.attempt,
        reason: dto.reason,
        note: dto.note ?? null,
        declinedBy: actor.userId,
        declinedAt: now.toISOString(),
      });
      await this.offerNext(referral, now, actor.userId);
    });
    return this.details(actor, id);
  }

  /** She came without an escort, or the escort did not report: the hospital records her arrival. */
  async arrival(actor: Actor, id: string, dto: ArrivalDto): Promise<ReferralView> {
    await this.authorized(actor, 'referral.arrival', id);
    await this.tx.run(async () => {
      const referral = await this.lockOrThrow(id);
      if (referral.status !== 'accepted' || referral.currentHospitalId !== actor.facilityId) {
        throw new ReferralException(ReferralErrorCode.WrongState, `Referral ${id} is ${referral.status}, not accepted by your hospital`);
      }
      const now = new Date();
      const at = dto.arrivedAt ? new Date(dto.arrivedAt) : now;
      if (at.getTime() > now.getTime() + 60_000) throw ReferralException.implausible('arrivedAt', 'is in the future');
      if (at < referral.createdAt) throw ReferralException.implausible('arrivedAt', 'is before the referral');
      await this.escorts.closeForArrival(referral, at, actor.userId);
      await this.completion.complete(referral, at, 'hospital', actor.userId);
    });
    return this.details(actor, id);
  }

  // ---- the referring side and the district ----

  async cancel(actor: Actor, id: string, dto: CancelReferralDto): Promise<ReferralView> {
    await this.authorized(actor, 'referral.cancel', id);
    await this.tx.run(async () => {
      const referral = await this.lockOrThrow(id);
      await this.cancelLocked(referral, dto.reason, actor.userId, actor.role === 'district' ? 'district' : 'clinician');
    });
    return this.details(actor, id);
  }

  /** The district offers an escalated referral to a hospital of its choice, outside the automatic rule. */
  async redirect(actor: Actor, id: string, dto: RedirectReferralDto): Promise<ReferralView> {
    await this.authorized(actor, 'referral.redirect', id);
    await this.tx.run(async () => {
      const referral = await this.lockOrThrow(id);
      if (!canTransition(referral.status, 'redirect')) {
        throw new ReferralException(
          ReferralErrorCode.WrongState,
          `Referral ${id} is ${referral.status}; only an escalated referral is redirected`,
        );
      }
      const hospital = await this.registry.findFacility(dto.hospitalId);
      if (!hospital || hospital.kind !== 'hospital' || !hospital.active) {
        throw new ReferralException(ReferralErrorCode.HospitalUnknown, `No active hospital ${dto.hospitalId}`);
      }
      const from = await this.whereSheIs(referral);
      await this.offerTo(
        referral,
        { hospital: toCandidate(hospital), distanceKm: distance(from, hospital) },
        new Date(),
        actor.userId,
        true,
      );
    });
    return this.details(actor, id);
  }

  /** Registration closed the pregnancy (delivered, moved away, ...): an open referral has no purpose left. */
  async cancelForClosedPregnancy(pregnancyId: string, outcome: string): Promise<void> {
    const open = await this.referrals.findOpenByPregnancy(pregnancyId, true);
    if (open) await this.cancelLocked(open, `pregnancy closed (${outcome})`, 'system:registration', 'system');
  }

  // ---- timer ----

  /** Hospitals that did not answer in time: each such referral moves to the next hospital. Safe with several instances. */
  expireOverdue(limit = 20): Promise<number> {
    return this.tx.run(async () => {
      const now = new Date();
      const overdue = await this.referrals.lockOverdue(now, limit);
      for (const referral of overdue) {
        const offer = await this.referrals.currentOffer(referral);
        if (!offer || offer.outcome !== 'pending') continue;
        await this.referrals.answerOffer(referral.id, referral.attempt, { outcome: 'timed-out', at: now, by: null });
        await this.step(referral, now, 'timed-out', SYSTEM_TIMER, { attempt: referral.attempt, hospitalId: offer.hospitalId });
        await this.emitStep(referral, 'referralTimedOut', {
          hospitalId: offer.hospitalId,
          hospitalName: offer.hospitalName,
          attempt: referral.attempt,
          respondBy: offer.respondBy.toISOString(),
          timedOutAt: now.toISOString(),
        });
        await this.notifier.notify(
          [{ kind: 'hospital', id: offer.hospitalId }],
          'referral.withdrawn',
          { referralId: referral.id, attempt: referral.attempt, reason: 'no answer in time' },
          `referral-timed-out:${referral.id}:${referral.attempt}`,
        );
        await this.offerNext(referral, now, SYSTEM_TIMER);
      }
      return overdue.length;
    });
  }

  // ---- reads ----

  async list(actor: Actor, query: ReferralQueryDto): Promise<ReferralListItem[]> {
    const listed = await this.referrals.list({
      scope: this.scopeOf(actor),
      open: query.status === undefined ? undefined : query.status === 'open',
      urgency: query.urgency,
      limit: query.limit ?? 50,
    });
    await this.access.recordListed(
      actor,
      'referral.list',
      listed.map((l) => l.referral.pregnancyId),
    );
    return listed.map((l) => toReferralListItem(l, actor));
  }

  /** An Idempotency-Key replay of an answer about this referral is a read of it: allowed (and audited) as one. */
  async authorizeReplay(actor: Actor, id: string): Promise<void> {
    await this.authorized(actor, 'referral.read', id);
  }

  async get(actor: Actor, id: string): Promise<ReferralView> {
    await this.authorized(actor, 'referral.read', id);
    return this.details(actor, id);
  }

  // ---- internals ----

  /** Opens a referral (in the caller's transaction) unless one is open already; an emergency supersedes a planned one. */
  async open(request: ReferralRequest, actor: string): Promise<OpenOutcome> {
    const existing = await this.referrals.findOpenByPregnancy(request.pregnancyId, true);
    if (existing) {
      if (!(existing.urgency === 'planned' && request.urgency === 'emergency')) return { referral: existing, created: false };
      await this.cancelLocked(existing, 'superseded by an emergency referral', actor, 'system');
    }
    const fact = await this.facts.find(request.pregnancyId);
    const now = new Date();
    const referral: Referral = {
      id: randomUUID(),
      pregnancyId: request.pregnancyId,
      origin: request.origin,
      alertId: request.alertId,
      healthCenterId: request.healthCenterId,
      villageCode: request.villageCode,
      urgency: request.urgency,
      reason: request.reason,
      icd10: request.icd10,
      treatmentGiven: request.treatmentGiven,
      historySummary: request.historySummary ?? (fact ? historySummary(fact) : null),
      requiredCapabilities: requiredCapabilities({
        urgency: request.urgency,
        icd10: request.icd10,
        ruleIds: [...request.ruleIds, ...(fact ? [...fact.riskRuleIds, ...fact.emergencyRuleIds] : [])],
        requested: request.requestedCapabilities,
      }),
      transportNeeded: request.transportNeeded,
      pickup: await this.pickupPlace(request, fact),
      contactPhone: request.contactPhone ?? (await this.registry.findFacility(request.healthCenterId))?.phone ?? null,
      pickupAt: request.urgency === 'emergency' || request.pickupAt === null ? now : request.pickupAt,
      status: 'offered',
      attempt: 0,
      currentHospitalId: null,
      respondBy: null,
      acceptedAt: null,
      escalatedAt: null,
      arrivedAt: null,
      cancelledAt: null,
      cancelReason: null,
      createdBy: actor,
      createdAt: now,
      updatedAt: now,
    };
    const first = nextHospital(await this.hospitals(), { ...(await this.need(referral)), exclude: new Set() });
    // The row must not sit in 'offered' without a deadline (table constraint): insert it already routed.
    if (first) Object.assign(referral, { respondBy: new Date(now.getTime() + this.answerMs(referral)) });
    else Object.assign(referral, { status: 'escalated', escalatedAt: now });
    await this.referrals.insert(referral);
    Object.assign(referral, { status: 'offered', respondBy: null, escalatedAt: null });
    await this.step(referral, now, 'created', actor, { origin: referral.origin, requiredCapabilities: referral.requiredCapabilities });
    await this.emitStep(referral, 'referralCreated', {
      origin: referral.origin,
      alertId: referral.alertId,
      healthCenterId: referral.healthCenterId,
      villageCode: referral.villageCode,
      urgency: referral.urgency,
      reason: referral.reason,
      icd10: referral.icd10,
      treatmentGiven: referral.treatmentGiven,
      requiredCapabilities: referral.requiredCapabilities,
      transportNeeded: referral.transportNeeded,
      createdBy: actor,
      createdAt: now.toISOString(),
    });
    if (first) await this.offerTo(referral, first, now, actor, false);
    else await this.escalate(referral, now, actor);
    this.logger.info(
      { referralId: referral.id, origin: referral.origin, urgency: referral.urgency, hospital: first?.hospital.id },
      'referral opened',
    );
    return { referral, created: true };
  }

  /** After a decline or a timeout: the next suitable hospital, or the district. */
  private async offerNext(referral: Referral, now: Date, actor: string): Promise<void> {
    const tried = new Set((await this.referrals.offers(referral.id)).map((o) => o.hospitalId));
    const next = nextHospital(await this.hospitals(), { ...(await this.need(referral)), exclude: tried });
    if (next) await this.offerTo(referral, next, now, actor, false);
    else await this.escalate(referral, now, actor);
  }

  private async offerTo(referral: Referral, target: RankedHospital, now: Date, actor: string, chosenByDistrict: boolean): Promise<void> {
    const attempt = referral.attempt + 1;
    const respondBy = new Date(now.getTime() + this.answerMs(referral));
    await this.referrals.insertOffer({
      referralId: referral.id,
      attempt,
      hospitalId: target.hospital.id,
      hospitalName: target.hospital.name,
      distanceKm: target.distanceKm,
      chosenByDistrict,
      offeredAt: now,
      respondBy,
      outcome: 'pending',
      answeredAt: null,
      answeredBy: null,
      declineReason: null,
      declineNote: null,
    });
    Object.assign(referral, {
      status: 'offered',
      attempt,
      currentHospitalId: target.hospital.id,
      respondBy,
      escalatedAt: referral.escalatedAt,
    });
    await this.referrals.update(referral);
    await this.step(referral, now, 'offered', actor, {
      attempt,
      hospitalId: target.hospital.id,
      distanceKm: target.distanceKm,
      chosenByDistrict,
      respondBy: respondBy.toISOString(),
    });
    await this.emitStep(referral, 'referralOffered', {
      hospitalId: target.hospital.id,
      hospitalName: target.hospital.name,
      attempt,
      distanceKm: target.distanceKm,
      chosenByDistrict,
      offeredAt: now.toISOString(),
      respondBy: respondBy.toISOString(),
    });
    await this.notifier.notify(
      [{ kind: 'hospital', id: target.hospital.id }],
      'referral.offered',
      {
        referralId: referral.id,
        urgency: referral.urgency,
        attempt,
        reason: referral.reason,
        icd10: referral.icd10,
        requiredCapabilities: referral.requiredCapabilities,
        respondBy: respondBy.toISOString(),
      },
      `referral-offered:${referral.id}:${attempt}`,
    );
  }

  private async escalate(referral: Referral, now: Date, actor: string): Promise<void> {
    const tried = (await this.referrals.offers(referral.id)).map((o) => o.hospitalId);
    const reason = tried.length === 0 ? 'no-capable-hospital' : 'every-hospital-declined-or-silent';
    Object.assign(referral, { status: 'escalated', currentHospitalId: null, respondBy: null, escalatedAt: now });
    await this.referrals.update(referral);
    await this.step(referral, now, 'escalated', actor, { reason, hospitalsTried: tried });
    await this.emitStep(referral, 'referralEscalated', {
      reason,
      attempts: referral.attempt,
      hospitalsTried: [...new Set(tried)],
      escalatedAt: now.toISOString(),
    });
    const payload = {
      referralId: referral.id,
      pregnancyId: referral.pregnancyId,
      urgency: referral.urgency,
      reason,
      hospitalsTried: tried.length,
    };
    await this.notifier.notify([DISTRICT_ON_CALL], 'referral.escalated', payload, `referral-escalated:${referral.id}:${referral.attempt}`);
    await this.notifyMidwife(referral, 'referral.escalated', { reason });
    this.logger.warn({ referralId: referral.id, reason, attempts: referral.attempt }, 'referral escalated to the district');
  }

  private async cancelLocked(referral: Referral, reason: string, actor: string, by: 'clinician' | 'district' | 'system'): Promise<void> {
    if (!canTransition(referral.status, 'cancel')) {
      throw new ReferralException(ReferralErrorCode.WrongState, `Referral ${referral.id} is ${referral.status}`);
    }
    const now = new Date();
    const offer = referral.status === 'offered' ? await this.referrals.currentOffer(referral) : null;
    if (offer) await this.referrals.answerOffer(referral.id, referral.attempt, { outcome: 'withdrawn', at: now, by: actor });
    const hospitalToTell = referral.currentHospitalId;
    Object.assign(referral, { status: 'cancelled', respondBy: null, cancelledAt: now, cancelReason: reason });
    await this.referrals.update(referral);
    await this.step(referral, now, 'cancelled', actor, { reason });
    await this.emitStep(referral, 'referralCancelled', {
      alertId: referral.alertId,
      reason,
      cancelledBy: actor,
      cancelledAt: now.toISOString(),
    });
    if (hospitalToTell) {
      await this.notifier.notify(
        [{ kind: 'hospital', id: hospitalToTell }],
        'referral.cancelled',
        { referralId: referral.id, reason },
        `referral-cancelled:${referral.id}`,
      );
    }
    await this.escorts.cancelForReferral(referral, by, actor);
  }

  private async pendingOfferToCaller(actor: Actor, referral: Referral, what: 'accept' | 'decline') {
    if (!canTransition(referral.status, what)) {
      throw new ReferralException(ReferralErrorCode.WrongState, `Referral ${referral.id} is ${referral.status}: nothing to ${what}`);
    }
    const offer = await this.referrals.currentOffer(referral);
    if (!offer || offer.outcome !== 'pending' || offer.hospitalId !== actor.facilityId) {
      throw new ReferralException(ReferralErrorCode.NotYourOffer, `Referral ${referral.id} is waiting for another hospital's answer`);
    }
    return offer;
  }

  private async authorized(actor: Actor, action: ReferralAction, id: string): Promise<Referral> {
    const referral = await this.referrals.find(id);
    if (!referral) throw new ReferralException(ReferralErrorCode.NotFound, `No referral ${id}`);
    await this.access.authorize(actor, action, await this.scoped(referral));
    return referral;
  }

  private async scoped(referral: Referral): Promise<ScopedReferral> {
    const offers = await this.referrals.offers(referral.id);
    return {
      id: referral.id,
      pregnancyId: referral.pregnancyId,
      villageCode: referral.villageCode,
      healthCenterId: referral.healthCenterId,
      offeredTo: offers.map((o) => o.hospitalId),
    };
  }

  private async details(actor: Actor, id: string): Promise<ReferralView> {
    const referral = await this.referrals.find(id);
    if (!referral) throw new ReferralException(ReferralErrorCode.NotFound, `No referral ${id}`);
    const [offers, steps, escorts, fact] = await Promise.all([
      this.referrals.offers(id),
      this.referrals.steps(id),
      this.escorts.clinicianViews(id),
      this.facts.find(referral.pregnancyId),
    ]);
    return toReferralView({ referral, offers, steps, escorts, fact }, actor);
  }

  private async lockOrThrow(id: string): Promise<Referral> {
    const referral = await this.referrals.lock(id);
    if (!referral) throw new ReferralException(ReferralErrorCode.NotFound, `No referral ${id}`);
    return referral;
  }

  private scopeOf(actor: Actor): ReferralScope {
    switch (actor.role) {
      case 'midwife':
        return { kind: 'villages', villageCodes: actor.villageCodes };
      case 'doctor':
        if (!actor.healthCenterId) throw new ReferralException(ReferralErrorCode.OutOfScope, 'Your token names no health center');
        return { kind: 'health-center', healthCenterId: actor.healthCenterId };
      case 'hospital':
        if (!actor.facilityId) throw new ReferralException(ReferralErrorCode.OutOfScope, 'Your token names no facility');
        return { kind: 'hospital', facilityId: actor.facilityId };
      case 'district':
        return { kind: 'all' };
      case 'escort':
      case 'admin':
        throw new ReferralException(ReferralErrorCode.OutOfScope, 'Referrals are not visible to your role');
    }
  }

  private answerMs(referral: Pick<Referral, 'urgency'>): number {
    return 1000 * (referral.urgency === 'emergency' ? this.config.emergencyAnswerSeconds : this.config.plannedAnswerSeconds);
  }

  private async hospitals() {
    return (await this.registry.activeHospitals()).map(toCandidate);
  }

  private async need(referral: Referral) {
    return { villageCode: referral.villageCode, from: await this.whereSheIs(referral), required: referral.requiredCapabilities };
  }

  /** For "nearest": the pickup GPS, else her village's centre, else her health center's position. */
  private async whereSheIs(referral: Referral): Promise<LatLng | null> {
    const exact = pointOf(referral.pickup.latitude, referral.pickup.longitude);
    if (exact) return exact;
    const village = await this.registry.findVillage(referral.pickup.villageCode);
    const centre = village && pointOf(village.latitude, village.longitude);
    if (centre) return centre;
    const healthCenter = await this.registry.findFacility(referral.healthCenterId);
    return healthCenter && pointOf(healthCenter.latitude, healthCenter.longitude);
  }

  private async pickupPlace(request: ReferralRequest, fact: PregnancyFact | null): Promise<PickupPlace> {
    const villageCode = request.pickup.villageCode ?? request.villageCode;
    const village = await this.registry.findVillage(villageCode);
    const sameAsRegistered = fact?.villageCode === villageCode;
    return {
      villageCode,
      villageName: village?.name ?? (sameAsRegistered ? fact.villageName : null) ?? villageCode,
      districtName: village?.districtName ?? (sameAsRegistered ? fact.districtName : null) ?? null,
      address: request.pickup.address ?? null,
      latitude: request.pickup.latitude ?? null,
      longitude: request.pickup.longitude ?? null,
    };
  }

  private async notifyMidwife(referral: Referral, kind: string, extra: Record<string, unknown>): Promise<void> {
    const fact = await this.facts.find(referral.pregnancyId);
    if (!fact?.midwifeId) return;
    await this.notifier.notify(
      [{ kind: 'midwife', id: fact.midwifeId }],
      kind,
      { referralId: referral.id, pregnancyId: referral.pregnancyId, status: referral.status, ...extra },
      `${kind}:${referral.id}:${referral.attempt}`,
    );
  }

  private alreadyOpen(open: Referral): ReferralException {
    return new ReferralException(ReferralErrorCode.AlreadyOpen, `This woman already has an open referral (${open.id})`, {
      referralId: open.id,
    });
  }

  /** A step's event: on the referral topic, keyed by her pregnancy so that one woman's steps stay in order. */
  private async emitStep<N extends StepEvent>(
    referral: Referral,
    name: N,
    data: Omit<EventData<N>, 'referralId' | 'pregnancyId'>,
  ): Promise<void> {
    // The two keys put back make the data whole; TypeScript cannot follow Omit through a generic event name.
    const whole = { referralId: referral.id, pregnancyId: referral.pregnancyId, ...data } as EventData<N>;
    await this.outbox.append(this.tx.manager, [{ name, subject: referral.pregnancyId, data: whole }]);
  }

  private async step(referral: Referral, at: Date, kind: string, actor: string, detail: Record<string, unknown>): Promise<void> {
    const attempt = typeof detail.attempt === 'number' ? detail.attempt : null;
    const hospitalId = typeof detail.hospitalId === 'string' ? detail.hospitalId : null;
    await this.referrals.appendSteps([{ referralId: referral.id, at, kind, attempt, hospitalId, escortId: null, actor, detail }]);
  }
}

const toCandidate = (f: Facility) => ({
  id: f.id,
  name: f.name,
  capabilities: f.capabilities,
  servedAreas: f.servedAreas,
  location: pointOf(f.latitude, f.longitude),
});

const distance = (from: LatLng | null, f: Facility): number | null => {
  const to = pointOf(f.latitude, f.longitude);
  return from && to ? roundedKm(from, to) : null;
};
