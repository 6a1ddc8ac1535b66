import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { ValidationProblem, type FieldViolation } from '../problem/problem';

/** Enough to name what is wrong; a body full of NULs must not make an answer as large as itself. */
const MAX_VIOLATIONS = 20;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why PostgreSQL would refuse the text (NUL) or store something else than was sent (a lone surrogate); null when fine. */
function textFault(text: string): string | null {
  if (text.includes('\u0000')) return 'must not contain the NUL character (\\u0000)';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it holds a lone surrogate such as \\ud800)';
  return null;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

function collect(value: unknown, path: string, into: FieldViolation[]): void {
  if (into.length >= MAX_VIOLATIONS) return;
  if (typeof value === 'string') {
    const fault = textFault(value);
    if (fault) into.push({ field: path || '(body)', message: fault });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => collect(item, join(path, String(index)), into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const fault = textFault(key);
      if (fault) into.push({ field: join(path, JSON.stringify(key)), message: `key ${fault}` });
      else collect(item, join(path, key), into);
    }
  }
}

/**
 * Every string of a request's body, query and path parameters (keys too) that no column can hold as sent, each
 * named by its path (`mother.name`, `cursor`, `id`). One check for every endpoint instead of a rule per field.
 */
export function unsafeTextViolations(request: Pick<FastifyRequest, 'body' | 'query' | 'params'>): FieldViolation[] {
  const violations: FieldViolation[] = [];
  for (const part of [request.params, request.query, request.body]) collect(part, '', violations);
  return violations.slice(0, MAX_VIOLATIONS);
}

/** Fastify preValidation hook: a 400 naming every unsafe string before guards, interceptors or handlers see it. */
export function refuseUnsafeText(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const violations = unsafeTextViolations(request);
  done(violations.length > 0 ? new ValidationProblem(violations) : undefined);
}
