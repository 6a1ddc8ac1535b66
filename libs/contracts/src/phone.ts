import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';

// +62 or a leading 0, then digits; a single space or dash may separate groups ("+62 812-3456-7890", "0333 424 242").
const SHAPE = /^(?:\+62[ -]?|0)[0-9](?:[ -]?[0-9])*$/;
const INTERNATIONAL = /^\+62[0-9]+$/;
const MIN_DIGITS = 8;
// E.164 allows 15 digits at most (country code included): a 16-digit NIK never fits.
const MAX_DIGITS = 15;

export interface PhoneFormOptions {
  /** Only +62 followed by digits (no spaces or dashes): what an SMS / WhatsApp gateway takes. */
  international?: boolean;
}

/**
 * Is this an Indonesian phone number: +62 or 0, then the number, 8 to 15 digits in all? Every phone field of every
 * service takes only this, so a NIK (16 digits) typed into a phone field is refused at the edge.
 */
export function isIndonesianPhone(value: unknown, options: PhoneFormOptions = {}): value is string {
  if (typeof value !== 'string' || !SHAPE.test(value)) return false;
  if (options.international && !INTERNATIONAL.test(value)) return false;
  let digits = 0;
  for (const c of value) if (c >= '0' && c <= '9') digits += 1;
  return digits >= MIN_DIGITS && digits <= MAX_DIGITS;
}

/** Why a value is not a phone number, to follow the field's name. */
export const phoneFormatProblem = (options: PhoneFormOptions = {}): string =>
  options.international
    ? 'must be an Indonesian phone number in international form: +62 and 8 to 15 digits in all, e.g. +6281234567890'
    : 'must be an Indonesian phone number: +62 or 0, then 8 to 15 digits in all (spaces or dashes between digits allowed)';

/** class-validator rule for every phone field (DTOs and event contracts alike). */
export function IsIndonesianPhone(options: PhoneFormOptions = {}, validation?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIndonesianPhone',
      validator: {
        validate: (value: unknown) => isIndonesianPhone(value, options),
        defaultMessage: (args?: ValidationArguments) => `${args?.property ?? 'phone'} ${phoneFormatProblem(options)}`,
      },
    },
    validation,
  );
}

/**
 * Does this text hold something that looks like a NIK: 16 digits in a row, also when written in groups with spaces,
 * dots or dashes ("3510 2047 0596 0001")? Longer runs count too: a NIK with a digit too many is still hers.
 */
export function containsNikLike(value: string): boolean {
  let run = 0;
  for (const c of value) {
    if (c >= '0' && c <= '9') {
      run += 1;
      if (run >= 16) return true;
    } else if (c !== ' ' && c !== '.' && c !== '-') {
      run = 0; // anything but a separator between digit groups ends the run
    }
  }
  return false;
}
