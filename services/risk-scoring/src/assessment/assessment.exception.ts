import { ProblemException } from '@siaga/http';

export enum AssessmentErrorCode {
  PregnancyNotFound = 'pregnancy-not-found',
  NotAssessed = 'assessment-not-found',
  OutOfScope = 'pregnancy-out-of-scope',
  Implausible = 'implausible-value',
}

const STATUS: Record<AssessmentErrorCode, number> = {
  [AssessmentErrorCode.PregnancyNotFound]: 404,
  [AssessmentErrorCode.NotAssessed]: 404,
  [AssessmentErrorCode.OutOfScope]: 403,
  [AssessmentErrorCode.Implausible]: 400,
};

export class AssessmentException extends ProblemException {
  constructor(code: AssessmentErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  /** A 400 naming the field, shaped like a validation error so clients handle both alike. */
  static implausible(field: string, message: string): AssessmentException {
    return new AssessmentException(AssessmentErrorCode.Implausible, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
