import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from '@apollo/server';
import {
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Logger } from '../config/logger';
import { AuditAction, AuditOutcome } from '../modules/audit/audit.recorder';
import { ErrorCode } from '../shared/errors';
import { CommitOutcomeUnknownError, type RequestContext } from './context';
import { errorCodeOf } from './errors';
import { storeIdempotentOutcome } from './idempotency.plugin';
import type { Metrics } from './metrics';

const DENIED_CODES = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.RATE_LIMITED,
]);

function rootFields(operation: OperationDefinitionNode | undefined, typeName: string): string[] {
  if (!operation) return [];
  return operation.selectionSet.selections.flatMap((s) =>
    s.kind === Kind.FIELD ? [`${typeName}.${s.name.value}`] : [],
  );
}

/**
 * Per validated document: Apollo's document store hands the same DocumentNode to every request of
 * the same query text, so the walk below runs once per distinct query, not once per request.
 */
const selectedFieldsCache = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, readonly string[]>>();

/** Every `Type.field` the operation selects (fragments included), from the validated document. */
function selectedFields(schema: GraphQLSchema, document: DocumentNode | undefined): readonly string[] {
  if (!document) return [];
  let bySchema = selectedFieldsCache.get(schema);
  if (!bySchema) {
    bySchema = new WeakMap();
    selectedFieldsCache.set(schema, bySchema);
  }
  let fields = bySchema.get(document);
  if (!fields) {
    fields = walkSelectedFields(schema, document);
    bySchema.set(document, fields);
  }
  return fields;
}

function walkSelectedFields(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const fields = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const def = typeInfo.getFieldDef();
        if (parent && def) fields.add(`${parent.name}.${def.name}`);
      },
    }),
  );
  return [...fields];
}

/** A GraphQL name at the start of an operation, for a document that did not parse. */
const LEADING_OPERATION_NAME = /^\s*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/;

/**
 * The operation name the client sent, also for a document that failed validation or parsing (so
 * that an auditor can find its refusal): the resolved operation's, else the request's
 * `operationName`, else the first named operation in the document or its text. Bounded when stored.
 */
export function clientOperationName(rc: {
  operationName?: string | null;
  request: { operationName?: string | null; query?: string };
  document?: DocumentNode;
}): string | null {
  if (rc.operationName) return rc.operationName;
  if (typeof rc.request.operationName === 'string' && rc.request.operationName !== '') return rc.request.operationName;
  const named = rc.document?.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name !== undefined,
  );
  if (named?.name) return named.name.value;
  if (typeof rc.request.query === 'string')
    return LEADING_OPERATION_NAME.exec(rc.request.query.slice(0, 512))?.[1] ?? null;
  return null;
}

function typeNameOf(operation: OperationDefinitionNode | undefined): string {
  if (operation?.operation === 'mutation') return 'Mutation';
  if (operation?.operation === 'subscription') return 'Subscription';
  return 'Query';
}

/**
 * Writes the audit events of every GraphQL request before its response leaves — queries,
 * mutations, introspection, invalid documents, unauthenticated and denied calls — and fails closed:
 * when the audit write fails, the response carries no data. A mutation's changes and its audit
 * events commit in one transaction.
 */
