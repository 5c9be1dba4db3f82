import { randomFillSync } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from '../config/logger';
import { activeSpanContext } from './tracing';

/** What the access log says about a request's GraphQL operation (never its variables or text). */
export interface OperationSummary {
  operationType: string;
  operationName: string | null;
  /** `Type.field` of the operation's root selections. */
  rootFields: readonly string[];
  /** The first error's `extensions.code`; null when the operation succeeded. */
  code: string | null;
}

export interface TraceContext {
  traceId: string;
  spanId: string;
  /** Trace flags, two hex digits (`01`: sampled). */
  flags: string;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-[^\s]*)?$/;

/**
 * A W3C `traceparent` header (Trace Context, version 00; a later version is read by its first four
 * fields), or undefined when it is malformed: then the request starts a trace of its own.
 */
export function parseTraceparent(header: unknown): { traceId: string; parentId: string; flags: string } | undefined {
  if (typeof header !== 'string' || header.length > 512) return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (!match) return undefined;
  const [, version, traceId, parentId, flags, rest] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string | undefined,
  ];
  if (version === 'ff' || (version === '00' && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId) || /^0+$/.test(parentId)) return undefined;
  return { traceId, parentId, flags };
}

const traces = new WeakMap<FastifyRequest, TraceContext>();

/**
 * Random hex for trace and span ids, drawn from a buffer refilled 4 KiB at a time: one `randomBytes`
 * per id was a system call on every request (issue #26's profile). The ids identify, they protect nothing.
 */
const randomPool = Buffer.allocUnsafe(4096);
let randomOffset = randomPool.length;
function randomHex(bytes: number): string {
  if (randomOffset + bytes > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const hex = randomPool.toString('hex', randomOffset, randomOffset + bytes);
  randomOffset += bytes;
  return hex;
}

/** The trace this request belongs to (set when it arrived). */
export function traceOf(request: FastifyRequest): TraceContext | undefined {
  return traces.get(request);
}

function pathOf(url: string): string {
  const path = url.split('?', 1)[0] ?? '';
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * W3C trace context and one structured access-log line per request: request id, trace id, method,
 * path (never the query string: a GET's query and variables travel there), status, duration, and for
 * GraphQL the operation type, name, root fields and outcome code. Never variables, tokens or bodies.
 *
 * The trace id is the caller's (`traceparent`), or the OpenTelemetry span's when tracing is on, or a
 * new one; every response carries `traceparent` with this server's span id.
 */
export function registerAccessLog(
  fastify: FastifyInstance,
  logger: Logger,
  summaryOf: (request: FastifyRequest) => OperationSummary | undefined,
): void {
  const log = logger.child({ component: 'access' });

  fastify.addHook('onRequest', async (request, reply) => {
    const span = activeSpanContext();
    const incoming = parseTraceparent(request.headers.traceparent);
    const trace: TraceContext = span ?? {
      traceId: incoming?.traceId ?? randomHex(16),
      spanId: randomHex(8),
      flags: incoming?.flags ?? '00',
    };
    traces.set(request, trace);
    void reply.header('traceparent', `00-${trace.traceId}-${trace.spanId}-${trace.flags}`);
  });

  fastify.addHook('onResponse', async (request, reply) => {
    const summary = summaryOf(request);
    const status = reply.statusCode;
    log.info(
      {
        requestId: request.id,
        traceId: traces.get(request)?.traceId,
        method: request.method,
        path: pathOf(request.url),
        status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
        ...(summary
          ? {
              operationType: summary.operationType,
              operationName: summary.operationName,
              rootFields: summary.rootFields,
            }
          : {}),
        outcome: summary?.code ?? (status < 400 ? 'OK' : `HTTP_${status}`),
      },
      'request',
    );
  });
}
