import type { HandledEvent } from './event-handler';
import { PermanentEventError, assertSubject, lastPerSubject } from './event-handler';

const event = (subject: string, sequence: number): HandledEvent<{ n: number }> =>
  ({ subject, sequence, data: { n: sequence } }) as HandledEvent<{ n: number }>;

describe(assertSubject.name, () => {
  it('passes an event about its own subject', () => {
    expect(() => assertSubject(event('p-1', 1), 'p-1')).not.toThrow();
  });

  it('sends an event about another pregnancy to the dead-letter topic', () => {
    expect(() => assertSubject(event('p-1', 1), 'p-2')).toThrow(PermanentEventError);
    expect(() => assertSubject(event('p-1', 1), 'p-2')).toThrow('subject p-1 does not match pregnancy p-2 in the data');
  });
});

describe(lastPerSubject.name, () => {
  it('keeps the last event of each subject, one per subject', () => {
    const sut = lastPerSubject([event('a', 1), event('b', 1), event('a', 2), event('a', 3), event('b', 2)]);
    expect(sut.map((e) => [e.subject, e.sequence])).toEqual([
      ['a', 3],
      ['b', 2],
    ]);
  });

  it('gives nothing for nothing', () => {
    expect(lastPerSubject([])).toEqual([]);
  });
});
