import { describe, expect, it } from 'vitest';
import { courseEditDecision, CourseEditDecision } from '../../src/access/training-gate';

describe('courseEditDecision', () => {
  const D = 'danderyd';
  const P = 'police';
  it('a course of the shared catalogue that no gate uses: any coordinator, code included', () => {
    expect(courseEditDecision(P, { ownerOrganisationId: null, gatingOrganisationIds: [] }, true)).toBe(
      CourseEditDecision.ALLOWED,
    );
  });
  it("a gated course: only its owner's coordinators, never its code", () => {
    const facts = { ownerOrganisationId: D, gatingOrganisationIds: [D] };
    expect(courseEditDecision(D, facts, false)).toBe(CourseEditDecision.ALLOWED);
    expect(courseEditDecision(D, facts, true)).toBe(CourseEditDecision.CODE_LOCKED);
    expect(courseEditDecision(P, facts, false)).toBe(CourseEditDecision.NOT_FOUND);
  });
  it("an owned course is its owner organisation's even without a gate", () => {
    expect(courseEditDecision(P, { ownerOrganisationId: D, gatingOrganisationIds: [] }, false)).toBe(
      CourseEditDecision.NOT_FOUND,
    );
    expect(courseEditDecision(D, { ownerOrganisationId: D, gatingOrganisationIds: [] }, true)).toBe(
      CourseEditDecision.ALLOWED,
    );
  });
  it('a gated shared course: nobody through the API; malformed input denies', () => {
    expect(courseEditDecision(D, { ownerOrganisationId: null, gatingOrganisationIds: [D] }, false)).toBe(
      CourseEditDecision.NOT_FOUND,
    );
    expect(courseEditDecision('', { ownerOrganisationId: null, gatingOrganisationIds: [] }, false)).toBe(
      CourseEditDecision.NOT_FOUND,
    );
    expect(courseEditDecision(D, null, false)).toBe(CourseEditDecision.NOT_FOUND);
  });
});
