import DataLoader from 'dataloader';
import type { EntityManager } from 'typeorm';
import { defineLoader, type LoaderDefinition } from '../../graphql/loaders';
import type { CaseService } from './case.service';
import type { CaseMeeting, CaseNote, CaseTask, RiskAssessment } from './case.entities';
import type { HistoryRow, MemberRow } from './case.repository';
import type { ShareView } from './case.service';

/**
 * The relation loaders of cases, one statement per relation and request whatever the page size, made
 * by the request's loader registry (`ctx.loaders.get(caseLoaders.tasks)`). Only field resolvers of a
 * case the caller was granted call them (the keys are the ids of such cases), so they take no access
 * decision of their own.
 */
function byCase<T extends { caseId: string }>(
  load: (cases: CaseService) => (caseIds: readonly string[], manager: EntityManager) => Promise<T[]>,
): LoaderDefinition<string, T[]> {
  return defineLoader(
    (ctx) =>
      new DataLoader(async (caseIds) => {
        const groups = new Map<string, T[]>(caseIds.map((id) => [id, []]));
        // ctx.manager is the mutation's transaction when one is open: a mutation answers with what it stored.
        for (const row of await load(ctx.services.cases)(caseIds, ctx.manager)) groups.get(row.caseId)?.push(row);
        return caseIds.map((id) => groups.get(id) ?? []);
      }),
  );
}

export const caseLoaders = {
  tasks: byCase<CaseTask>((cases) => cases.tasksOf),
  assessments: byCase<RiskAssessment>((cases) => cases.assessmentsOf),
  meetings: byCase<CaseMeeting>((cases) => cases.meetingsOf),
  notes: byCase<CaseNote>((cases) => cases.notesOf),
  members: byCase<MemberRow>((cases) => cases.membersOf),
  shares: byCase<ShareView>((cases) => cases.sharesOf),
  history: byCase<HistoryRow>((cases) => cases.historyOf),
  externalReference: defineLoader(
    (ctx) =>
      new DataLoader<string, string | null>(async (caseIds) => {
        const organisationId = ctx.principal?.organisationId ?? '';
        const byId = await ctx.services.cases.externalReferencesOf(organisationId, caseIds, ctx.manager);
        return caseIds.map((id) => byId.get(id) ?? null);
      }),
  ),
};
