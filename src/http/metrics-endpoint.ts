import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config/config';
import type { Metrics } from '../graphql/metrics';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * `/metrics` is never open to anyone on the API's public port:
 * - METRICS_PORT set: served on that port only (bind it where only the scraper reaches it);
 * - METRICS_TOKEN set: answers only `Authorization: Bearer <token>` (on whichever port serves it);
 * - neither: served on the API's port in development and test, not at all in production.
 * Returns the separate server when there is one (the runtime listens and closes it).
 */
export function registerMetricsEndpoint(
  fastify: FastifyInstance,
  config: Config,
  metrics: Metrics,
): FastifyInstance | undefined {
  const { metricsPort, metricsToken } = config.http;
  const expected = metricsToken === undefined ? undefined : digest(metricsToken);
  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    void reply.header('cache-control', 'no-store');
    if (expected) {
      const match = /^Bearer\s+(\S+)$/i.exec((request.headers.authorization ?? '').trim());
      if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ errors: [{ message: 'Bearer token required', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };

  if (metricsPort !== undefined) {
    const server = Fastify({ logger: false });
    server.get('/metrics', handler);
    return server;
  }
  if (expected || config.nodeEnv !== 'production') fastify.get('/metrics', handler);
  return undefined;
}
