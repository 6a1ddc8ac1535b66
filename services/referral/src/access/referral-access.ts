import { Injectable } from '@nestjs/common';
import { AccessAudit, inCareScope, type Actor } from '@siaga/auth';
import { ReferralErrorCode, ReferralException } from '@referral/referral/referral.exception';

export type ReferralAction =
  | 'referral.create'
  | 'referral.read'
  | 'referral.answer'
  | 'referral.arrival'
  | 'referral.cancel'
  | 'referral.redirect'
  | 'escort.read'
  | 'escort.cancel';

export interface ScopedReferral {
  id: string | null;
  pregnancyId: string;
  villageCode: string;
  healthCenterId: string;
  /** Every hospital the referral was offered to, in any attempt. */
  offeredTo: readonly string[];
}

const CLINICIAN_ACTIONS: ReadonlySet<ReferralAction> = new Set([
  'referral.create',
  'referral.read',
  'referral.cancel',
  'escort.read',
  'escort.cancel',
]);
const HOSPITAL_ACTIONS: ReadonlySet<ReferralAction> = new Set(['referral.read', 'referral.answer', 'referral.arrival', 'escort.read']);
const DISTRICT_ACTIONS: ReadonlySet<ReferralAction> = new Set([
  'referral.read',
  'referral.cancel',
  'referral.redirect',
  'escort.read',
  'escort.cancel',
]);

/**
 * Who may do what with a referral (issue 5): a midwife with those of her villages, a doctor with those of
 * her health center, hospital staff with those sent to their facility, the district with all. Escorts
 * never see a referral: they see escort requests (EscortAccess), admins manage the registry only.
 */
export function isAllowed(actor: Actor, action: ReferralAction, referral: ScopedReferral): boolean {
  switch (actor.role) {
    case 'midwife':
    case 'doctor':
      return CLINICIAN_ACTIONS.has(action) && inCareScope(actor, referral);
    case 'hospital':
      return HOSPITAL_ACTIONS.has(action) && actor.facilityId !== undefined && referral.offeredTo.includes(actor.facilityId);
    case 'district':
      return DISTRICT_ACTIONS.has(action);
    case 'escort':
    case 'admin':
      return false;
  }
}

/**
 * Where she went and who brings her (the hospital now asked or that accepted her, the escort and its responder):
 * the referring side and the district always; a hospital only while it is the referral's current target. One that
 * declined, timed out or was passed over when the district redirected her is not told, whoever took her after.
 */
export function seesDestination(actor: Pick<Actor, 'role' | 'facilityId'>, referral: { currentHospitalId: string | null }): boolean {
  if (actor.role !== 'hospital') return true;
  return actor.facilityId !== undefined && referral.currentHospitalId === actor.facilityId;
}

@Injectable()
export class ReferralAccess {
  constructor(private readonly audit: AccessAudit) {}

  /** Records the decision in the access audit either way; throws 403 when the actor may not. */
  async authorize(actor: Actor, action: ReferralAction, referral: ScopedReferral): Promise<void> {
    const allowed = isAllowed(actor, action, referral);
    await this.audit.record({
      actor,
      action,
      pregnancyId: referral.pregnancyId,
      outcome: allowed ? 'allowed' : 'denied',
      reason: allowed ? undefined : 'outside the caller’s scope',
    });
    if (!allowed) throw new ReferralException(ReferralErrorCode.OutOfScope, 'This referral is outside your scope');
  }

  /** One allowed record per referral a listing returned. */
  async recordListed(actor: Actor, action: string, pregnancyIds: readonly string[]): Promise<void> {
    await this.audit.record(...pregnancyIds.map((pregnancyId) => ({ actor, action, pregnancyId, outcome: 'allowed' as const })));
  }
}
