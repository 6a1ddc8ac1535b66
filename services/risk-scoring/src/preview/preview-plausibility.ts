import { completedYears, parseIsoDate } from '@risk-scoring/engine';
import { AssessmentException } from '@risk-scoring/assessment/assessment.exception';
import type { PreviewAssessmentDto } from './preview.dto';

const MAX_GESTATION_DAYS = 45 * 7;

/** Day number of a calendar date; the engine reads 'YYYY-MM-DD' (or a date-time), not every ISO 8601 form the validator allows. */
function dayOf(field: string, value: string): number {
  try {
    return parseIsoDate(value);
  } catch {
    throw AssessmentException.implausible(field, 'must be a calendar date, YYYY-MM-DD or an ISO date-time');
  }
}

/**
 * Refuses facts no real record can have, as registration does for real ones, so a what-if answer is never
 * built on nonsense. Dates are judged against asOf (the moment scored), not today. Each refusal names the field.
 */
export function assertPlausiblePreview(dto: PreviewAssessmentDto, asOfDay: number): void {
  const { pregnancy, visits } = dto;
  const { history } = pregnancy;
  const birthDay = dayOf('pregnancy.motherBirthDate', pregnancy.motherBirthDate);
  const hphtDay = dayOf('pregnancy.hpht', pregnancy.hpht);
  if (hphtDay > asOfDay) throw AssessmentException.implausible('pregnancy.hpht', 'is after asOf');
  if (asOfDay - hphtDay > MAX_GESTATION_DAYS) throw AssessmentException.implausible('pregnancy.hpht', 'is more than 45 weeks before asOf');
  const ageAtHpht = completedYears(birthDay, hphtDay);
  if (ageAtHpht < 10 || ageAtHpht > 60) {
    throw AssessmentException.implausible('pregnancy.motherBirthDate', 'gives an age outside 10–60 years at HPHT');
  }
  if (history.para + history.abortus > history.gravida - 1) {
    throw AssessmentException.implausible('pregnancy.history.gravida', 'must count this pregnancy plus every earlier birth and loss');
  }
  if (history.livingChildren > history.para + 6) {
    throw AssessmentException.implausible('pregnancy.history.livingChildren', 'is larger than the births recorded');
  }
  for (const field of ['lastBirthDate', 'marriageDate'] as const) {
    const value = history[field];
    if (value == null) continue;
    const day = dayOf(`pregnancy.history.${field}`, value);
    if (day > hphtDay) throw AssessmentException.implausible(`pregnancy.history.${field}`, 'is after this pregnancy began');
    if (day < birthDay) throw AssessmentException.implausible(`pregnancy.history.${field}`, 'is before the mother was born');
  }
  if (history.gravida === 1 && history.lastBirthDate != null) {
    throw AssessmentException.implausible('pregnancy.history.lastBirthDate', 'is set for a first pregnancy');
  }
  visits.forEach((visit, i) => {
    const day = dayOf(`visits.${i}.visitDate`, visit.visitDate);
    if (day < hphtDay) throw AssessmentException.implausible(`visits.${i}.visitDate`, 'is before HPHT');
    if (day > asOfDay) throw AssessmentException.implausible(`visits.${i}.visitDate`, 'is after asOf');
    if (visit.systolic != null && visit.diastolic != null && visit.diastolic >= visit.systolic) {
      throw AssessmentException.implausible(`visits.${i}.diastolic`, 'must be lower than systolic');
    }
  });
}