export function auditPlugin(logger: Logger, metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    /**
     * A hook of some plugin threw: Apollo answers 500 without calling willSendResponse. Record the
     * request anyway (no data leaves on this path) and give back a transaction left open.
     */
    async unexpectedErrorProcessingRequest({ requestContext: rc }) {
      const ctx = rc.contextValue as RequestContext | undefined;
      if (!ctx?.audit) return;
      ctx.audit.recorded = true;
      try {
        await ctx.finish(false);
        const operation = rc.operation ?? undefined;
        await ctx.services.audit.write(
          ctx.audit.drafts({
            principal: ctx.principal,
            operationType: operation?.operation ?? 'invalid',
            operationName: clientOperationName(rc),
            outcome: AuditOutcome.ERROR,
            errorCode: ErrorCode.INTERNAL_SERVER_ERROR,
            defaultAction: operation?.operation === 'mutation' ? AuditAction.UPDATE : AuditAction.READ,
          }),
        );
      } catch (error) {
        logger.error(
          { requestId: ctx.audit.requestId, err: errorSummary(error) },
          'audit write failed for a request that failed unexpectedly',
        );
      }
    },
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse(rc: GraphQLRequestContextWillSendResponse<RequestContext>) {
          const ctx = rc.contextValue;
          const body = rc.response.body;
          if (body.kind !== 'single') return; // incremental delivery is not enabled
          ctx.audit.recorded = true;
          const result = body.singleResult;
          const operation = rc.operation ?? undefined;
          const operationType = operation?.operation ?? 'invalid';
          const typeName = typeNameOf(operation);
          for (const f of rootFields(operation, typeName)) ctx.audit.field(f);
          // Only a document that passed validation has a resolved operation to walk.
          if (operation) for (const f of selectedFields(rc.schema, rc.document)) ctx.audit.field(f);

          const errors = rc.errors ?? [];
          const codes = errors.map((e) => errorCodeOf(e));
          const outcome =
            codes.length === 0
              ? AuditOutcome.ALLOWED
              : codes.every((c) => DENIED_CODES.has(c))
                ? AuditOutcome.DENIED
                : AuditOutcome.ERROR;
          const errorCode = codes[0] ?? null;
          const summary = {
            operationType,
            operationName: rc.operationName ? rc.operationName.slice(0, 100) : null,
            rootFields: rootFields(operation, typeName),
            code: errorCode,
          };
          ctx.accessLog.summary = summary;
          errors.forEach((e, i) => {
            if (codes[i] === ErrorCode.INTERNAL_SERVER_ERROR) {
              logger.error(
                { requestId: ctx.audit.requestId, path: e.path, err: errorSummary(e.originalError ?? e) },
                'unexpected error in resolver',
              );
            }
          });
          const commit = outcome === AuditOutcome.ALLOWED;
          // A query whose other root fields returned data: the outcome is per record, not per request.
          const partial =
            operationType === 'query' &&
            codes.length > 0 &&
            result.data !== null &&
            result.data !== undefined &&
            Object.values(result.data).some((v) => v !== null);
          const drafts = (overrides: { outcome?: AuditOutcome; errorCode?: string } = {}) =>
            ctx.audit.drafts({
              principal: ctx.principal,
              operationType,
              operationName: clientOperationName(rc),
              outcome: overrides.outcome ?? outcome,
              errorCode: overrides.errorCode ?? errorCode,
              partial,
              defaultAction: operationType === 'mutation' ? AuditAction.UPDATE : AuditAction.READ,
            });

          try {
            if (ctx.inTransaction && commit) {
              await storeIdempotentOutcome(ctx, result); // an Idempotency-Key's outcome, with the changes
              await ctx.services.audit.write(drafts(), ctx.manager);
              await ctx.finish(true);
            } else {
              // A failed mutation changes nothing: roll back first, then record the attempt.
              if (ctx.inTransaction) {
                await ctx.finish(false);
                if (result.data) result.data = null;
              }
              await ctx.services.audit.write(drafts());
            }
          } catch (error) {
            await ctx.finish(false).catch(() => undefined);
            if (error instanceof CommitOutcomeUnknownError) {
              await commitOutcomeUnknown(
                rc,
                ctx,
                logger,
                drafts({ outcome: AuditOutcome.ERROR, errorCode: ErrorCode.COMMIT_OUTCOME_UNKNOWN }),
              );
              metrics.observe(
                operationType,
                rootFields(operation, typeName),
                [ErrorCode.COMMIT_OUTCOME_UNKNOWN],
                started,
              );
              return;
            }
            logger.error(
              { requestId: ctx.audit.requestId, err: errorSummary(error) },
              'audit write failed; response withheld',
            );
            body.singleResult = {
              errors: [
                {
                  message: 'The request could not be recorded in the audit log and was not carried out',
                  extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
                },
              ],
            };
            rc.response.http.status = 500;
            summary.code = ErrorCode.INTERNAL_SERVER_ERROR;
            metrics.observe(operationType, rootFields(operation, typeName), [ErrorCode.INTERNAL_SERVER_ERROR], started);
            return;
          }

          // HTTP status for request-level refusals, when nothing was returned.
          if (!result.data && codes.length > 0 && rc.response.http.status === undefined) {
            if (codes.every((c) => c === ErrorCode.UNAUTHENTICATED)) rc.response.http.status = 401;
            else if (codes.every((c) => c === ErrorCode.RATE_LIMITED)) rc.response.http.status = 429;
          }
          metrics.observe(operationType, rootFields(operation, typeName), codes, started);
        },
      };
    },
  };
}

/**
 * The connection was lost during COMMIT: the mutation and its audit events may both have been
 * stored, or neither. The answer says exactly that, and how to find out; an event of the uncertain
 * outcome is written outside the transaction if the database answers again.
 */
async function commitOutcomeUnknown(
  rc: GraphQLRequestContextWillSendResponse<RequestContext>,
  ctx: RequestContext,
  logger: Logger,
  drafts: ReturnType<RequestContext['audit']['drafts']>,
): Promise<void> {
  logger.error({ requestId: ctx.audit.requestId }, 'connection lost during COMMIT; outcome unknown');
  if (rc.response.body.kind === 'single') {
    rc.response.body.singleResult = {
      errors: [
        {
          message:
            'The connection to the database was lost while the change was being committed: it may or may not have been stored. ' +
            'Send the request again with the same Idempotency-Key to get its outcome, or check before repeating it.',
          extensions: { code: ErrorCode.COMMIT_OUTCOME_UNKNOWN, requestId: ctx.audit.requestId },
        },
      ],
    };
  }
  rc.response.http.status = 500;
  try {
    await ctx.services.audit.write(drafts);
  } catch (error) {
    logger.error(
      { requestId: ctx.audit.requestId, err: errorSummary(error) },
      'audit write of an unknown commit outcome failed',
    );
  }
}

/**
 * For logs: the kind of failure and where, never its message — database messages can quote
 * values ("Key (email)=(…) already exists"). Set LOG_ERROR_MESSAGES=true on a development machine
 * to include messages.
 */
export function errorSummary(error: unknown): { name: string; code?: string; at?: string[]; message?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const at = (error.stack ?? '')
      .split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 5)
      .map((l) => l.trim());
    return {
      name: error.name,
      ...(typeof code === 'string' ? { code } : {}),
      at,
      ...(process.env.LOG_ERROR_MESSAGES === 'true' ? { message: error.message } : {}),
    };
  }
  return { name: typeof error };
}
