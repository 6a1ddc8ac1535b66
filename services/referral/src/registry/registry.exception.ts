import { ProblemException } from '@siaga/http';

export enum RegistryErrorCode {
  FacilityNotFound = 'facility-not-found',
  ResponderNotFound = 'responder-not-found',
  VillageNotFound = 'village-not-found',
  NotYourRecord = 'responder-not-yours',
  Implausible = 'implausible-value',
}

const STATUS: Record<RegistryErrorCode, number> = {
  [RegistryErrorCode.FacilityNotFound]: 404,
  [RegistryErrorCode.ResponderNotFound]: 404,
  [RegistryErrorCode.VillageNotFound]: 404,
  [RegistryErrorCode.NotYourRecord]: 403,
  [RegistryErrorCode.Implausible]: 400,
};

export class RegistryException extends ProblemException {
  constructor(code: RegistryErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(STATUS[code], code, message, extensions);
  }

  static implausible(field: string, message: string): RegistryException {
    return new RegistryException(RegistryErrorCode.Implausible, `${field}: ${message}`, { errors: [{ field, message }] });
  }
}
