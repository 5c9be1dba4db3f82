import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation, GraphQLResponse } from '@apollo/server';
import { GraphQLError, Kind, type FormattedExecutionResult, type OperationDefinitionNode } from 'graphql';
import { AppError } from '../shared/errors';
import type { RequestContext } from './context';

/**
 * Mutations whose answer is a secret: `login` returns a session token, of which only a hash may be
 * stored. An operation selecting one of them (or a fragment at its root, not looked into) ignores
 * the Idempotency-Key.
 */
const NEVER_STORED = new Set(['login']);

function selectsSecret(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some((s) => s.kind !== Kind.FIELD || NEVER_STORED.has(s.name.value));
}

/** Response header on an answer that repeats a key's first outcome. */
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';

/**
 * Mutations sent with an `Idempotency-Key` header by a logged-in user: a key seen before answers its
 * first outcome without running the mutation again; a new key is claimed in the mutation's
 * transaction, and the audit plugin stores the outcome there before COMMIT (`storeIdempotentOutcome`).
 * Queries change nothing and ignore the header; so do unauthenticated requests, which have no user to
 * hold the key, and `login`, whose answer (a session token) is never stored.
 */
export function idempotencyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(
          rc: GraphQLRequestContextResponseForOperation<RequestContext>,
        ): Promise<GraphQLResponse | null> {
          const ctx = rc.contextValue;
          // The operation is missing when the document does not contain the requested operation name.
          if (rc.operation?.operation !== 'mutation' || ctx.idempotencyKey === undefined || !ctx.principal) return null;
          if (selectsSecret(rc.operation)) return null;
          try {
            const claim = ctx.services.idempotency.claim(ctx.principal.userId, ctx.idempotencyKey, {
              query: rc.request.query,
              operationName: rc.request.operationName,
              variables: rc.request.variables,
            });
            let previous = await ctx.services.idempotency.previousOutcome(claim);
            if (!previous) {
              // Claimed first in the mutation's transaction: a concurrent request with the key waits here.
              if (await ctx.services.idempotency.take(await ctx.transaction(), claim)) {
                ctx.idempotency = claim;
                return null;
              }
              await ctx.finish(false);
              previous = await ctx.services.idempotency.previousOutcome(claim);
            }
            // The repeated answer names the same records: the audit event of this request says so.
            ctx.audit.touchedAgain(previous?.touched ?? []);
            rc.response.http.headers.set(IDEMPOTENT_REPLAY_HEADER, 'true');
            return {
              http: rc.response.http,
              body: {
                kind: 'single',
                singleResult: { data: (previous?.data ?? null) as FormattedExecutionResult['data'] },
              },
            };
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            // Returned rather than thrown: a hook that throws answers 500 and skips the audit plugin.
            // Not through formatError: the reason is carried over here (every BAD_USER_INPUT has one).
            const reason = typeof error.details.reason === 'string' ? { reason: error.details.reason } : {};
            const refusal = new GraphQLError(error.message, {
              extensions: { code: error.code, field: 'Idempotency-Key', ...reason },
            });
            (rc as { errors?: readonly GraphQLError[] }).errors = [refusal];
            rc.response.http.status = 400;
            return { http: rc.response.http, body: { kind: 'single', singleResult: { errors: [refusal.toJSON()] } } };
          }
        },
      };
    },
  };
}

/** Before a claimed mutation commits: its outcome goes into the claim, in the same transaction. */
export async function storeIdempotentOutcome(ctx: RequestContext, result: { data?: unknown }): Promise<void> {
  if (!ctx.idempotency || !ctx.inTransaction) return;
  await ctx.services.idempotency.complete(ctx.manager, ctx.idempotency, {
    data: result.data ?? null,
    touched: ctx.audit.touched(),
  });
}
