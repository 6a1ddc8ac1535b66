import { validateSync, type ValidationError } from 'class-validator';
import { toContractInstance } from './contract-instance';
import { eventDefinitionForType } from './event-catalog';
import { cacheValidationMetadata } from './validation-metadata-cache';

export class InvalidEventError extends Error {
  constructor(
    readonly eventType: string,
    readonly violations: string[],
  ) {
    super(`invalid ${eventType}: ${violations.join('; ')}`);
    this.name = 'InvalidEventError';
  }
}

const flatten = (errors: ValidationError[], parent = ''): string[] =>
  errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });

/** Checks an event's data against its versioned contract; throws InvalidEventError on an unknown type or bad data. */
export function validateEventData<T extends object>(type: string, data: unknown): T {
  cacheValidationMetadata();
  const definition = eventDefinitionForType(type);
  if (!definition) throw new InvalidEventError(type, ['unknown event type']);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new InvalidEventError(type, ['data is not an object']);
  const instance = toContractInstance(definition.dataClass, data as Record<string, unknown>) as T;
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) throw new InvalidEventError(type, flatten(errors));
  return instance;
}
