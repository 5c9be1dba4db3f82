import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import { GraphQLError, type FormattedExecutionResult } from 'graphql';
import { AppError } from '../shared/errors';
import type { RequestContext } from './context';

/** Response header on an answer that repeats a key's first outcome. */
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';

/**
 * Mutations sent with an `Idempotency-Key` header by a logged-in user: a key seen before answers its
 * first outcome without running the mutation again; a new key is claimed, and the audit plugin
 * stores the outcome with the mutation's changes (see `answeredByConcurrentDuplicate`). Queries
 * change nothing and ignore the header; so do unauthenticated requests (login), which have no user
 * to hold the key.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc: GraphQLRequestContextResponseForOperation<RequestContext>): Promise<GraphQLResponse | null> {
          const ctx = rc.contextValue;
          if (rc.operation.operation !== 'mutation' || ctx.idempotencyKey === undefined || !ctx.principal) return null;
          try {
            const claim = ctx.services.idempotency.claim(ctx.principal.userId, ctx.idempotencyKey, {
              query: rc.request.query,
              operationName: rc.request.operationName,
              variables: rc.request.variables,
            });
            const previous = await ctx.services.idempotency.previousOutcome(claim);
            if (previous) {
              rc.response.http.headers.set(IDEMPOTENT_REPLAY_HEADER, 'true');
              return { http: rc.response.http, body: { kind: 'single', singleResult: { data: previous.data as FormattedExecutionResult['data'] } } };
            }
            ctx.idempotency = claim;
            return null;
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            // Returned rather than thrown: a hook that throws answers 500 and skips the audit plugin.
            const refusal = new GraphQLError(error.message, { extensions: { code: error.code, field: 'Idempotency-Key' } });
            (rc as { errors?: readonly GraphQLError[] }).errors = [refusal];
            rc.response.http.status = 400;
            return { http: rc.response.http, body: { kind: 'single', singleResult: { errors: [refusal.toJSON()] } } };
          }
        },
      };
    },
  };
}

/**
 * Before a claimed mutation commits: stores its outcome in its transaction. When a concurrent
 * request with the same key committed first (the insert waited for it), this one's changes are
 * rolled back and the first outcome answers instead; returns true then.
 */
export async function answeredByConcurrentDuplicate(ctx: RequestContext, result: { data?: unknown }): Promise<boolean> {
  const claim = ctx.idempotency;
  if (!claim || !ctx.inTransaction) return false;
  if (await ctx.services.idempotency.record(ctx.manager, claim, { data: result.data ?? null })) return false;
  await ctx.finish(false);
  ctx.audit.forgetTouches();
  const first = await ctx.services.idempotency.previousOutcome(claim);
  result.data = first?.data ?? null;
  return true;
}
