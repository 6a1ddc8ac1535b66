import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem, type FieldViolation } from './problem';

const flatten = (errors: ValidationError[], parent = ''): FieldViolation[] =>
  errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });

/** Whitelisting, unknown fields rejected, payloads transformed to their DTO classes; errors name the field. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flatten(errors)),
  });
