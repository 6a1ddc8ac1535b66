import type { Escort } from './escort.types';
import { escortRequestedData, toEscortView, withdrawnNotice } from './escort.view';

const escort: Escort = {
  id: '11111111-1111-4111-8111-111111111111',
  referralId: '22222222-2222-4222-8222-222222222222',
  status: 'accepted',
  urgency: 'emergency',
  pickup: {
    villageCode: '35.10.20.2001',
    villageName: 'Sempu',
    districtName: 'Sempu',
    address: 'Dusun Krajan',
    latitude: -8.29,
    longitude: 114.16,
  },
  contactPhone: '+62 800-0000-1234',
  destination: { facilityName: 'RSUD Demo Banyuwangi', address: 'Jl. Contoh', latitude: -8.36, longitude: 114.16 },
  destinationFacilityId: '33333333-3333-4333-8333-333333333333',
  pickupAt: new Date('2026-06-01T01:00:00Z'),
  wave: 'village',
  respondBy: new Date('2026-06-01T01:03:00Z'),
  responderId: '44444444-4444-4444-8444-444444444444',
  requestedAt: new Date('2026-06-01T01:00:00Z'),
  acceptedAt: new Date('2026-06-01T01:01:00Z'),
  enRouteAt: null,
  pickedUpAt: null,
  arrivedAt: null,
  escalatedAt: null,
  cancelledAt: null,
  cancelledBy: null,
  cancelReason: null,
  cancelNote: 'she has severe pre-eclampsia (O14.1)',
  lastLatitude: null,
  lastLongitude: null,
};

describe('what an escort sees (data minimisation)', () => {
  it('is pickup place, contact phone, destination, urgency and times, nothing else', () => {
    const view = toEscortView(escort);
    expect(Object.keys(view).sort()).toEqual([
      'cancelReason',
      'contactPhone',
      'destination',
      'escortId',
      'pickup',
      'status',
      'times',
      'urgency',
    ]);
    expect(Object.keys(view.pickup).sort()).toEqual(['address', 'districtName', 'latitude', 'longitude', 'villageCode', 'villageName']);
    expect(Object.keys(view.destination).sort()).toEqual(['address', 'facilityName', 'latitude', 'longitude']);
    expect(Object.keys(view.times).sort()).toEqual([
      'acceptedAt',
      'arrivedAt',
      'cancelledAt',
      'enRouteAt',
      'pickedUpAt',
      'pickupAt',
      'requestedAt',
      'respondBy',
    ]);
  });

  it('leaves out the referral, the responder bookkeeping and any free-text note', () => {
    const text = JSON.stringify(toEscortView(escort));
    expect(text).not.toContain(escort.referralId);
    expect(text).not.toContain(escort.destinationFacilityId);
    expect(text).not.toContain('O14.1');
    expect(text).not.toContain('pre-eclampsia');
  });

  it('withholds any field that looks like a NIK, and says which (never its value)', () => {
    const withheld: string[] = [];
    const view = toEscortView(
      {
        ...escort,
        contactPhone: '3510204705960001',
        pickup: { ...escort.pickup, address: 'Dusun Krajan, NIK 3510 2047 0596 0001', villageName: '3510204705960001' },
        destination: { ...escort.destination, facilityName: 'RS 3510-2047-0596-0001' },
      },
      (field) => withheld.push(field),
    );
    expect(JSON.stringify(view).replace(/[ .-]/g, '')).not.toContain('3510204705960001');
    expect(withheld.sort()).toEqual(['contactPhone', 'destination.facilityName', 'pickup.address', 'pickup.villageName']);
    expect(view).toMatchObject({
      escortId: escort.id,
      contactPhone: null,
      pickup: { villageCode: '35.10.20.2001', address: null, villageName: null, districtName: 'Sempu' },
      destination: { facilityName: null, address: 'Jl. Contoh' },
      times: { requestedAt: '2026-06-01T01:00:00.000Z' },
    });
  });

  it('puts the same guarded pickup, contact and destination on the escort topic', () => {
    const data = escortRequestedData(toEscortView({ ...escort, contactPhone: '3510204705960001' }));
    expect(data).toMatchObject({
      escortId: escort.id,
      contactPhone: null,
      pickup: { villageName: 'Sempu' },
      pickupAt: '2026-06-01T01:00:00.000Z',
    });
  });

  it('tells a withdrawn responder only which request and why', () => {
    expect(withdrawnNotice(escort.id, 'taken')).toEqual({ escortId: escort.id, reason: 'taken' });
  });
});
