/** Comparators as data, so a district variant (< instead of <=) is a rule-set value, not a code fork. */
export type Comparator = '<' | '<=' | '>' | '>=';

export interface Threshold {
  readonly op: Comparator;
  readonly value: number;
}

/** Kleene three-valued truth: null is "unknown", never silently "no". */
export type Tri = boolean | null;

export function unreachable(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}

export function meets(x: number, threshold: Threshold): boolean {
  switch (threshold.op) {
    case '<':
      return x < threshold.value;
    case '<=':
      return x <= threshold.value;
    case '>':
      return x > threshold.value;
    case '>=':
      return x >= threshold.value;
    default:
      return unreachable(threshold.op);
  }
}

export function describeThreshold(threshold: Threshold): string {
  return `${threshold.op} ${threshold.value}`;
}

export function isKnown<T>(value: T | null | undefined): value is T {
  return value !== null && value !== undefined;
}

export function triOf(value: boolean | null | undefined): Tri {
  return value === true ? true : value === false ? false : null;
}

export function and3(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  return a === true && b === true ? true : null;
}
