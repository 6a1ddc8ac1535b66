import type { MigrationInterface, QueryRunner } from 'typeorm';
import { legacyCalendarDate } from './legacy-calendar-date';

const FIELDS = ['lastBirthDate', 'marriageDate'] as const;

/**
 * Dates in a stored obstetric history are calendar dates, as the contracts now require: before, the edge took any
 * ISO 8601 form (`2020-100`, `2020-W15-5`, a date-time) and a later update event would carry it to consumers that
 * refuse it. The other dates are `date` columns, which PostgreSQL already gives back as YYYY-MM-DD. A form naming no
 * single day (`2020-06`) becomes unknown (null): the rules engine could never read it either.
 */
export class HistoryCalendarDates1765213100000 implements MigrationInterface {
  name = 'HistoryCalendarDates1765213100000';

  async up(db: QueryRunner): Promise<void> {
    const rows = (await db.query(
      `SELECT id, history FROM pregnancy
       WHERE history->>'lastBirthDate' !~ '^\\d{4}-\\d{2}-\\d{2}$' OR history->>'marriageDate' !~ '^\\d{4}-\\d{2}-\\d{2}$'`,
    )) as { id: string; history: Record<string, unknown> }[];
    for (const { id, history } of rows) {
      const fixed = { ...history };
      for (const field of FIELDS) {
        const value = history[field];
        if (typeof value === 'string') fixed[field] = legacyCalendarDate(value);
      }
      await db.query(`UPDATE pregnancy SET history = $2::jsonb WHERE id = $1`, [id, JSON.stringify(fixed)]);
    }
  }

  async down(): Promise<void> {
    // The original forms are not kept: nothing to undo.
  }
}
