import { ProblemException } from '@siaga/http';

export enum AlertErrorCode {
  NotFound = 'alert-not-found',
  OutOfScope = 'alert-out-of-scope',
  AcknowledgedByOther = 'alert-acknowledged-by-other',
  AlreadyDecided = 'alert-already-decided',
  NotAcknowledged = 'alert-not-acknowledged',
  Implausible = 'implausible-value',
}

const STATUS: Record<AlertErrorCode, number> = {
  [AlertErrorCode.NotFound]: 404,
  [AlertErrorCode.OutOfScope]: 403,
  [AlertErrorCode.AcknowledgedByOther]: 409,
  [AlertErrorCode.AlreadyDecided]: 409,
  [AlertErrorCode.NotAcknowledged]: 409,
  [AlertErrorCode.Implausible]: 400,
};

export class AlertException extends ProblemException {
  constructor(code: AlertErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  /** A 400 naming the fields, shaped like a validation error so clients handle both alike. */
  static implausible(errors: { field: string; message: string }[]): AlertException {
    return new AlertException(AlertErrorCode.Implausible, errors.map((e) => `${e.field}: ${e.message}`).join('; '), { errors });
  }
}
