import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem';
import { toProblem } from '../problem/problem.filter';

const withStatus = (statusCode: number, detail: string): Error & { statusCode: number } => Object.assign(new Error(detail), { statusCode });

/** What the router refuses before any hook runs, said without echoing the (possibly huge) path back. */
const ROUTER_REFUSALS: Record<string, { status: number; detail: string }> = {
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, detail: 'A path parameter is longer than any this API accepts' },
  FST_ERR_BAD_URL: { status: 400, detail: 'The path is not validly percent-encoded UTF-8' },
};

/**
 * Fastify's `frameworkErrors`: the router's own refusals (an over-long path parameter, a malformed path) as problem
 * documents. Fastify would answer them with its own JSON shape, which no Siaga client reads.
 */
export function routerErrorAsProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = ROUTER_REFUSALS[error.code];
  const status = known?.status ?? (error.statusCode && error.statusCode < 500 ? error.statusCode : 400);
  const problem = toProblem(withStatus(status, known?.detail ?? 'The request cannot be routed'), request.url, String(request.id));
  void reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** What Node's HTTP parser refuses, before a request exists: no route, no request id of the caller's. */
function parserRefusal(error: Error & { code?: string }): { status: number; detail: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') return { status: 431, detail: 'The request headers are larger than this server accepts' };
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') return { status: 408, detail: 'The request did not arrive in time' };
  return { status: 400, detail: 'The request is not valid HTTP/1.1' };
}

/**
 * Fastify's `clientErrorHandler`: oversized headers (431), a request timeout (408) or a malformed request (400),
 * answered as a problem document on the raw socket (as Fastify's default handler does), then the socket closed.
 */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const { status, detail } = parserRefusal(error);
  if (socket.writable) {
    const { instance: _none, ...problem } = toProblem(withStatus(status, detail), '', randomUUID());
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
