/**
 * Need-to-know inside a case: which organisation sees which piece of a case's content. Pure and
 * deny-by-default like `case-access.ts`; the table is documented in docs/need-to-know.md.
 *
 * Content flows only along share edges. A share runs between the owner and one partner, on one legal
 * basis; nothing records a legal basis between two partners, so what one partner writes never
 * reaches another. Every note, task, meeting and assessment has an audience:
 *
 * - OWN_ORGANISATION: only the organisation that wrote it.
 * - SHARED: also the other end of each active share edge that touches the author's organisation and
 *   whose legal basis covers the category: written by the owner, every partner whose basis covers
 *   it; written by a partner, the owner (under that partner's basis).
 *
 * A consent covers the categories of its scope; a statutory ground carries its own fixed scope.
 */

/** Who may see a piece of case content. String values: stored in the database and in the schema. */
export enum CaseContentAudience {
  OWN_ORGANISATION = 'OWN_ORGANISATION',
  SHARED = 'SHARED',
}

export enum CaseContentCategory {
  NOTE = 'NOTE',
  TASK = 'TASK',
  MEETING = 'MEETING',
  ASSESSMENT = 'ASSESSMENT',
}

/** A legal basis as the rule needs it (mirrors the case module's enums by value). */
export interface ShareBasis {
  basisKind: 'CONSENT' | 'STATUTORY' | string;
  statutoryGround: string | null;
  consentScope: string | null;
}

const C = CaseContentCategory;
const ALL = [C.NOTE, C.TASK, C.MEETING, C.ASSESSMENT] as const;

/** What a consent of each scope covers. */
export const CONSENT_SCOPE_CATEGORIES: Readonly<Record<string, readonly CaseContentCategory[]>> = {
  COORDINATION: [C.TASK, C.MEETING],
  RISK_AND_SAFETY_PLANNING: [C.TASK, C.MEETING, C.ASSESSMENT],
  WHOLE_CASE: ALL,
};

/** The fixed scope of each statutory ground. */
export const STATUTORY_GROUND_CATEGORIES: Readonly<Record<string, readonly CaseContentCategory[]>> = {
  // Preventing serious crime against the person: everything that serves that purpose.
  OSL_10_18C: ALL,
  // What the disclosing authority needs to fulfil its own task: coordination only.
  OSL_10_2: [C.TASK, C.MEETING],
  // A suspected crime: what bears on the crime and the danger.
  OSL_10_21: [C.NOTE, C.ASSESSMENT],
  // A report of concern about a child: the concern and the assessment of danger.
  DUTY_TO_REPORT_CHILD_CONCERN: [C.NOTE, C.ASSESSMENT],
};

const own = <T>(table: Readonly<Record<string, T>>, key: string | null): T | undefined =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

/** The categories a legal basis covers; nothing for an unknown basis. */
export function categoriesOf(basis: ShareBasis): readonly CaseContentCategory[] {
  if (basis.basisKind === 'STATUTORY') return own(STATUTORY_GROUND_CATEGORIES, basis.statutoryGround) ?? [];
  if (basis.basisKind === 'CONSENT') return own(CONSENT_SCOPE_CATEGORIES, basis.consentScope) ?? [];
  return [];
}

/** The case as the rule needs it: its owner and its shares whose legal basis is active now. */
export interface CaseEdges {
  ownerOrganisationId: string;
  activeShares: readonly (ShareBasis & { organisationId: string })[];
}

export interface CaseContentItem {
  authorOrganisationId: string;
  audience: CaseContentAudience | string;
  category: CaseContentCategory;
}

const real = (x: unknown): x is string => typeof x === 'string' && x !== '';

/** Whether an active share of `organisationId` covers `category`. */
function edgeCovers(edges: CaseEdges, organisationId: string, category: CaseContentCategory): boolean {
  return edges.activeShares.some((s) => s.organisationId === organisationId && categoriesOf(s).includes(category));
}

/** Whether the viewer's organisation may see the item. Any failure inside the check hides it. */
export function contentVisible(
  viewerOrganisationId: string | null | undefined,
  edges: CaseEdges | null | undefined,
  item: CaseContentItem | null | undefined,
): boolean {
  try {
    if (
      !real(viewerOrganisationId) ||
      !edges ||
      !item ||
      !real(item.authorOrganisationId) ||
      !real(edges.ownerOrganisationId)
    )
      return false;
    if (item.authorOrganisationId === viewerOrganisationId) return true;
    if (item.audience !== CaseContentAudience.SHARED) return false;
    const owner = edges.ownerOrganisationId;
    // Written by a partner: only the owner, along that partner's edge.
    if (viewerOrganisationId === owner) return edgeCovers(edges, item.authorOrganisationId, item.category);
    // Written by the owner: a partner whose own edge covers the category. Partner to partner: never.
    return item.authorOrganisationId === owner && edgeCovers(edges, viewerOrganisationId, item.category);
  } catch {
    return false;
  }
}

/** Which organisations' members and legal bases a viewer sees: the owner sees all, a partner the owner's and its own. */
export function organisationVisible(
  viewerOrganisationId: string,
  ownerOrganisationId: string,
  organisationId: string,
): boolean {
  if (!real(viewerOrganisationId) || !real(organisationId)) return false;
  return (
    viewerOrganisationId === ownerOrganisationId ||
    organisationId === ownerOrganisationId ||
    organisationId === viewerOrganisationId
  );
}
