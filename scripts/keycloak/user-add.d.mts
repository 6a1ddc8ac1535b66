// Types for scripts/keycloak/user-add.mjs (its argument checks are unit-tested).
export function parseArgs(argv: string[]): Record<string, string | boolean | undefined>;
export function accountOf(opts: Record<string, unknown>): {
  username: string;
  firstName: string;
  email?: string;
  role: string;
  scope: { hc?: string; villages?: string[]; facility?: string; responder?: string; responderKind?: string };
};
