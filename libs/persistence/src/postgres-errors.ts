/** SQLSTATE codes the services react to. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK_DETECTED = '40P01';

const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57']; // connection, resources, operator intervention (e.g. shutdown)
const TRANSIENT_NODE_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];

const codeOf = (error: unknown): string | undefined => {
  if (typeof error !== 'object' || error === null) return undefined;
  const withDriver = error as { code?: unknown; driverError?: { code?: unknown } };
  const code = withDriver.driverError?.code ?? withDriver.code;
  return typeof code === 'string' ? code : undefined;
};

export const isUniqueViolation = (error: unknown): boolean => codeOf(error) === PG_UNIQUE_VIOLATION;

/** True for failures that say nothing about the data: retrying later can succeed. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error);
  if (code === PG_SERIALIZATION_FAILURE || code === PG_DEADLOCK_DETECTED) return true;
  if (code && TRANSIENT_NODE_CODES.includes(code)) return true;
  if (code && TRANSIENT_SQLSTATE_CLASSES.some((c) => code.startsWith(c))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|the database system is/.test(message);
}
