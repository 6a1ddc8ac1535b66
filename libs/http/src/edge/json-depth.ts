import type { FastifyBodyParser, FastifyInstance } from 'fastify';
import { ValidationProblem } from '../problem/problem';

/** Far deeper than any Siaga payload needs (a risk preview, the deepest, has 3 levels). */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

interface Frame {
  object: boolean;
  /** Object: where the current key's JSON string starts and ends; array: the current index. */
  keyStart: number;
  keyEnd: number;
  index: number;
  expectKey: boolean;
}

/** Index just past the JSON string starting at `start` (a quote); the text's length when unterminated. */
function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
}

const segmentOf = (text: string, frame: Frame): string => {
  if (!frame.object) return String(frame.index);
  try {
    return String(JSON.parse(text.slice(frame.keyStart, frame.keyEnd)));
  } catch {
    return '?';
  }
};

/**
 * The path (`mother.address.x.0`) of the first object or array nested deeper than `maxDepth`, or null. A linear scan
 * of the text, before anything parses it: class-transformer and class-validator recurse once per level and run out
 * of stack on a 10,000-deep body. Malformed JSON is left to the parser.
 */
export function tooDeepJsonPath(text: string, maxDepth = MAX_JSON_DEPTH): string | null {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = endOfString(text, i);
      const top = stack.at(-1);
      if (top?.object && top.expectKey) Object.assign(top, { keyStart: i, keyEnd: end, expectKey: false });
      i = end - 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (stack.length >= maxDepth) return stack.map((frame) => segmentOf(text, frame)).join('.');
      stack.push({ object: c === OPEN_OBJECT, keyStart: 0, keyEnd: 0, index: 0, expectKey: c === OPEN_OBJECT });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
    } else if (c === COMMA) {
      const top = stack.at(-1);
      if (top?.object) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/** Fastify's own JSON parser (prototype poisoning refused), behind the depth check: a 400 naming the path. */
export function depthLimitedJsonParser(fastify: FastifyInstance, maxDepth = MAX_JSON_DEPTH): FastifyBodyParser<Buffer> {
  const parse: JsonParser = fastify.getDefaultJsonParser('error', 'error');
  return (request, body, done) => {
    const text = body.toString('utf8');
    const path = tooDeepJsonPath(text, maxDepth);
    if (path !== null) {
      done(new ValidationProblem([{ field: path, message: `nests objects or arrays deeper than ${maxDepth} levels` }]), undefined);
      return;
    }
    void parse(request, text, done);
  };
}
