import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { ReadinessProbe } from '../db/readiness.repository';
import { registerAccessLog, type OperationSummary } from '../http/access-log';
import {
  BODY_LIMIT_BYTES,
  httpServerOptions,
  jsonNestedDeeperThan,
  jsonTooDeep,
  registerHardening,
} from '../http/hardening';
import { registerMetricsEndpoint } from '../http/metrics-endpoint';
import { registerProbes } from '../http/probes';
import { AuditAction, AuditOutcome, AuditRecorder } from '../modules/audit/audit.recorder';
import type { Organisation } from '../modules/identity/identity.entities';
import { tokenHash } from '../modules/identity/identity.service';
import { readProviderFile } from '../modules/identity/oidc/oidc-providers.file';
import { registerOidcRoutes } from '../modules/identity/oidc/oidc.routes';
import { ErrorCode } from '../shared/errors';
import { auditPlugin, errorSummary } from './audit.plugin';
import { idempotencyPlugin } from './idempotency.plugin';
import { RequestContext } from './context';
import { formatError, KNOWN_ERROR_CODES } from './errors';
import { forbiddenTextRule, inputGuardPlugin } from './input-guard';
import { GRAPHIQL_ASSET_PREFIX, GRAPHIQL_CSP, graphiqlAsset, graphiqlPage } from './graphiql';
import { armorRules, costLimitPlugin, LIMITS } from './limits';
import { Metrics, type PoolStats } from './metrics';
import { RequestRateLimiter } from './rate-limit';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';
import { registerConsole } from '../web/console';
import { bearerToken, requestToken, sessionCookiePlugin } from '../web/session-cookie';

export { BODY_LIMIT_BYTES };
/** Tokens a GraphQL document may have; a longer one fails to parse (GRAPHQL_PARSE_FAILED, audited). */
export const MAX_TOKENS = LIMITS.tokens;

export interface App {
  fastify: FastifyInstance;
  apollo: ApolloServer<RequestContext>;
  services: Services;
  metrics: Metrics;
  /** `/metrics` on METRICS_PORT, when set (the runtime listens and closes it). */
  metricsServer: FastifyInstance | undefined;
  readiness: ReadinessProbe;
  /** From now on /readyz answers 503: the load balancer stops sending requests. */
  beginShutdown(): void;
}

/** `Query.me`, `Mutation.login`, …: every root field of the schema (the metrics' operation labels). */
function rootFieldNames(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (type) for (const field of Object.keys(type.getFields())) names.add(`${type.name}.${field}`);
  }
  for (const meta of ['__typename', '__schema', '__type']) names.add(`Query.${meta}`);
  names.add('Mutation.__typename');
  return names;
}

/**
 * GET serves queries without a preflight header, so that clients such as urql (GET /graphql?query=…)
 * work. This keeps CSRF protection where it matters: Apollo refuses a mutation over GET (405) whatever
 * the headers, a POST still needs a JSON body or a preflight header (no form or text/plain POST from
 * another site runs), and a query carries no ambient credentials a cross-site page could borrow — the
 * API reads a bearer token, which a browser never adds on its own (see docs/api.md).
 */
function allowSafeGet(request: FastifyRequest): void {
  if (request.method !== 'GET') return;
  const query = request.query as Record<string, unknown>;
  for (const name of ['variables', 'extensions']) {
    const value = query[name];
    if (typeof value === 'string' && jsonNestedDeeperThan(value, LIMITS.jsonDepth)) throw jsonTooDeep();
  }
  if (
    request.headers['apollo-require-preflight'] === undefined &&
    request.headers['x-apollo-operation-name'] === undefined
  ) {
    request.headers['apollo-require-preflight'] = 'get';
  }
}

function poolStats(dataSource: DataSource): PoolStats | undefined {
  // TypeORM does not type its driver's pg pool; read only the three counters pg documents.
  const pool = (
    dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }
  ).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined;
}

