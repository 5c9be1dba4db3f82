import type { CaseEdges } from '../../access/case-content';
import type { Principal } from '../../access/principal';
import { badInput, InputReason } from '../../shared/errors';
import { MeetingReason } from './meetings.reasons';
import { UUID } from '../../shared/ids';
import type { CaseRow } from '../cases/case.repository';
import type { ActionRow, MeetingRow } from './meeting.repository';

/** The types and argument checks of the meetings service (meeting.service.ts). */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const ACTION_STATUSES = ['OPEN', 'IN_PROGRESS', 'DONE', 'CANCELLED'] as const;

export interface AgendaItemView {
  id: string;
  position: number;
  carriedOver: boolean;
  /** Whether the caller may see the case and what the item says about it. */
  visible: boolean;
  caseId: string | null;
  decision: string | null;
  actions: ActionRow[];
  /** Open actions of the partnership's earlier meetings on this case. */
  carriedActions: ActionRow[];
}

export interface MeetingView extends MeetingRow {
  attendees: { organisationId: string; userId: string | null }[];
  agenda: AgendaItemView[];
}

export interface CreateMeetingInput {
  partnershipId: string;
  meetingOn: string | Date;
  place: string;
  attendeeOrganisationIds: string[];
  attendeeUserIds?: string[] | null;
  caseIds?: string[] | null;
}

export interface AddActionInput {
  agendaItemId: string;
  title: string;
  ownerOrganisationId: string;
  ownerUserId?: string | null;
  dueOn: string | Date;
}

export function id(field: string, value: unknown): string {
  if (typeof value !== 'string' || !UUID.test(value)) throw badInput(field, InputReason.INVALID_ID, 'must be an id');
  return value.toLowerCase();
}

export function dateArg(field: string, value: Date | string | null | undefined): string {
  const text =
    value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)) : value;
  if (typeof text !== 'string' || !DATE.test(text))
    throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return text;
}

/** A case on an agenda, with what the caller may do with it. */
export interface CaseContext {
  row: CaseRow;
  edges: CaseEdges;
}

/** The minutes as text: an item the reader may not see shows only its position (no case content). */
export function minutesText(view: MeetingView, name: (organisationId: string) => string): string {
  const lines = [
    `Protokoll från samverkansmöte ${view.meetingOn}, ${view.place}`,
    `Deltagande organisationer: ${[...new Set(view.attendees.map((a) => name(a.organisationId)))].join(', ')}`,
    '',
  ];
  const action = (a: ActionRow): string =>
    `   - ${a.title} (ansvarig: ${name(a.ownerOrganisationId)}, senast ${a.dueOn}, status ${a.status})`;
  for (const item of view.agenda) {
    if (!item.visible) {
      lines.push(`${item.position}. Ärende – innehållet visas inte (ingen behörighet)`);
      continue;
    }
    lines.push(`${item.position}. Ärende ${item.caseId}${item.carriedOver ? ' (överfört från tidigare möte)' : ''}`);
    lines.push(`   Beslut: ${item.decision ?? '–'}`);
    if (item.carriedActions.length > 0) {
      lines.push('   Öppna åtgärder från tidigare möten:');
      lines.push(...item.carriedActions.map(action));
    }
    if (item.actions.length > 0) {
      lines.push('   Åtgärder:');
      lines.push(...item.actions.map(action));
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Who and what a new meeting names, before any of it is read: the organiser's organisation and those named
 * (at most 20, all of the caller's partnerships), at most 50 people and at most 30 cases, each id once.
 */
export function attendance(
  principal: Principal,
  input: Pick<CreateMeetingInput, 'attendeeOrganisationIds' | 'attendeeUserIds' | 'caseIds'>,
): { organisations: string[]; userIds: string[]; caseIds: string[] } {
  const organisations = [
    ...new Set([
      principal.organisationId,
      ...(input.attendeeOrganisationIds ?? []).map((o) => id('attendeeOrganisationIds', o)),
    ]),
  ];
  if (organisations.length > 20)
    throw badInput('attendeeOrganisationIds', InputReason.LIST_SIZE_OUT_OF_RANGE, 'at most 20 organisations');
  if (organisations.some((o) => !principal.partnershipOrganisationIds.includes(o)))
    throw badInput(
      'attendeeOrganisationIds',
      MeetingReason.ORGANISATION_OUTSIDE_PARTNERSHIPS,
      'not an organisation of your partnerships',
    );
  const userIds = [...new Set((input.attendeeUserIds ?? []).map((u) => id('attendeeUserIds', u)))];
  if (userIds.length > 50) throw badInput('attendeeUserIds', InputReason.LIST_SIZE_OUT_OF_RANGE, 'at most 50 people');
  const caseIds = [...new Set((input.caseIds ?? []).map((c) => id('caseIds', c)))];
  if (caseIds.length > 30) throw badInput('caseIds', InputReason.LIST_SIZE_OUT_OF_RANGE, 'at most 30 cases');
  return { organisations, userIds, caseIds };
}
