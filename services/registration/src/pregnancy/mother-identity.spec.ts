import { changedFields, statedOf, type StatedIdentity } from './mother-identity';

const identity: StatedIdentity = {
  name: 'Ibu Contoh',
  birthDate: '1996-05-07',
  phone: '+6281200000001',
  street: 'Dusun Krajan RT 01',
  villageCode: '35.10.20.2001',
  villageName: 'Sempu',
  districtName: 'Sempu',
  regencyName: 'Kabupaten Banyuwangi',
  latitude: null,
  longitude: null,
};

describe('a mother’s identity', () => {
  it('is unchanged when every field is stated the same', () => {
    expect(changedFields(identity, { ...identity })).toEqual([]);
  });

  it('names the fields that changed, not their values', () => {
    expect(changedFields(identity, { ...identity, name: 'Ibu Baru', villageCode: '35.10.20.2002', latitude: -8.2 })).toEqual([
      'name',
      'villageCode',
      'latitude',
    ]);
  });

  it('is copied field by field, leaving version bookkeeping behind', () => {
    expect(statedOf({ ...identity, version: 3, recordedBy: 'u' } as StatedIdentity)).toEqual(identity);
  });
});
