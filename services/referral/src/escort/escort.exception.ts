import { ProblemException } from '@siaga/http';

export enum EscortErrorCode {
  NotFound = 'escort-not-found',
  NotYours = 'escort-not-yours',
  AlreadyTaken = 'escort-already-taken',
  WrongState = 'escort-state-conflict',
  NoResponder = 'responder-not-found',
  Implausible = 'implausible-value',
}

const STATUS: Record<EscortErrorCode, number> = {
  // 404 rather than 403 for escorts: an escort must not learn that a request she was never offered exists.
  [EscortErrorCode.NotFound]: 404,
  [EscortErrorCode.NotYours]: 403,
  [EscortErrorCode.AlreadyTaken]: 409,
  [EscortErrorCode.WrongState]: 409,
  [EscortErrorCode.NoResponder]: 403,
  [EscortErrorCode.Implausible]: 400,
};

export class EscortException extends ProblemException {
  constructor(code: EscortErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  static implausible(field: string, message: string): EscortException {
    return new EscortException(EscortErrorCode.Implausible, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
