import type { FastifyInstance } from 'fastify';
import type { DataSource } from 'typeorm';
import { poolAnswers, type ReadinessProbe } from '../db/readiness.repository';

/**
 * `/livez`: the process serves HTTP (no dependency is checked: restarting a pod does not bring a
 * database back). `/readyz`: the process should receive traffic — not while it is shutting down and
 * not while the database does not answer on the probe's own connection; a busy pool does not make it
 * unready. `/health`: the documented check that the database answers through the pool.
 */
export function registerProbes(
  fastify: FastifyInstance,
  dataSource: DataSource,
  readiness: ReadinessProbe,
  shuttingDown: () => boolean,
): void {
  fastify.get('/livez', async (_request, reply) =>
    reply.code(200).header('cache-control', 'no-store').send({ status: 'ok' }),
  );

  fastify.get('/readyz', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    if (shuttingDown()) return reply.code(503).send({ status: 'shutting-down' });
    if (!(await readiness.databaseAnswers())) return reply.code(503).send({ status: 'database-unavailable' });
    return reply.code(200).send({ status: 'ready' });
  });

  fastify.get('/health', async (_request, reply) => {
    try {
      await Promise.race([
        poolAnswers(dataSource),
        new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), 2_000).unref()),
      ]);
      return reply.code(200).send({ status: 'ok' });
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
}
