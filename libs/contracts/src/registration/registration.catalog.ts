import { defineEvent } from '../event-definition';
import { PregnancyClosedV1, PregnancyRegisteredV1, PregnancyUpdatedV1, VisitRecordedV1 } from './registration.events';

export const REGISTRATION_EVENTS = {
  pregnancyRegistered: defineEvent('id.siaga.registration.pregnancy-registered.v1', 'pregnancy', PregnancyRegisteredV1),
  visitRecorded: defineEvent('id.siaga.registration.visit-recorded.v1', 'pregnancy', VisitRecordedV1),
  pregnancyUpdated: defineEvent('id.siaga.registration.pregnancy-updated.v1', 'pregnancy', PregnancyUpdatedV1),
  pregnancyClosed: defineEvent('id.siaga.registration.pregnancy-closed.v1', 'pregnancy', PregnancyClosedV1),
} as const;
