import { gestationalDays, type ObstetricHistoryV1 } from '@siaga/contracts';
import { PregnancyException } from './pregnancy.exception';

const today = (): string => new Date().toISOString().slice(0, 10);
const yearsBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);

/** Refuses values no real record can have; each refusal names the field. */
export function assertPlausibleRegistration(input: { birthDate: string; hpht: string; history: ObstetricHistoryV1 }): void {
  const now = today();
  const { birthDate, hpht, history } = input;
  if (birthDate > now) throw PregnancyException.implausible('mother.birthDate', 'is in the future');
  const ageAtHpht = yearsBetween(birthDate, hpht);
  if (ageAtHpht < 10 || ageAtHpht > 60) throw PregnancyException.implausible('mother.birthDate', 'gives an age outside 10–60 years');
  if (hpht > now) throw PregnancyException.implausible('hpht', 'is in the future');
  if (gestationalDays(hpht, now) > 45 * 7) throw PregnancyException.implausible('hpht', 'is more than 45 weeks ago');
  if (history.para + history.abortus > history.gravida - 1) {
    throw PregnancyException.implausible('history.gravida', 'must count this pregnancy plus every earlier birth and loss');
  }
  if (history.livingChildren > history.para + 6) {
    throw PregnancyException.implausible('history.livingChildren', 'is larger than the births recorded');
  }
  for (const field of ['lastBirthDate', 'marriageDate'] as const) {
    const value = history[field];
    if (value && value > hpht) throw PregnancyException.implausible(`history.${field}`, 'is after this pregnancy began');
    if (value && value < birthDate) throw PregnancyException.implausible(`history.${field}`, 'is before the mother was born');
  }
  if (history.gravida === 1 && history.lastBirthDate) {
    throw PregnancyException.implausible('history.lastBirthDate', 'is set for a first pregnancy');
  }
}

export function assertPlausibleVisit(
  visit: { visitDate: string; systolic?: number | null; diastolic?: number | null },
  hpht: string,
): void {
  if (visit.visitDate > today()) throw PregnancyException.implausible('visitDate', 'is in the future');
  if (visit.visitDate < hpht) throw PregnancyException.implausible('visitDate', 'is before the first day of the last period (HPHT)');
  if (visit.systolic != null && visit.diastolic != null && visit.diastolic >= visit.systolic) {
    throw PregnancyException.implausible('diastolic', 'must be lower than systolic');
  }
}
