import { describe, expect, it } from 'vitest';
import {
  CaseContentAudience,
  CaseContentCategory,
  categoriesOf,
  contentVisible,
  organisationVisible,
  type CaseEdges,
  type ShareBasis,
} from '../../src/access/case-content';

/**
 * Need-to-know inside a case as a matrix: the owner and two partners (A and B), each writing every
 * category with each audience, read by each of the three. An independent statement of the rule
 * (docs/need-to-know.md): own writing always; OWN_ORGANISATION never elsewhere; SHARED only along a
 * share edge whose legal basis covers the category; partner to partner never.
 */

const OWNER = 'owner-org';
const A = 'partner-a';
const B = 'partner-b';
const ORGS = [OWNER, A, B];
const C = CaseContentCategory;
const CATEGORIES = Object.values(C);
const AUDIENCES = Object.values(CaseContentAudience);

const statutory = (ground: string): ShareBasis => ({
  basisKind: 'STATUTORY',
  statutoryGround: ground,
  consentScope: null,
});
const consent = (scope: string): ShareBasis => ({ basisKind: 'CONSENT', statutoryGround: null, consentScope: scope });

/** Independent copy of which categories each legal basis covers. */
const COVERS: Record<string, CaseContentCategory[]> = {
  'CONSENT:COORDINATION': [C.TASK, C.MEETING],
  'CONSENT:RISK_AND_SAFETY_PLANNING': [C.TASK, C.MEETING, C.ASSESSMENT],
  'CONSENT:WHOLE_CASE': [C.NOTE, C.TASK, C.MEETING, C.ASSESSMENT],
  'STATUTORY:OSL_10_18C': [C.NOTE, C.TASK, C.MEETING, C.ASSESSMENT],
  'STATUTORY:OSL_10_2': [C.TASK, C.MEETING],
  'STATUTORY:OSL_10_21': [C.NOTE, C.ASSESSMENT],
  'STATUTORY:DUTY_TO_REPORT_CHILD_CONCERN': [C.NOTE, C.ASSESSMENT],
};

function expected(
  viewer: string,
  author: string,
  audience: CaseContentAudience,
  category: CaseContentCategory,
  basisOf: Record<string, string | null>,
): boolean {
  if (viewer === author) return true;
  if (audience !== CaseContentAudience.SHARED) return false;
  const covers = (org: string): boolean => basisOf[org] !== null && COVERS[basisOf[org]!].includes(category);
  if (viewer === OWNER) return covers(author);
  return author === OWNER && covers(viewer);
}

describe('contentVisible: owner, partner A, partner B × category × audience', () => {
  const scenarios: { name: string; basisOf: Record<string, string | null> }[] = [
    { name: 'A and B under OSL 10:18 c', basisOf: { [A]: 'STATUTORY:OSL_10_18C', [B]: 'STATUTORY:OSL_10_18C' } },
    {
      name: 'A under consent for risk and safety planning, B under OSL 10:2',
      basisOf: { [A]: 'CONSENT:RISK_AND_SAFETY_PLANNING', [B]: 'STATUTORY:OSL_10_2' },
    },
    {
      name: 'A under consent for coordination, B without an active share',
      basisOf: { [A]: 'CONSENT:COORDINATION', [B]: null },
    },
    {
      name: 'A under a child-concern report, B under the whole-case consent',
      basisOf: { [A]: 'STATUTORY:DUTY_TO_REPORT_CHILD_CONCERN', [B]: 'CONSENT:WHOLE_CASE' },
    },
  ];
  for (const scenario of scenarios) {
    it(scenario.name, () => {
      const edges: CaseEdges = {
        ownerOrganisationId: OWNER,
        activeShares: [A, B].flatMap((org) => {
          const basis = scenario.basisOf[org];
          if (!basis) return [];
          const [kind, value] = basis.split(':');
          return [{ organisationId: org, ...(kind === 'STATUTORY' ? statutory(value) : consent(value)) }];
        }),
      };
      let visibleCount = 0;
      for (const viewer of ORGS) {
        for (const author of ORGS) {
          for (const audience of AUDIENCES) {
            for (const category of CATEGORIES) {
              const want = expected(viewer, author, audience, category, scenario.basisOf);
              if (want) visibleCount++;
              expect(
                contentVisible(viewer, edges, { authorOrganisationId: author, audience, category }),
                `${viewer} reads ${author}'s ${audience} ${category}`,
              ).toBe(want);
            }
          }
        }
      }
      // Each organisation sees at least its own 8 items; the matrix is never all-visible.
      expect(visibleCount).toBeGreaterThanOrEqual(24);
      expect(visibleCount).toBeLessThan(ORGS.length * ORGS.length * AUDIENCES.length * CATEGORIES.length);
    });
  }

  it('partner to partner never, whatever both legal bases cover', () => {
    const edges: CaseEdges = {
      ownerOrganisationId: OWNER,
      activeShares: [
        { organisationId: A, ...statutory('OSL_10_18C') },
        { organisationId: B, ...consent('WHOLE_CASE') },
      ],
    };
    for (const category of CATEGORIES) {
      expect(
        contentVisible(B, edges, { authorOrganisationId: A, audience: CaseContentAudience.SHARED, category }),
      ).toBe(false);
      expect(
        contentVisible(A, edges, { authorOrganisationId: B, audience: CaseContentAudience.SHARED, category }),
      ).toBe(false);
    }
  });

  it('denies on unknown bases, audiences and malformed input', () => {
    const edges: CaseEdges = {
      ownerOrganisationId: OWNER,
      activeShares: [{ organisationId: A, basisKind: 'STATUTORY', statutoryGround: 'constructor', consentScope: null }],
    };
    expect(
      contentVisible(A, edges, { authorOrganisationId: OWNER, audience: CaseContentAudience.SHARED, category: C.NOTE }),
    ).toBe(false);
    expect(categoriesOf({ basisKind: 'OTHER', statutoryGround: null, consentScope: null })).toEqual([]);
    expect(contentVisible(A, edges, { authorOrganisationId: OWNER, audience: 'EVERYONE', category: C.NOTE })).toBe(
      false,
    );
    expect(
      contentVisible('', edges, { authorOrganisationId: '', audience: CaseContentAudience.SHARED, category: C.NOTE }),
    ).toBe(false);
    expect(
      contentVisible(A, null, { authorOrganisationId: OWNER, audience: CaseContentAudience.SHARED, category: C.NOTE }),
    ).toBe(false);
    const throwing = {
      ownerOrganisationId: OWNER,
      get activeShares(): never {
        throw new Error('boom');
      },
    } as unknown as CaseEdges;
    expect(
      contentVisible(A, throwing, {
        authorOrganisationId: OWNER,
        audience: CaseContentAudience.SHARED,
        category: C.NOTE,
      }),
    ).toBe(false);
  });

  it('members and legal bases: the owner sees every organisation, a partner the owner and itself', () => {
    expect(organisationVisible(OWNER, OWNER, A)).toBe(true);
    expect(organisationVisible(A, OWNER, OWNER)).toBe(true);
    expect(organisationVisible(A, OWNER, A)).toBe(true);
    expect(organisationVisible(A, OWNER, B)).toBe(false);
    expect(organisationVisible('', OWNER, OWNER)).toBe(false);
  });
});
