import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import type { CaseMeeting, CaseNote, CaseTask, RiskAssessment } from './case.entities';
import type { HistoryRow, MemberRow } from './case.repository';
import type { ShareView } from './case.service';

/**
 * Per-request DataLoaders for the relations of cases: one statement per relation and request,
 * whatever the page size. Only field resolvers of a case the caller was granted call them (the
 * keys are the ids of such cases), so they take no access decision of their own.
 */
export interface CaseLoaders {
  tasks: DataLoader<string, CaseTask[]>;
  assessments: DataLoader<string, RiskAssessment[]>;
  meetings: DataLoader<string, CaseMeeting[]>;
  notes: DataLoader<string, CaseNote[]>;
  members: DataLoader<string, MemberRow[]>;
  shares: DataLoader<string, ShareView[]>;
  history: DataLoader<string, HistoryRow[]>;
  externalReference: DataLoader<string, string | null>;
}

// Keyed by the request's context: the loaders live exactly as long as the request.
const perRequest = new WeakMap<RequestContext, CaseLoaders>();

function byCase<T extends { caseId: string }>(
  ctx: RequestContext,
  load: (caseIds: readonly string[], m: EntityManager) => Promise<T[]>,
): DataLoader<string, T[]> {
  return new DataLoader(async (caseIds) => {
    const groups = new Map<string, T[]>(caseIds.map((id) => [id, []]));
    // ctx.manager is the mutation's transaction when one is open: a mutation answers with what it stored.
    for (const row of await load(caseIds, ctx.manager)) groups.get(row.caseId)?.push(row);
    return caseIds.map((id) => groups.get(id) ?? []);
  });
}

export function caseLoaders(ctx: RequestContext): CaseLoaders {
  let loaders = perRequest.get(ctx);
  if (!loaders) {
    const cases = ctx.services.cases;
    const organisationId = ctx.principal?.organisationId ?? '';
    loaders = {
      tasks: byCase(ctx, cases.tasksOf),
      assessments: byCase(ctx, cases.assessmentsOf),
      meetings: byCase(ctx, cases.meetingsOf),
      notes: byCase(ctx, cases.notesOf),
      members: byCase(ctx, cases.membersOf),
      shares: byCase(ctx, cases.sharesOf),
      history: byCase(ctx, cases.historyOf),
      externalReference: new DataLoader(async (caseIds) => {
        const byId = await cases.externalReferencesOf(organisationId, caseIds, ctx.manager);
        return caseIds.map((id) => byId.get(id) ?? null);
      }),
    };
    perRequest.set(ctx, loaders);
  }
  return loaders;
}
