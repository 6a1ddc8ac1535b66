const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREGNANCY_ID_ROUTE = /\/pregnancies\/:id(\/|$)/;
const MAX_RESOURCE = 300;

export interface DeniedTarget {
  /** The pregnancy the request was aimed at, so the denial shows in her access log; only ever a pregnancy id. */
  pregnancyId: string | null;
  /** Anything else the path named (a referral, an escort request, a facility), as the path with its values. */
  resource: string | null;
}

/**
 * What a request denied by role was aimed at, from its route (e.g. "/referrals/:id") and path parameters:
 * `:pregnancyId`, or `:id` right after "/pregnancies", is a pregnancy; any other parameter (the `:id` of a
 * referral or an escort request) is filed as a resource, never in the pregnancy column.
 */
export function deniedTarget(route: string | undefined, params: Record<string, string> | undefined): DeniedTarget {
  const names = Object.keys(params ?? {});
  if (!route || !params || names.length === 0) return { pregnancyId: null, resource: null };
  const pregnancyParam = 'pregnancyId' in params ? 'pregnancyId' : PREGNANCY_ID_ROUTE.test(route) ? 'id' : null;
  const candidate = pregnancyParam ? params[pregnancyParam] : undefined;
  const pregnancyId = candidate && UUID.test(candidate) ? candidate : null;
  const others = names.filter((name) => name !== pregnancyParam);
  if (others.length === 0) return { pregnancyId, resource: null };
  const path = route.replace(/:([A-Za-z0-9_]+)/g, (whole, name: string) => (name in params ? encodeURIComponent(params[name]) : whole));
  return { pregnancyId, resource: path.slice(0, MAX_RESOURCE) };
}
