import { AccessRecordedV1 } from '../audit/access-recorded.events';
import { defineEvent } from '../event-definition';
import {
  EscortAcceptedV1,
  EscortCancelledV1,
  EscortEscalatedV1,
  EscortOfferedV1,
  EscortRequestedV1,
  EscortStatusChangedV1,
} from './escort.events';
import {
  ReferralAcceptedV1,
  ReferralCancelledV1,
  ReferralCompletedV1,
  ReferralCreatedV1,
  ReferralDeclinedV1,
  ReferralEscalatedV1,
  ReferralOfferedV1,
  ReferralTimedOutV1,
} from './referral.events';

/** The referral service's events: topics `referral` and `referralAccess` (subject = pregnancy id), `escort` (subject = escort id). */
export const REFERRAL_EVENTS = {
  referralCreated: defineEvent('id.siaga.referral.referral-created.v1', 'referral', ReferralCreatedV1),
  referralOffered: defineEvent('id.siaga.referral.referral-offered.v1', 'referral', ReferralOfferedV1),
  referralAccepted: defineEvent('id.siaga.referral.referral-accepted.v1', 'referral', ReferralAcceptedV1),
  referralDeclined: defineEvent('id.siaga.referral.referral-declined.v1', 'referral', ReferralDeclinedV1),
  referralTimedOut: defineEvent('id.siaga.referral.referral-timed-out.v1', 'referral', ReferralTimedOutV1),
  referralEscalated: defineEvent('id.siaga.referral.referral-escalated.v1', 'referral', ReferralEscalatedV1),
  referralCompleted: defineEvent('id.siaga.referral.referral-completed.v1', 'referral', ReferralCompletedV1),
  referralCancelled: defineEvent('id.siaga.referral.referral-cancelled.v1', 'referral', ReferralCancelledV1),
  escortRequested: defineEvent('id.siaga.referral.escort-requested.v1', 'escort', EscortRequestedV1),
  escortOffered: defineEvent('id.siaga.referral.escort-offered.v1', 'escort', EscortOfferedV1),
  escortAccepted: defineEvent('id.siaga.referral.escort-accepted.v1', 'escort', EscortAcceptedV1),
  escortStatusChanged: defineEvent('id.siaga.referral.escort-status-changed.v1', 'escort', EscortStatusChangedV1),
  escortEscalated: defineEvent('id.siaga.referral.escort-escalated.v1', 'escort', EscortEscalatedV1),
  escortCancelled: defineEvent('id.siaga.referral.escort-cancelled.v1', 'escort', EscortCancelledV1),
  referralAccessRecorded: defineEvent('id.siaga.referral.access-recorded.v1', 'referralAccess', AccessRecordedV1),
} as const;
