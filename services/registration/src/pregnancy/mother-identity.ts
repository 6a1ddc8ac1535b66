import type { MotherIdentityEntity } from './mother-identity.entity';

/** Who she is, as a registration or a correction states it. */
export type StatedIdentity = Pick<
  MotherIdentityEntity,
  'name' | 'birthDate' | 'phone' | 'street' | 'villageCode' | 'villageName' | 'districtName' | 'regencyName' | 'latitude' | 'longitude'
>;

export const IDENTITY_FIELDS = [
  'name',
  'birthDate',
  'phone',
  'street',
  'villageCode',
  'villageName',
  'districtName',
  'regencyName',
  'latitude',
  'longitude',
] as const satisfies readonly (keyof StatedIdentity)[];

/** The fields in which `stated` differs from `current` (names only: the audit says what changed, never to what). */
export const changedFields = (current: StatedIdentity, stated: StatedIdentity): string[] =>
  IDENTITY_FIELDS.filter((field) => current[field] !== stated[field]);

/** Just the identity fields of a version (a new version starts from these). */
export const statedOf = (identity: StatedIdentity): StatedIdentity =>
  Object.fromEntries(IDENTITY_FIELDS.map((field) => [field, identity[field]])) as StatedIdentity;
