import type { ServerOptions } from 'node:http';
import cors from '@fastify/cors';
import helmet from 'helmet';
import type { FastifyInstance } from 'fastify';
import type { HttpConfig } from '../config/http';
import type { Logger } from '../config/logger';
import { LIMITS } from '../graphql/limits';

export const BODY_LIMIT_BYTES = 256 * 1024;

/** A request refused at the HTTP layer, with a message written for the client. */
export class HttpRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly code = 'BAD_REQUEST',
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/**
 * Timeouts of the HTTP server (defaults in src/config/http.ts): the headers must arrive within
 * 10 s and the whole request, body included, within 30 s, else the server answers 408 and closes
 * the connection; an idle keep-alive connection is closed after 65 s (above the 60 s idle timeout
 * of common load balancers, so they never reuse a connection the server is closing). Node checks
 * the request and header timeouts every `connectionsCheckingInterval`; 1 s keeps them accurate.
 */
export function httpServerOptions(http: HttpConfig): {
  bodyLimit: number;
  requestTimeout: number;
  keepAliveTimeout: number;
  http: ServerOptions;
} {
  return {
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      connectionsCheckingInterval: 1_000,
    },
  };
}

/**
 * True when `text` (JSON) nests objects or arrays deeper than `max`. A linear scan before JSON.parse:
 * a body of 256 KiB can nest about 130,000 levels, and walking such a value later (GraphQL's variable
 * coercion, the input guard) overflowed the stack as a 500 RangeError.
 */
export function jsonNestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

export const jsonTooDeep = (): HttpRefusal =>
  new HttpRefusal(
    400,
    `JSON is nested more than ${LIMITS.jsonDepth} levels deep (the JSON depth limit); send flatter variables.`,
  );

/**
 * Security headers suited to a JSON API (no page of it may be framed, loaded as a script or style, or
 * embedded by another origin), CORS for the origins in CORS_ORIGINS only, a neutral 404, a JSON body
 * parser with a nesting limit, and errors written for the client. Routes that serve pages of their own
 * (the development IDE) set their own Content-Security-Policy, which replaces the API's.
 */
export async function registerHardening(fastify: FastifyInstance, http: HttpConfig, logger: Logger): Promise<void> {
  // Helmet's middleware is made once: @fastify/helmet built it anew from the options for every request
  // (issue #26's profile). It sets the headers on the raw response; a route's own reply.header (the
  // development IDE's or the console's Content-Security-Policy) replaces one when the reply is sent.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });

  if (http.corsOrigins.length > 0) {
    // Browsers on the listed origins call the API with a bearer token; no credentials (cookies) are
    // allowed cross-origin. Other origins get no CORS headers, so a browser withholds the answer.
    await fastify.register(cors, {
      origin: http.corsOrigins,
      methods: ['GET', 'POST'],
      allowedHeaders: [
        'authorization',
        'content-type',
        'apollo-require-preflight',
        'x-apollo-operation-name',
        'traceparent',
        'tracestate',
        'idempotency-key',
      ],
      exposedHeaders: ['x-request-id', 'traceparent'],
      credentials: false,
      maxAge: 600,
      strictPreflight: true,
    });
  }

  // The same JSON parser as Fastify's (prototype-poisoning protection), behind a nesting check.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestedDeeperThan(body as string, LIMITS.jsonDepth)) {
      done(jsonTooDeep(), undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });

  fastify.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });

  fastify.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error({ requestId: request.id, code: error.code }, 'unhandled HTTP error');
    const message =
      error instanceof HttpRefusal
        ? error.message
        : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `Request body is larger than ${BODY_LIMIT_BYTES} bytes (the body limit); send smaller variables, or split the request.`
          : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
            ? 'Unsupported Content-Type; send application/json'
            : status === 500
              ? 'Internal server error'
              : 'Malformed request body; send a JSON object with a "query" string';
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : error instanceof HttpRefusal ? error.code : 'BAD_REQUEST';
    void reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  });
}
