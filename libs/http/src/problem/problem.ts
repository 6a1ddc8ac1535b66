/** RFC 9457 problem details, as every Siaga error response is shaped. */
export interface FieldViolation {
  field: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  code?: string;
  errors?: FieldViolation[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_TYPE_BASE = 'https://siaga.example/problems/';

/**
 * An error a feature throws on purpose, carrying its HTTP status and a stable code.
 * Features subclass it with their own code enum (e.g. PregnancyException / PregnancyErrorCode).
 */
export class ProblemException extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A 400 that names every offending field. */
export class ValidationProblem extends ProblemException {
  constructor(readonly violations: FieldViolation[]) {
    super(400, 'validation-failed', violations.map((v) => `${v.field}: ${v.message}`).join('; '));
  }
}
