import { IsInt, IsString, Min, getMetadataStorage, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class Reading {
  @IsInt() @Min(0) systolic!: number;
}

const reading = (systolic: unknown) => Object.assign(new Reading(), { systolic });
const failedFields = (object: object) => validateSync(object).map((e) => e.property);

describe(cacheValidationMetadata.name, () => {
  beforeAll(() => cacheValidationMetadata());

  it('answers a repeated lookup from memory', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Reading, '', false, false);
    expect(first).toHaveLength(2);
    expect(storage.getTargetValidationMetadatas(Reading, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(Reading, '', false, false, ['other'])).not.toBe(first);
    expect(storage.getTargetValidationMetadatas(Reading, '', true, false)).not.toBe(first);
  });

  it('groups an answer by property once', () => {
    const storage = getMetadataStorage();
    const rules = storage.getTargetValidationMetadatas(Reading, '', false, false);

    const grouped = storage.groupByPropertyName(rules);

    expect(Object.keys(grouped)).toEqual(['systolic']);
    expect(grouped.systolic).toHaveLength(2);
    expect(storage.groupByPropertyName(rules)).toBe(grouped);
  });

  it('validates as before', () => {
    expect(failedFields(reading(120))).toEqual([]);
    expect(failedFields(reading(-1))).toEqual(['systolic']);
    expect(failedFields(reading('high'))).toEqual(['systolic']);
  });

  it('forgets its answers when a rule is added to a class it has answered for', () => {
    class Pulse {
      @IsInt() rate!: number;
    }
    const pulse = Object.assign(new Pulse(), { rate: 80, rhythm: 7 });
    expect(failedFields(pulse)).toEqual([]);

    IsString()(Pulse.prototype, 'rhythm');
    expect(failedFields(pulse)).toEqual(['rhythm']);
  });

  it('sees the rules of a class declared after a lookup, its inherited ones included', () => {
    expect(failedFields(reading(120))).toEqual([]);

    class AnnotatedReading extends Reading {
      @IsString() note!: string;
    }

    const annotated = (systolic: unknown, note: unknown) => Object.assign(new AnnotatedReading(), { systolic, note });
    expect(failedFields(annotated(120, 'ok'))).toEqual([]);
    expect(failedFields(annotated(-1, 42)).sort()).toEqual(['note', 'systolic']);
  });
});
