import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger';
import { RATE_WINDOW_SECONDS, RateLimitRepository } from '../modules/audit/rate-limit.repository';
import { ErrorCode } from '../shared/errors';

export const RATE_LIMITED_MESSAGE = 'Too many requests without a valid session from this address; try again later';

/**
 * The flood guard of the audit log: requests to /graphql without a valid session (anonymous ones,
 * and ones whose token fails) are counted per client address in PostgreSQL; past the limit they are
 * refused with 429 before any GraphQL runs and are counted, not written to the audit log one by one.
 * Requests with a valid session are not counted here: each of their events names its actor.
 */
export class RequestRateLimiter {
  private readonly repo = new RateLimitRepository();
  private readonly refused = new WeakSet<FastifyRequest>();
  private hits = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly perMinute: number,
    private readonly logger: Logger,
  ) {}

  /** This request was refused by the limit: its refusal is counted, and it gets no audit event. */
  wasRefused(request: FastifyRequest): boolean {
    return this.refused.has(request);
  }

  /** The error a GraphQL context throws for a request past the limit. */
  static error(): GraphQLError {
    return new GraphQLError(RATE_LIMITED_MESSAGE, {
      extensions: { code: ErrorCode.RATE_LIMITED, http: { status: 429 } },
    });
  }

  /** Counts the request; false (and counted as refused) when its address is past the limit. */
  async admit(request: FastifyRequest): Promise<boolean> {
    const address = request.ip ?? 'unknown';
    const manager = this.dataSource.manager;
    const requests = await this.repo.hit(manager, address);
    if (++this.hits % 1000 === 0) {
      this.repo
        .purgeStale(manager)
        .catch((error: unknown) => this.logger.warn({ err: String(error) }, 'rate-limit purge failed'));
    }
    if (requests <= this.perMinute) return true;
    this.refused.add(request);
    await this.repo.countRefusal(manager, requests === this.perMinute + 1);
    return false;
  }

  /** Wires the limit into Fastify: anonymous requests to `url` are counted before their body is read. */
  register(fastify: FastifyInstance, url: string, hasToken: (request: FastifyRequest) => boolean): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (request.routeOptions.url !== url || request.method === 'OPTIONS' || hasToken(request)) return;
      if (await this.admit(request)) return;
      return reply
        .code(429)
        .header('retry-after', String(RATE_WINDOW_SECONDS))
        .send({ errors: [{ message: RATE_LIMITED_MESSAGE, extensions: { code: ErrorCode.RATE_LIMITED } }] });
    });
  }
}
