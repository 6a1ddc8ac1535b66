import type { Principal } from '@siaga/auth';
import { RESPONDER_KINDS, type ResponderInput, type ResponderKind } from './registry.types';

const VILLAGE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;
const PHONE = /^\+?[0-9][0-9 -]{5,19}[0-9]$/;

/**
 * The responder record of an escort account that is not in the registry yet, from its token: the account is
 * made once, in the identity provider (its id, kind, name, organisation, phone and villages are attributes
 * there), and the registry follows on the account's first call. Off duty, no position, until the person
 * goes on duty. Null when the account names no responder, or no kind the registry knows.
 */
export function enrolmentOf(principal: Principal): ResponderInput | null {
  const kind = principal.responderKind as ResponderKind | undefined;
  if (principal.role !== 'escort' || !principal.responderId || !kind || !RESPONDER_KINDS.includes(kind)) return null;
  const name = principal.name?.trim().slice(0, 200);
  return {
    id: principal.responderId,
    kind,
    name: name || `${kind} ${principal.responderId.slice(0, 8)}`,
    organisation: principal.organisation?.trim().slice(0, 200) || null,
    phone: principal.phone && PHONE.test(principal.phone) ? principal.phone : null,
    villageCodes: [...new Set(principal.villageCodes.filter((code) => VILLAGE.test(code)))],
    latitude: null,
    longitude: null,
    onDuty: false,
    active: true,
  };
}
