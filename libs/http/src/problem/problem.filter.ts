import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, HttpStatus, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LOGGER, type Logger } from '@siaga/observability';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE, ProblemException, ValidationProblem, type ProblemDocument } from './problem';

/** Nest's name of the status (BAD_REQUEST), else Node's (431 Request Header Fields Too Large, which Nest lacks). */
const words = (status: number): string[] => (HttpStatus[status] ?? STATUS_CODES[status] ?? 'Error').toLowerCase().split(/[_ ]/);

const titleOf = (status: number): string =>
  words(status)
    .map((w, i) => (i === 0 ? w[0].toUpperCase() + w.slice(1) : w))
    .join(' ');

const slug = (status: number): string => words(status).join('-');

const messageOf = (response: string | object, fallback: string): string => {
  const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : fallback;
};

/** Turns anything thrown into an RFC 9457 document. 5xx details never leak to the caller. */
export function toProblem(error: unknown, instance: string, requestId: string): ProblemDocument {
  if (error instanceof ProblemException) {
    return {
      type: `${PROBLEM_TYPE_BASE}${error.code}`,
      title: titleOf(error.status),
      status: error.status,
      detail: error.message,
      instance,
      requestId,
      code: error.code,
      ...(error instanceof ValidationProblem ? { errors: error.violations } : {}),
      ...error.extensions,
    };
  }
  const status =
    error instanceof HttpException
      ? error.getStatus()
      : typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
  const detail =
    status >= 500
      ? 'An unexpected error occurred'
      : error instanceof HttpException
        ? messageOf(error.getResponse(), error.message)
        : (error as Error).message;
  return { type: `${PROBLEM_TYPE_BASE}${slug(status)}`, title: titleOf(status), status, detail, instance, requestId };
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = toProblem(error, request.url, String(request.id));
    if (problem.status >= 500 && problem.status !== 503) this.logger.error({ err: error, requestId: request.id }, 'request failed');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
