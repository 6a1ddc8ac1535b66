/** A JSON object (not null, not an array): what a contract's nested value or free-form facts must be. */
export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
