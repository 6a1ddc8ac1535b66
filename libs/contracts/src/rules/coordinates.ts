import { ValidateBy } from 'class-validator';

const degrees = (name: string, limit: number): PropertyDecorator =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit,
      defaultMessage: () => `$property must be a number from -${limit} to ${limit} (degrees)`,
    },
  });

/**
 * Latitude as a JSON number. class-validator's @IsLatitude also takes the string "-8.32", which was stored as given
 * and broke every later query that computed with it (no hospital could accept the referral); eslint forbids it.
 */
export const IsLatitudeNumber = (): PropertyDecorator => degrees('isLatitudeNumber', 90);

/** Longitude as a JSON number (see IsLatitudeNumber). */
export const IsLongitudeNumber = (): PropertyDecorator => degrees('isLongitudeNumber', 180);
