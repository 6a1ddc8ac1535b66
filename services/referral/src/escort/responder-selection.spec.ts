import { nextWave, responderWave, type ResponderCandidate } from './responder-selection';

const SEMPU = '35.10.20.2001';
const JAMBEWANGI = '35.10.20.2002';
const GENTENG_WETAN = '35.10.09.2002';
const pickup = { villageCode: SEMPU, location: { latitude: -8.27, longitude: 114.18 } };

const r = (id: string, villageCodes: string[], location: ResponderCandidate['location'] = null): ResponderCandidate => ({
  id,
  villageCodes,
  location,
});

describe(responderWave.name, () => {
  const bhabin = r('bhabin-sempu', [SEMPU]);
  const kader = r('kader-sempu', [SEMPU, JAMBEWANGI]);
  const jambewangi = r('ambulans-jambewangi', [JAMBEWANGI]);
  const gentengNear = r('polsek-genteng', [GENTENG_WETAN], { latitude: -8.33, longitude: 114.16 }); // ~7 km
  const gentengFar = r('relawan-genteng', [GENTENG_WETAN], { latitude: -8.5, longitude: 114.0 }); // ~32 km

  it('offers first to everyone covering her village', () => {
    expect(responderWave([bhabin, kader, jambewangi, gentengNear], pickup, 'village', new Set(), 15).map((x) => x.id)).toEqual([
      'bhabin-sempu',
      'kader-sempu',
    ]);
  });

  it('widens to her district and to responders stationed nearby, never offering twice', () => {
    const offered = new Set(['bhabin-sempu', 'kader-sempu']);
    expect(responderWave([bhabin, kader, jambewangi, gentengNear, gentengFar], pickup, 'district', offered, 15).map((x) => x.id)).toEqual([
      'ambulans-jambewangi',
      'polsek-genteng',
    ]);
  });

  it('does not reach by distance when the pickup position is unknown', () => {
    expect(responderWave([gentengNear], { villageCode: SEMPU, location: null }, 'district', new Set(), 15)).toEqual([]);
  });

  it('escalates after the district wave', () => {
    expect(nextWave('village')).toBe('district');
    expect(nextWave('district')).toBeNull();
  });
});
