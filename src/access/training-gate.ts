/**
 * Who may change a course of the catalogue, given the risk-assessment gates that use it. Pure and
 * deny-by-default like `case-access.ts`.
 *
 * A gate (organisation, method) → course says that the organisation's staff need a valid
 * certificate of that course to record an assessment with that method. The gate names the course
 * by id and the course belongs to the organisation whose staff it gates, so:
 *
 * | course                                  | who may change it                  | its code            |
 * |-----------------------------------------|------------------------------------|---------------------|
 * | used by no gate (the shared catalogue)  | any training coordinator           | may change          |
 * | used by gates, owned by organisation O  | O's training coordinators only     | never (a gate uses it) |
 * | used by gates, owned by nobody (shared) | nobody through the API             | never               |
 *
 * Anyone else is answered NOT_FOUND, like a course that does not exist.
 */
export enum CourseEditDecision {
  ALLOWED = 'ALLOWED',
  NOT_FOUND = 'NOT_FOUND',
  /** The code of a course a gate uses never changes. */
  CODE_LOCKED = 'CODE_LOCKED',
}

export interface CourseEditFacts {
  /** The organisation owning the course; null: the shared catalogue. */
  ownerOrganisationId: string | null;
  /** Organisations whose risk-assessment gates use the course. */
  gatingOrganisationIds: readonly string[];
}

export function courseEditDecision(
  callerOrganisationId: string | null | undefined,
  facts: CourseEditFacts | null | undefined,
  changesCode: boolean,
): CourseEditDecision {
  try {
    if (typeof callerOrganisationId !== 'string' || callerOrganisationId === '' || !facts)
      return CourseEditDecision.NOT_FOUND;
    const gated = facts.gatingOrganisationIds.length > 0;
    if (facts.ownerOrganisationId !== null && facts.ownerOrganisationId !== callerOrganisationId)
      return CourseEditDecision.NOT_FOUND;
    if (gated && facts.ownerOrganisationId === null) return CourseEditDecision.NOT_FOUND;
    if (gated && changesCode) return CourseEditDecision.CODE_LOCKED;
    return CourseEditDecision.ALLOWED;
  } catch {
    return CourseEditDecision.NOT_FOUND;
  }
}
