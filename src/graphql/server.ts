import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { DataSource } from 'typeorm';
import type { Config } from '../config/config';
import type { Logger } from '../config/logger';
import { AuditAction, AuditOutcome, AuditRecorder } from '../modules/audit/audit.recorder';
import type { Organisation } from '../modules/identity/identity.entities';
import { tokenHash } from '../modules/identity/identity.service';
import { readProviderFile } from '../modules/identity/oidc/oidc-providers.file';
import { registerOidcRoutes } from '../modules/identity/oidc/oidc.routes';
import { ErrorCode } from '../shared/errors';
import { auditPlugin, errorSummary } from './audit.plugin';
import { RequestContext } from './context';
import { formatError } from './errors';
import { forbiddenTextRule, inputGuardPlugin } from './input-guard';
import { GRAPHIQL_ASSET_PREFIX, GRAPHIQL_CSP, graphiqlAsset, graphiqlPage } from './graphiql';
import { Metrics, type PoolStats } from './metrics';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';

export const BODY_LIMIT_BYTES = 256 * 1024;
/** Tokens a GraphQL document may have; a longer one fails to parse (GRAPHQL_PARSE_FAILED, audited). */
export const MAX_TOKENS = 2000;

export interface App {
  fastify: FastifyInstance;
  apollo: ApolloServer<RequestContext>;
  services: Services;
  metrics: Metrics;
}

function poolStats(dataSource: DataSource): PoolStats | undefined {
  // TypeORM does not type its driver's pg pool; read only the three counters pg documents.
  const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : undefined;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1];
}

export async function createApp(config: Config, logger: Logger, dataSource: DataSource): Promise<App> {
  const schema = await buildAppSchema();
  const services = createServices(dataSource, config);
  const metrics = new Metrics(() => poolStats(dataSource));
  const development = config.nodeEnv === 'development';

  const fastify = Fastify({
    loggerInstance: logger.child({ component: 'http' }) as FastifyBaseLogger,
    disableRequestLogging: true, // we log per GraphQL operation ourselves
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    // Behind a load balancer the client address (login throttling, audit) comes from X-Forwarded-For
    // of the listed proxies only.
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    return503OnClosing: true,
  });

  const armor = new ApolloArmor({
    // Each refusal names the limit it hit, but never the number (exposeLimits: false).
    maxDepth: { n: 10, exposeLimits: false, ignoreIntrospection: true, errorMessage: 'Query is nested too deeply' },
    maxAliases: { n: 15, exposeLimits: false, errorMessage: 'Query uses too many aliases' },
    // Token limit through graphql-js's own parser (parseOptions below), not armor's plugin: that one
    // throws from a plugin hook, which skips willSendResponse (no audit event) and answers 500.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, exposeLimits: false, errorMessage: 'Query uses too many directives' },
    costLimit: { maxCost: 5000, exposeLimits: false, ignoreIntrospection: true, errorMessage: 'Query is too complex' },
    blockFieldSuggestion: { enabled: true },
  }).protect();

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
      auditPlugin(logger, metrics),
      inputGuardPlugin<RequestContext>(),
      fastifyApolloDrainPlugin(fastify),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used: the default cache-control plugin only wrapped every field resolver
      // to compute "not cacheable". The route below sends `cache-control: no-store` itself.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  /** The GraphQL context of each request that got one; what the refusal hook below looks at. */
  const contexts = new WeakMap<FastifyRequest, RequestContext>();
  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request: FastifyRequest) => {
      const audit = new AuditRecorder(request.id, request.ip ?? null);
      const token = bearerToken(request);
      const authenticated = token ? await services.identity.authenticate(token) : undefined;
      const ctx = new RequestContext(dataSource, services, audit, authenticated?.principal, authenticated?.profile, authenticated?.topology);
      if (authenticated) {
        // The session lookup already read the caller's organisation: no second query for it. The
        // loader serves entities; these three fields are all the GraphQL type reads of one.
        ctx.loaders.organisation.prime(authenticated.profile.organisation.id, authenticated.profile.organisation as Organisation);
      }
      contexts.set(request, ctx);
      return ctx;
    },
  });

  fastify.route({ method: ['POST', 'GET', 'OPTIONS'], url: '/graphql', handler: async (request, reply) => {
    // The IDE page, for a browser asking for HTML in development; everything else is GraphQL.
    if (request.method === 'GET' && development && !('query' in (request.query as object)) && (request.headers.accept ?? '').includes('text/html')) {
      return reply
        .type('text/html; charset=utf-8')
        .header('content-security-policy', GRAPHIQL_CSP)
        .header('cache-control', 'no-store')
        .send(graphiqlPage());
    }
    // Every GraphQL answer is per caller: never stored by a cache (what Apollo's cache-control plugin sent).
    void reply.header('cache-control', 'no-store');
    return graphqlHandler.call(fastify, request, reply);
  } });

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
    if (ctx?.audit.recorded) return payload;
    const audit = ctx?.audit ?? new AuditRecorder(request.id, request.ip ?? null);
    audit.recorded = true;
    const token = bearerToken(request);
    if (!ctx && token) audit.sessionHash = tokenHash(token);
    try {
      await services.audit.write(
        audit.drafts({
          principal: ctx?.principal,
          operationType: 'invalid',
          operationName: null,
          outcome: AuditOutcome.ERROR,
          errorCode: refusalCode(payload, reply.statusCode),
          defaultAction: AuditAction.READ,
        }),
      );
      return payload;
    } catch (error) {
      logger.error({ requestId: request.id, err: errorSummary(error) }, 'audit write failed for a refused request');
      void reply.code(500).type('application/json; charset=utf-8');
      return JSON.stringify({
        errors: [{ message: 'The request could not be recorded in the audit log and was not carried out', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
      });
    }
  });

  // Sign-in through the organisations' identity providers (docs/sign-in.md).
  if (config.oidcProvidersFile) await services.oidc.applyProviders(readProviderFile(config.oidcProvidersFile, config.nodeEnv));
  registerOidcRoutes(fastify, services.oidc, { secureCookies: !development });

  fastify.get('/health', async (_request, reply) => {
    try {
      await Promise.race([
        dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('health check timed out')), 2_000).unref()),
      ]);
      return reply.code(200).send({ status: 'ok' });
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });

  fastify.get('/metrics', async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  fastify.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) logger.error({ requestId: request.id, code: error.code }, 'unhandled HTTP error');
    const message =
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? `Request body is larger than ${BODY_LIMIT_BYTES} bytes`
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Unsupported Content-Type; send application/json'
          : status === 500
            ? 'Internal server error'
            : 'Malformed request body; send a JSON object with a "query" string';
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    void reply.code(status).send({ errors: [{ message, extensions: { code } }] });
  });

  return { fastify, apollo, services, metrics };
}

/** The `extensions.code` of a refusal's JSON body, for its audit event; else named by the HTTP status. */
function refusalCode(payload: unknown, status: number): string {
  if (typeof payload === 'string') {
    try {
      const code = (JSON.parse(payload) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]?.extensions?.code;
      if (typeof code === 'string' && code.length <= 64) return code;
    } catch {
      // not JSON: fall through
    }
  }
  return status >= 500 ? ErrorCode.INTERNAL_SERVER_ERROR : 'BAD_REQUEST';
}
