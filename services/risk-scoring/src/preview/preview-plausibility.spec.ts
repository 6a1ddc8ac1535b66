import { aPreviewPregnancy } from '@siaga/testing';
import { parseIsoDate } from '@risk-scoring/engine';
import { AssessmentException } from '@risk-scoring/assessment/assessment.exception';
import { assertPlausiblePreview } from './preview-plausibility';
import type { PreviewAssessmentDto } from './preview.dto';

const AS_OF = parseIsoDate('2026-06-01');

const aPreview = (): PreviewAssessmentDto => ({
  pregnancy: aPreviewPregnancy(),
  visits: [{ visitDate: '2026-05-20', systolic: 120, diastolic: 80, dangerSigns: [] }],
});

/** The field a refusal names (the 400's errors[0].field). */
function refusedField(dto: PreviewAssessmentDto): string | null {
  try {
    assertPlausiblePreview(dto, AS_OF);
    return null;
  } catch (error) {
    if (!(error instanceof AssessmentException)) throw error;
    return (error.extensions.errors as { field: string }[])[0].field;
  }
}

describe(assertPlausiblePreview.name, () => {
  it('accepts a real-looking record', () => {
    expect(refusedField(aPreview())).toBeNull();
  });

  it.each<[string, (dto: PreviewAssessmentDto) => void, string]>([
    ['HPHT after asOf', (d) => (d.pregnancy.hpht = '2026-06-02'), 'pregnancy.hpht'],
    ['HPHT 46 weeks before asOf', (d) => (d.pregnancy.hpht = '2025-07-20'), 'pregnancy.hpht'],
    ['an ISO week date the engine cannot read', (d) => (d.pregnancy.hpht = '2026-W02'), 'pregnancy.hpht'],
    ['a mother aged 8', (d) => (d.pregnancy.motherBirthDate = '2017-06-01'), 'pregnancy.motherBirthDate'],
    ['more births than pregnancies', (d) => (d.pregnancy.history.para = 2), 'pregnancy.history.gravida'],
    ['a last birth after HPHT', (d) => (d.pregnancy.history.lastBirthDate = '2026-02-01'), 'pregnancy.history.lastBirthDate'],
    ['a visit before HPHT', (d) => (d.visits[0].visitDate = '2025-12-31'), 'visits.0.visitDate'],
    ['a visit after asOf', (d) => (d.visits[0].visitDate = '2026-06-02'), 'visits.0.visitDate'],
    ['diastolic above systolic', (d) => (d.visits[0].diastolic = 130), 'visits.0.diastolic'],
  ])('refuses %s, naming the field', (_, breakIt, field) => {
    const dto = aPreview();
    breakIt(dto);
    expect(refusedField(dto)).toBe(field);
  });

  it('accepts a visit on the asOf day and HPHT exactly 45 weeks before', () => {
    const dto = aPreview();
    dto.pregnancy.hpht = '2025-07-21';
    dto.pregnancy.history.lastBirthDate = '2022-03-01';
    dto.visits[0].visitDate = '2026-06-01';
    expect(refusedField(dto)).toBeNull();
  });
});
