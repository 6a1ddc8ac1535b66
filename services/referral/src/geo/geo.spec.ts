import { boxAround, haversineKm, pointOf } from './haversine';
import { areaContains, districtCodeOf, servesVillage } from './wilayah';

describe('haversine', () => {
  it('is zero for one point and symmetric', () => {
    const genteng = { latitude: -8.366, longitude: 114.152 };
    const banyuwangi = { latitude: -8.219, longitude: 114.369 };
    expect(haversineKm(genteng, genteng)).toBe(0);
    expect(haversineKm(genteng, banyuwangi)).toBeCloseTo(haversineKm(banyuwangi, genteng), 10);
  });

  it('measures a known distance: one degree of latitude is about 111.2 km', () => {
    expect(haversineKm({ latitude: 0, longitude: 114 }, { latitude: 1, longitude: 114 })).toBeCloseTo(111.2, 1);
  });

  it('puts Genteng about 29 km from Banyuwangi town', () => {
    const km = haversineKm({ latitude: -8.366, longitude: 114.152 }, { latitude: -8.219, longitude: 114.369 });
    expect(km).toBeGreaterThan(27);
    expect(km).toBeLessThan(31);
  });

  it('draws a box that holds every point within the distance (a pre-filter for haversine)', () => {
    const sempu = { latitude: -8.29, longitude: 114.16 };
    const box = boxAround(sempu, 15);
    for (const bearing of [0, 45, 90, 135, 180, 225, 270, 315]) {
      const rad = (bearing * Math.PI) / 180;
      // A point 14.9 km away in this direction (small-distance approximation).
      const p = {
        latitude: sempu.latitude + (14.9 / 110.574) * Math.cos(rad),
        longitude: sempu.longitude + (14.9 / (111.32 * Math.cos((sempu.latitude * Math.PI) / 180))) * Math.sin(rad),
      };
      expect(haversineKm(sempu, p)).toBeLessThan(15);
      expect(p.latitude >= box.minLat && p.latitude <= box.maxLat && p.longitude >= box.minLng && p.longitude <= box.maxLng).toBe(true);
    }
  });

  it('knows a point only when both coordinates are', () => {
    expect(pointOf(-8.2, null)).toBeNull();
    expect(pointOf(-8.2, 114.3)).toEqual({ latitude: -8.2, longitude: 114.3 });
  });
});

describe('wilayah codes', () => {
  it('finds the district of a village', () => {
    expect(districtCodeOf('35.10.20.2001')).toBe('35.10.20');
  });

  it('matches areas at village, district and regency level, by whole segments', () => {
    expect(areaContains('35.10.20.2001', '35.10.20.2001')).toBe(true);
    expect(areaContains('35.10.20', '35.10.20.2001')).toBe(true);
    expect(areaContains('35.10', '35.10.20.2001')).toBe(true);
    expect(areaContains('35.10.2', '35.10.20.2001')).toBe(false);
    expect(areaContains('35.10.21', '35.10.20.2001')).toBe(false);
    expect(servesVillage(['35.10.09', '35.10.20.2002'], '35.10.20.2001')).toBe(false);
    expect(servesVillage(['35.10.09', '35.10.20'], '35.10.20.2001')).toBe(true);
  });
});
