import { ProblemException } from '@siaga/http';

export enum PregnancyErrorCode {
  NotFound = 'pregnancy-not-found',
  OutOfScope = 'pregnancy-out-of-scope',
  AlreadyActive = 'pregnancy-already-active',
  Closed = 'pregnancy-closed',
  InvalidNik = 'nik-invalid',
  Implausible = 'implausible-value',
}

const STATUS: Record<PregnancyErrorCode, number> = {
  [PregnancyErrorCode.NotFound]: 404,
  [PregnancyErrorCode.OutOfScope]: 403,
  [PregnancyErrorCode.AlreadyActive]: 409,
  [PregnancyErrorCode.Closed]: 409,
  [PregnancyErrorCode.InvalidNik]: 400,
  [PregnancyErrorCode.Implausible]: 400,
};

export class PregnancyException extends ProblemException {
  constructor(code: PregnancyErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  /** A 400 naming the field, shaped like a validation error so clients handle both alike. */
  static implausible(field: string, message: string): PregnancyException {
    return new PregnancyException(PregnancyErrorCode.Implausible, `${field}: ${message}`, {
      errors: [{ field, message }],
    });
  }
}
