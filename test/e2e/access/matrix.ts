import type { ServiceName } from '../support/system';
import type { Role } from './places';

/** Whose object the caller touches: one in its own place (village / health center / facility) or in the other place. */
export type Whose = 'own' | 'other';

export interface Expectation {
  /** HTTP status for an object of the caller's own place and for one of the other place. */
  own: number;
  other: number;
}

export interface MatrixRow {
  service: ServiceName;
  /** As in the service's OpenAPI document, e.g. "GET /pregnancies/{id}". */
  operation: string;
  /** Roles that get anything but 403; every role not listed must get 403 for both objects. */
  allowed: Partial<Record<Role, Expectation>>;
}

const both = (status: number): Expectation => ({ own: status, other: status });
const scoped = (status: number): Expectation => ({ own: status, other: 403 });

/**
 * The authorization matrix, kept as data: role × operation × object. The access e2e test calls every
 * operation as two users of every role (one in each place) and compares statuses with this table;
 * an OpenAPI operation without a row fails the build.
 */
export const ACCESS_MATRIX: MatrixRow[] = [
  // registration
  { service: 'registration', operation: 'POST /pregnancies', allowed: { midwife: scoped(201) } },
  { service: 'registration', operation: 'GET /pregnancies', allowed: { midwife: both(200), doctor: both(200) } },
  { service: 'registration', operation: 'GET /pregnancies/{id}', allowed: { midwife: scoped(200), doctor: scoped(200) } },
  { service: 'registration', operation: 'PATCH /pregnancies/{id}', allowed: { midwife: scoped(200) } },
  { service: 'registration', operation: 'POST /pregnancies/{id}/close', allowed: { midwife: scoped(200) } },
  { service: 'registration', operation: 'GET /pregnancies/{id}/access-log', allowed: { district: both(200), admin: both(200) } },
  { service: 'registration', operation: 'POST /pregnancies/{pregnancyId}/visits', allowed: { midwife: scoped(201) } },
  { service: 'registration', operation: 'GET /pregnancies/{pregnancyId}/visits', allowed: { midwife: scoped(200), doctor: scoped(200) } },
  // risk-scoring
  {
    service: 'risk-scoring',
    operation: 'GET /pregnancies/{pregnancyId}/assessment',
    allowed: { midwife: scoped(200), doctor: scoped(200) },
  },
  {
    service: 'risk-scoring',
    operation: 'GET /pregnancies/{pregnancyId}/assessments',
    allowed: { midwife: scoped(200), doctor: scoped(200) },
  },
  {
    service: 'risk-scoring',
    operation: 'POST /assessments/preview',
    allowed: { midwife: both(200), doctor: both(200), district: both(200) },
  },
  { service: 'risk-scoring', operation: 'POST /admin/rescore', allowed: { admin: both(200) } },
];

export const expectedStatus = (row: MatrixRow, role: Role, whose: Whose): number => row.allowed[role]?.[whose] ?? 403;
