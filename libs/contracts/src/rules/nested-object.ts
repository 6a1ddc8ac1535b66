import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateNested } from 'class-validator';

type Class = new (...args: never[]) => object;

const composeDecorators =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, property) => {
    for (const decorate of decorators) decorate(target, property);
  };

/**
 * One nested object checked by its own class: required unless @IsOptional() (or @ValidateIf()) says otherwise, and
 * never an array or a scalar. @ValidateNested alone skips a missing value and checks an array's elements instead of
 * refusing it: `mother` left out, or `history: []` (stored as `{}`), reached the service. The only way nested
 * objects are declared (eslint forbids @ValidateNested elsewhere).
 */
export const IsNestedObject = (type: () => Class): PropertyDecorator =>
  composeDecorators(IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));

/** A list of nested objects, each checked by its own class: required unless @IsOptional(), an array, each element an object. */
export const IsNestedArray = (type: () => Class): PropertyDecorator =>
  composeDecorators(
    IsArray(),
    IsObject({ each: true, message: 'each value in $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
