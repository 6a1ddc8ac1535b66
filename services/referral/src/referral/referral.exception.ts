import { ProblemException } from '@siaga/http';

export enum ReferralErrorCode {
  NotFound = 'referral-not-found',
  OutOfScope = 'referral-out-of-scope',
  AlreadyOpen = 'referral-already-open',
  PregnancyUnknown = 'pregnancy-unknown',
  PregnancyClosed = 'pregnancy-closed',
  NotYourOffer = 'referral-not-offered-to-you',
  WrongState = 'referral-state-conflict',
  HospitalUnknown = 'hospital-not-found',
  Implausible = 'implausible-value',
}

const STATUS: Record<ReferralErrorCode, number> = {
  [ReferralErrorCode.NotFound]: 404,
  [ReferralErrorCode.OutOfScope]: 403,
  [ReferralErrorCode.AlreadyOpen]: 409,
  [ReferralErrorCode.PregnancyUnknown]: 422,
  [ReferralErrorCode.PregnancyClosed]: 409,
  [ReferralErrorCode.NotYourOffer]: 409,
  [ReferralErrorCode.WrongState]: 409,
  [ReferralErrorCode.HospitalUnknown]: 422,
  [ReferralErrorCode.Implausible]: 400,
};

export class ReferralException extends ProblemException {
  constructor(code: ReferralErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  static implausible(field: string, message: string): ReferralException {
    return new ReferralException(ReferralErrorCode.Implausible, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
