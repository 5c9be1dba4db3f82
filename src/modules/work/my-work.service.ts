import type { DataSource } from 'typeorm';
import { requireCapability } from '../../access/access';
import { caseAccess, CaseOperation } from '../../access/case-access';
import type { CaseContentAudience } from '../../access/case-content';
import { caseTaskOnMyList, findingActionOnMyList, meetingActionOnMyList } from '../../access/my-work';
import { Capability } from '../../access/policy';
import type { Actor } from '../../access/actor';
import type { Principal } from '../../access/principal';
import { swedishDate } from '../../shared/date-rules';
import { decodeCursor, encodeCursor, uuidPart } from '../../shared/cursor';
import { badInput, InputReason } from '../../shared/errors';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import { CaseTaskStatus } from '../cases/case.entities';
import { CaseRepository, readerOf } from '../cases/case.repository';
import { DueWindow, WorkItemKind, WorkItemRepository, type WorkItemRow } from './work-item.repository';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
const CURSOR_KIND = 'my-work';
const datePart = (v: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(v);

export interface MyWorkFilter {
  status?: CaseTaskStatus | null;
  due?: DueWindow | null;
}

export interface WorkItemView extends WorkItemRow {
  due: DueWindow;
  /** The owner organisation of the record the item belongs to (for the audit log). */
  ownerOrganisationId: string;
}

export interface MyWorkPage {
  nodes: WorkItemView[];
  cursors: string[];
  hasNextPage: boolean;
}

/** The due window of a due date on `today` (Swedish calendar dates, which compare as text). */
export function dueWindowOf(dueOn: string, today: string): DueWindow {
  if (dueOn < today) return DueWindow.OVERDUE;
  const [y, mo, d] = today.split('-').map(Number);
  const week = new Date(Date.UTC(y, mo - 1, d + 7)).toISOString().slice(0, 10);
  return dueOn <= week ? DueWindow.NEXT_7_DAYS : DueWindow.LATER;
}

/**
 * "Min översikt": every task and action on the caller's own list, by due date. Candidates come from
 * one query; each is confirmed through src/access before it is returned and audited.
 */
export class MyWorkService {
  private readonly repo = new WorkItemRepository();
  private readonly cases = new CaseRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly today: () => string = () => swedishDate(),
  ) {}

  async list(caller: Actor, filter: MyWorkFilter, first = DEFAULT_PAGE_SIZE, after?: string): Promise<MyWorkPage> {
    requireCapability(caller.principal, Capability.MY_WORK);
    const principal = caller.principal;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
      throw badInput('first', InputReason.PAGE_SIZE_OUT_OF_RANGE, `must be between 1 and ${MAX_PAGE_SIZE}`);
    const key = after ? decodeCursor(CURSOR_KIND, after, [datePart, uuidPart]) : null;
    const today = this.today();
    const manager = this.dataSource.manager;
    const statuses = filter.status ? [filter.status] : [CaseTaskStatus.OPEN, CaseTaskStatus.IN_PROGRESS];
    const rows = await this.repo.candidates(manager, readerOf(principal), {
      statuses,
      due: filter.due ?? null,
      today,
      after: key ? { dueOn: key[0], id: key[1] } : null,
      limit: first + 1,
    });
    const page = rows.slice(0, first);
    const visible = await this.confirm(principal, caller.audit, page);
    for (const v of visible) {
      const entityType =
        v.kind === WorkItemKind.MEETING_ACTION
          ? 'CoordinationAction'
          : v.kind === WorkItemKind.FINDING_ACTION
            ? 'PreventionFinding'
            : 'CaseTask';
      caller.audit.touch(AuditAction.READ, entityType, [{ id: v.id, organisationId: v.ownerOrganisationId }]);
    }
    return {
      nodes: visible.map((v) => ({ ...v, due: dueWindowOf(v.dueOn, today) })),
      cursors: visible.map((v) => encodeCursor(CURSOR_KIND, [v.dueOn, v.id])),
      hasNextPage: rows.length > first,
    };
  }

  /** Keeps the candidates the access layer puts on the caller's list, with their owner organisation. */
  private async confirm(
    principal: Principal,
    audit: AuditRecorder,
    rows: readonly WorkItemRow[],
  ): Promise<(WorkItemRow & { ownerOrganisationId: string })[]> {
    const manager = this.dataSource.manager;
    const caseIds = [...new Set(rows.flatMap((r) => (r.caseId ? [r.caseId] : [])))];
    const [facts, shares] = await Promise.all([
      this.cases.byIds(manager, readerOf(principal), caseIds),
      this.cases.sharing.sharesOf(manager, caseIds),
    ]);
    const factsById = new Map(facts.map((f) => [f.id, f]));
    const result: (WorkItemRow & { ownerOrganisationId: string })[] = [];
    for (const row of rows) {
      if (row.kind === WorkItemKind.FINDING_ACTION) {
        // No case: the finding's owner organisation is on the list; the walk's organisation owns the record.
        if (findingActionOnMyList(principal, { ownerOrganisationId: row.assignedOrganisationId }))
          result.push({ ...row, ownerOrganisationId: row.authorOrganisationId });
        continue;
      }
      const c = row.caseId ? factsById.get(row.caseId) : undefined;
      if (!c) continue;
      const edges = {
        ownerOrganisationId: c.ownerOrganisationId,
        activeShares: shares.filter((s) => s.caseId === c.id && s.active),
      };
      const onList =
        row.kind === WorkItemKind.MEETING_ACTION
          ? meetingActionOnMyList(principal, c, edges, row)
          : row.kind === WorkItemKind.CASE_TASK &&
            caseTaskOnMyList(principal, c, edges, { ...row, audience: row.audience as CaseContentAudience });
      if (!onList) continue;
      // A partner's read rests on its legal basis: recorded as the purpose, as for every case read.
      audit.addPurpose(caseAccess(principal, c, CaseOperation.READ)?.purpose ?? null, c.ownerOrganisationId);
      result.push({ ...row, ownerOrganisationId: c.ownerOrganisationId });
    }
    return result;
  }
}