export async function createApp(config: Config, logger: Logger, dataSource: DataSource): Promise<App> {
  const schema = await buildAppSchema();
  const services = createServices(dataSource, config);
  const metrics = new Metrics(() => poolStats(dataSource), rootFieldNames(schema), KNOWN_ERROR_CODES);
  const development = config.nodeEnv === 'development';
  const readiness = new ReadinessProbe(String((dataSource.options as { url?: string }).url));
  let shuttingDown = false;

  const fastify = Fastify({
    loggerInstance: logger.child({ component: 'http' }) as FastifyBaseLogger,
    // One access-log line per request of our own (src/http/access-log.ts), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    ...httpServerOptions(config.http),
    genReqId: () => randomUUID(),
    // Behind a load balancer the client address (login throttling, audit) comes from X-Forwarded-For
    // of the listed proxies only.
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    return503OnClosing: true,
  });

  await registerHardening(fastify, config.http, logger);
  /** The GraphQL context of each request that got one; what the access log and the refusal hook read. */
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  /** Requests refused before GraphQL ran, as the access log describes them. */
  const refusals = new WeakMap<FastifyRequest, OperationSummary>();
  registerAccessLog(fastify, logger, (request) => contexts.get(request)?.accessLog.summary ?? refusals.get(request));

  // Requests without a valid session are counted per client address before any GraphQL runs.
  const limiter = new RequestRateLimiter(dataSource, config.anonymousRequestsPerMinute, logger);
  limiter.register(fastify, '/graphql', (request) => requestToken(request) !== undefined);

  const armor = armorRules();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    introspection: config.nodeEnv !== 'production',
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts handles SIGINT/SIGTERM and stops everything in order; Apollo's own handlers (on by
    // default outside NODE_ENV=test) raced it, and the shutdown hung until the 15 s fallback,
    // leaving the embedded PostgreSQL running.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    validationRules: [...armor.validationRules, forbiddenTextRule],
    plugins: [
      ...armor.plugins,
      costLimitPlugin<RequestContext>(),
      auditPlugin(logger, metrics),
      idempotencyPlugin(),
      inputGuardPlugin<RequestContext>(),
      sessionCookiePlugin(!development && config.nodeEnv !== 'test'),
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used: the default cache-control plugin only wrapped every field resolver
      // to compute "not cacheable". The route below sends `cache-control: no-store` itself.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request: FastifyRequest) => {
      const audit = new AuditRecorder(request.id, request.ip ?? null);
      // Only a GraphQL request (GET, POST) looks up its session: OPTIONS and the like are not audited
      // and so must not touch one (last_seen_at).
      const token = request.method === 'GET' || request.method === 'POST' ? requestToken(request) : undefined;
      const authenticated = token ? await services.identity.authenticate(token) : undefined;
      if (token && !authenticated && !(await limiter.admit(request))) throw RequestRateLimiter.error();
      const ctx = new RequestContext(
        dataSource,
        services,
        audit,
        authenticated?.principal,
        authenticated?.profile,
        authenticated?.topology,
      );
      const idempotencyKey = request.headers['idempotency-key'];
      ctx.idempotencyKey = Array.isArray(idempotencyKey) ? idempotencyKey.join(',') : idempotencyKey;
      if (authenticated) {
        // The session lookup already read the caller's organisation: no second query for it. The
        // loader serves entities; these three fields are all the GraphQL type reads of one.
        ctx.loaders.organisation.prime(
          authenticated.profile.organisation.id,
          authenticated.profile.organisation as Organisation,
        );
      }
      ctx.cookieSession = token !== undefined && bearerToken(request) === undefined;
      ctx.requestOrigin = `${request.protocol}://${request.host}`;
      contexts.set(request, ctx);
      return ctx;
    },
  });

  fastify.route({
    method: ['POST', 'GET', 'OPTIONS'],
    url: '/graphql',
    handler: async (request, reply) => {
      // The IDE page, for a browser asking for HTML in development; everything else is GraphQL.
      if (
        request.method === 'GET' &&
        development &&
        !('query' in (request.query as object)) &&
        (request.headers.accept ?? '').includes('text/html')
      ) {
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', GRAPHIQL_CSP)
          .header('cache-control', 'no-store')
          .send(graphiqlPage());
      }
      // Every GraphQL answer is per caller: never stored by a cache (what Apollo's cache-control plugin sent).
      void reply.header('cache-control', 'no-store');
      allowSafeGet(request);
      return graphqlHandler.call(fastify, request, reply);
    },
  });

  if (development) {
    // The IDE's files, from npm packages on an allow-list (see graphiql.ts); URLs carry a version.
    fastify.get<{ Params: { name: string } }>(`${GRAPHIQL_ASSET_PREFIX}:name`, async (request, reply) => {
      const asset = graphiqlAsset(request.params.name);
      if (!asset) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
      return reply
        .type(asset.contentType)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(asset.body);
    });
  }

  /**
   * Requests to /graphql refused before any GraphQL runs — a malformed, oversized or non-JSON body,
   * a CSRF refusal, a batched array — never reach the audit plugin: they are recorded here, before
   * the refusal leaves, and fail closed like every other request. Every response names its request
   * id (`x-request-id`), the key of its audit events.
   */
  fastify.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-request-id', request.id);
    if (request.routeOptions.url !== '/graphql' || request.method === 'OPTIONS') return payload;
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload; // the IDE page
    const ctx = contexts.get(request);
    if (ctx?.audit.recorded || limiter.wasRefused(request)) return payload;
    // A refusal with a token that never reached a session counts like an anonymous request.
    // (If the count itself fails, the audit write below fails too and answers 500.)
    if (!ctx && requestToken(request) && !(await limiter.admit(request).catch(() => true))) return payload;
    const audit = ctx?.audit ?? new AuditRecorder(request.id, request.ip ?? null);
    audit.recorded = true;
    const token = requestToken(request);
    if (!ctx && token) audit.sessionHash = tokenHash(token);
    const errorCode = refusalCode(payload, reply.statusCode);
    refusals.set(request, { operationType: 'invalid', operationName: null, rootFields: [], code: errorCode });
    try {
      await services.audit.write(
        audit.drafts({
          principal: ctx?.principal,
          operationType: 'invalid',
          operationName: null,
          outcome: AuditOutcome.ERROR,
          errorCode,
          defaultAction: AuditAction.READ,
        }),
      );
      return payload;
    } catch (error) {
      logger.error({ requestId: request.id, err: errorSummary(error) }, 'audit write failed for a refused request');
      void reply.code(500).type('application/json; charset=utf-8');
      return JSON.stringify({
        errors: [
          {
            message: 'The request could not be recorded in the audit log and was not carried out',
            extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
          },
        ],
      });
    }
  });

  registerProbes(fastify, dataSource, readiness, () => shuttingDown);
  const metricsServer = registerMetricsEndpoint(fastify, config, metrics);
  // Sign-in through the organisations' identity providers (docs/sign-in.md).
  if (config.oidcProvidersFile)
    await services.oidc.applyProviders(readProviderFile(config.oidcProvidersFile, config.nodeEnv));
  registerOidcRoutes(fastify, services.oidc, { secureCookies: !development });

  registerConsole(fastify, config);

  return {
    fastify,
    apollo,
    services,
    metrics,
    metricsServer,
    readiness,
    beginShutdown: () => {
      shuttingDown = true;
    },
  };
}

/** The `extensions.code` of a refusal's JSON body, for its audit event; else named by the HTTP status. */
function refusalCode(payload: unknown, status: number): string {
  if (typeof payload === 'string') {
    try {
      const code = (JSON.parse(payload) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions
        ?.code;
      if (typeof code === 'string' && code.length <= 64) return code;
    } catch {
      // not JSON: fall through
    }
  }
  return status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST';
}
