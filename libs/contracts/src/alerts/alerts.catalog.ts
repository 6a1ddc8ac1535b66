import { AccessRecordedV1 } from '../audit/access-recorded.events';
import { defineEvent } from '../event-definition';
import {
  AlertAcknowledgedV1,
  AlertClosedV1,
  AlertEscalatedV1,
  AlertRaisedV1,
  AlertReleasedV1,
  AlertResolvedV1,
  AlertUpdatedV1,
} from './alert.events';

/** The alerts service's events (topics `alert` and `alertsAccess`, subject = pregnancy id). Owned by the alerts service. */
export const ALERTS_EVENTS = {
  alertRaised: defineEvent('id.siaga.alerts.alert-raised.v1', 'alert', AlertRaisedV1),
  alertUpdated: defineEvent('id.siaga.alerts.alert-updated.v1', 'alert', AlertUpdatedV1),
  alertAcknowledged: defineEvent('id.siaga.alerts.alert-acknowledged.v1', 'alert', AlertAcknowledgedV1),
  alertReleased: defineEvent('id.siaga.alerts.alert-released.v1', 'alert', AlertReleasedV1),
  alertEscalated: defineEvent('id.siaga.alerts.alert-escalated.v1', 'alert', AlertEscalatedV1),
  alertResolved: defineEvent('id.siaga.alerts.alert-resolved.v1', 'alert', AlertResolvedV1),
  alertClosed: defineEvent('id.siaga.alerts.alert-closed.v1', 'alert', AlertClosedV1),
  alertsAccessRecorded: defineEvent('id.siaga.alerts.access-recorded.v1', 'alertsAccess', AccessRecordedV1),
} as const;
