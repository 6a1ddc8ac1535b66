import { Injectable } from '@nestjs/common';
import type { EscortCancelReason, EscortCancelledBy, EscortWave, ReferralUrgencyLevel } from '@siaga/contracts';
import { TransactionContext, queryRows } from '@siaga/persistence';
import type { PickupPlace } from '@referral/referral/referral.types';
import type { EscortStatus } from './escort-state';
import type { Destination, Escort, EscortOffer, EscortOfferStatus, EscortReport } from './escort.types';

interface EscortRow {
  id: string;
  referral_id: string;
  status: EscortStatus;
  urgency: ReferralUrgencyLevel;
  pickup: PickupPlace;
  contact_phone: string | null;
  destination: Destination;
  destination_facility_id: string;
  pickup_at: Date;
  wave: EscortWave;
  respond_by: Date;
  responder_id: string | null;
  requested_at: Date;
  accepted_at: Date | null;
  en_route_at: Date | null;
  picked_up_at: Date | null;
  arrived_at: Date | null;
  escalated_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: EscortCancelledBy | null;
  cancel_reason: EscortCancelReason | null;
  cancel_note: string | null;
  last_latitude: number | null;
  last_longitude: number | null;
}

interface OfferRow {
  escort_id: string;
  responder_id: string;
  wave: EscortWave;
  offered_at: Date;
  status: EscortOfferStatus;
  answered_at: Date | null;
}

const toEscort = (r: EscortRow): Escort => ({
  id: r.id,
  referralId: r.referral_id,
  status: r.status,
  urgency: r.urgency,
  pickup: r.pickup,
  contactPhone: r.contact_phone,
  destination: r.destination,
  destinationFacilityId: r.destination_facility_id,
  pickupAt: r.pickup_at,
  wave: r.wave,
  respondBy: r.respond_by,
  responderId: r.responder_id,
  requestedAt: r.requested_at,
  acceptedAt: r.accepted_at,
  enRouteAt: r.en_route_at,
  pickedUpAt: r.picked_up_at,
  arrivedAt: r.arrived_at,
  escalatedAt: r.escalated_at,
  cancelledAt: r.cancelled_at,
  cancelledBy: r.cancelled_by,
  cancelReason: r.cancel_reason,
  cancelNote: r.cancel_note,
  lastLatitude: r.last_latitude,
  lastLongitude: r.last_longitude,
});

const toOffer = (r: OfferRow): EscortOffer => ({
  escortId: r.escort_id,
  responderId: r.responder_id,
  wave: r.wave,
  offeredAt: r.offered_at,
  status: r.status,
  answeredAt: r.answered_at,
});

const ACTIVE = `('offered', 'escalated', 'accepted', 'en-route', 'picked-up')`;

/** The only door to escort requests, their offers and progress reports. */
@Injectable()
export class EscortRepository {
  constructor(private readonly tx: TransactionContext) {}

  async insert(e: Escort): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO escort (id, referral_id, status, urgency, pickup, contact_phone, destination, destination_facility_id, pickup_at, wave,
         respond_by, requested_at, escalated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        e.id,
        e.referralId,
        e.status,
        e.urgency,
        JSON.stringify(e.pickup),
        e.contactPhone,
        JSON.stringify(e.destination),
        e.destinationFacilityId,
        e.pickupAt,
        e.wave,
        e.respondBy,
        e.requestedAt,
        e.escalatedAt,
      ],
    );
  }

  async update(e: Escort): Promise<void> {
    await this.tx.manager.query(
      `UPDATE escort SET status = $2, wave = $3, respond_by = $4, responder_id = $5, accepted_at = $6, en_route_at = $7,
         picked_up_at = $8, arrived_at = $9, escalated_at = $10, cancelled_at = $11, cancelled_by = $12, cancel_reason = $13,
         cancel_note = $14, last_latitude = $15, last_longitude = $16
       WHERE id = $1`,
      [
        e.id,
        e.status,
        e.wave,
        e.respondBy,
        e.responderId,
        e.acceptedAt,
        e.enRouteAt,
        e.pickedUpAt,
        e.arrivedAt,
        e.escalatedAt,
        e.cancelledAt,
        e.cancelledBy,
        e.cancelReason,
        e.cancelNote,
        e.lastLatitude,
        e.lastLongitude,
      ],
    );
  }

  async find(id: string): Promise<Escort | null> {
    const rows = await queryRows<EscortRow>(this.tx.manager, 'SELECT * FROM escort WHERE id = $1', [id]);
    return rows.length === 0 ? null : toEscort(rows[0]);
  }

  /**
   * Row-locks the escort until commit. Concurrent accepts of one escort queue here: the first to get the
   * lock takes it, every later one then reads it as accepted (the exactly-one-winner rule).
   */
  async lock(id: string): Promise<Escort | null> {
    const rows = await queryRows<EscortRow>(this.tx.manager, 'SELECT * FROM escort WHERE id = $1 FOR UPDATE', [id]);
    return rows.length === 0 ? null : toEscort(rows[0]);
  }

  async lockActiveByReferral(referralId: string): Promise<Escort | null> {
    const rows = await queryRows<EscortRow>(
      this.tx.manager,
      `SELECT * FROM escort WHERE referral_id = $1 AND status IN ${ACTIVE} FOR UPDATE`,
      [referralId],
    );
    return rows.length === 0 ? null : toEscort(rows[0]);
  }

  async byReferral(referralId: string): Promise<Escort[]> {
    const rows = await queryRows<EscortRow>(this.tx.manager, 'SELECT * FROM escort WHERE referral_id = $1 ORDER BY requested_at', [
      referralId,
    ]);
    return rows.map(toEscort);
  }

  /** Escorts whose current wave went unanswered, locked; rows another instance holds are skipped. */
  async lockUnanswered(now: Date, limit: number): Promise<Escort[]> {
    const rows = await queryRows<EscortRow>(
      this.tx.manager,
      `SELECT * FROM escort WHERE status = 'offered' AND respond_by <= $1 ORDER BY respond_by LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toEscort);
  }

  /** Offers to these responders; returns those that are new (never offered this escort before). */
  async insertOffers(escortId: string, responderIds: readonly string[], wave: EscortWave, at: Date): Promise<string[]> {
    if (responderIds.length === 0) return [];
    const rows = await queryRows<{ responder_id: string }>(
      this.tx.manager,
      `INSERT INTO escort_offer (escort_id, responder_id, wave, offered_at)
       SELECT $1, r, $3, $4 FROM unnest($2::uuid[]) AS r
       ON CONFLICT (escort_id, responder_id) DO NOTHING RETURNING responder_id`,
      [escortId, responderIds, wave, at],
    );
    return rows.map((r) => r.responder_id);
  }

  async offers(escortId: string): Promise<EscortOffer[]> {
    const rows = await queryRows<OfferRow>(
      this.tx.manager,
      'SELECT * FROM escort_offer WHERE escort_id = $1 ORDER BY offered_at, responder_id',
      [escortId],
    );
    return rows.map(toOffer);
  }

  async offerTo(escortId: string, responderId: string): Promise<EscortOffer | null> {
    const rows = await queryRows<OfferRow>(this.tx.manager, 'SELECT * FROM escort_offer WHERE escort_id = $1 AND responder_id = $2', [
      escortId,
      responderId,
    ]);
    return rows.length === 0 ? null : toOffer(rows[0]);
  }

  async answerOffer(escortId: string, responderId: string, status: EscortOfferStatus, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE escort_offer SET status = $3, answered_at = $4 WHERE escort_id = $1 AND responder_id = $2 AND status = 'open'`,
      [escortId, responderId, status, at],
    );
  }

  /** Withdraws every open offer of the escort (but `except`'s); returns whose were withdrawn. */
  async withdrawOpenOffers(escortId: string, at: Date, except: string | null = null): Promise<string[]> {
    const rows = await queryRows<{ responder_id: string }>(
      this.tx.manager,
      // In a CTE: TypeORM hands back [rows, count] for a bare UPDATE ... RETURNING.
      `WITH withdrawn AS (
         UPDATE escort_offer SET status = 'withdrawn', answered_at = $2
         WHERE escort_id = $1 AND status = 'open' AND ($3::uuid IS NULL OR responder_id <> $3) RETURNING responder_id)
       SELECT responder_id FROM withdrawn`,
      [escortId, at, except],
    );
    return rows.map((r) => r.responder_id);
  }

  async hasOpenOffers(escortId: string): Promise<boolean> {
    const rows = await queryRows<{ one: number }>(
      this.tx.manager,
      `SELECT 1 AS one FROM escort_offer WHERE escort_id = $1 AND status = 'open' LIMIT 1`,
      [escortId],
    );
    return rows.length > 0;
  }

  /** Escort requests a responder may still accept, soonest pickup first. */
  async openOffersFor(responderId: string): Promise<Escort[]> {
    const rows = await queryRows<EscortRow>(
      this.tx.manager,
      `SELECT e.* FROM escort_offer o JOIN escort e ON e.id = o.escort_id
       WHERE o.responder_id = $1 AND o.status = 'open' AND e.status IN ('offered', 'escalated')
       ORDER BY (e.urgency = 'emergency') DESC, e.pickup_at, e.requested_at`,
      [responderId],
    );
    return rows.map(toEscort);
  }

  /** Escorts a responder holds (or held), the ones underway first. */
  async heldBy(responderId: string, limit: number): Promise<Escort[]> {
    const rows = await queryRows<EscortRow>(
      this.tx.manager,
      `SELECT * FROM escort WHERE responder_id = $1
       ORDER BY (status IN ('accepted', 'en-route', 'picked-up')) DESC, requested_at DESC LIMIT $2`,
      [responderId, limit],
    );
    return rows.map(toEscort);
  }

  async insertReport(escortId: string, report: EscortReport): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO escort_report (escort_id, status, at, latitude, longitude, reported_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [escortId, report.status, report.at, report.latitude, report.longitude, report.reportedBy],
    );
  }

  async reports(escortId: string): Promise<EscortReport[]> {
    const rows = await queryRows<{ status: string; at: Date; latitude: number | null; longitude: number | null; reported_by: string }>(
      this.tx.manager,
      'SELECT status, at, latitude, longitude, reported_by FROM escort_report WHERE escort_id = $1 ORDER BY id',
      [escortId],
    );
    return rows.map((r) => ({ status: r.status, at: r.at, latitude: r.latitude, longitude: r.longitude, reportedBy: r.reported_by }));
  }
}
