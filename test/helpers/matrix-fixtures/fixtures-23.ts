import { randomUUID } from 'node:crypto';
import type { TestServer } from '../test-server';
import type { Fixture } from './types';

/**
 * Access-matrix fixtures of issue #23's operations: the partnership report, its effect measures and
 * the file exports. The partnership is one of the caller's organisation (Danderyd's social services
 * for callers without one), so that the allowed side is really allowed.
 */
export const FIXTURES_23: Record<string, Fixture> = {
  partnershipReport: {
    args: async ({ caller, server }) => ({
      partnershipId: await ownPartnership(server, caller.organisationId),
      year: 2025,
    }),
  },
  exportPartnershipReport: {
    args: async ({ caller, server }) => ({
      partnershipId: await ownPartnership(server, caller.organisationId),
      year: 2025,
      format: 'CSV',
    }),
  },
  exportPreventionActivities: { args: () => ({ format: 'CSV' }) },
  exportTrainingCoverageFile: { args: () => ({ format: 'CSV', on: '2026-01-15' }) },
  exportIndicatorTable: { args: () => ({ indicatorCode: 'SOC_FREDA_DISCLOSED', year: 2025, format: 'CSV' }) },
  // An area of the partnership; a later run replaces the survey of that area and year (allowed too).
  recordSafetySurvey: {
    args: async ({ caller, server }) => {
      const partnershipId = await ownPartnership(server, caller.organisationId);
      return {
        input: {
          partnershipId,
          areaId: await areaOf(server, partnershipId),
          year: 2024,
          respondents: 100,
          questions: [
            {
              question: 'Känner du dig trygg i området?',
              answers: [
                { answer: 'Ja', share: 0.6 },
                { answer: 'Nej', share: 0.4 },
              ],
            },
          ],
        },
      };
    },
  },
  // A commitment of that same partnership; a new description each run (a target of the same one is replaced).
  setCommitmentTarget: {
    args: async ({ caller, server, unique }) => {
      const partnershipId = await ownPartnership(server, caller.organisationId);
      return {
        partnershipId,
        input: {
          commitmentId: await commitmentOf(server, partnershipId, caller.organisationId),
          description: `Matrix ${unique}`,
          measure: 'ACTIVITIES',
          targetValue: 10,
          direction: 'AT_LEAST',
        },
      };
    },
  },
};

/** Danderyd's social services: stands in for an anonymous caller's organisation. */
async function ownOrganisation(server: TestServer): Promise<string> {
  return (
    await server.sql<{ id: string }>(`SELECT id FROM organisation WHERE name = 'Danderyds kommun socialtjänst'`)
  )[0].id;
}

/** A partnership of the organisation that covers areas (the ended ones made for closePartnership cover none). */
async function ownPartnership(server: TestServer, organisationId: string | null): Promise<string> {
  const org = organisationId ?? (await ownOrganisation(server));
  return (
    await server.sql<{ id: string }>(
      `SELECT po.partnership_id AS id FROM partnership_organisation po
        WHERE po.organisation_id = $1 AND EXISTS (SELECT 1 FROM partnership_area pa WHERE pa.partnership_id = po.partnership_id) ORDER BY 1 LIMIT 1`,
      [org],
    )
  )[0].id;
}

async function areaOf(server: TestServer, partnershipId: string): Promise<string> {
  return (
    await server.sql<{ id: string }>(
      `SELECT area_id AS id FROM partnership_area WHERE partnership_id = $1 ORDER BY area_id LIMIT 1`,
      [partnershipId],
    )
  )[0].id;
}

/** A commitment of the partnership; made (before the snapshot) when it has none. */
async function commitmentOf(server: TestServer, partnershipId: string, organisationId: string | null): Promise<string> {
  const [existing] = await server.sql<{ id: string }>(
    `SELECT id FROM commitment WHERE partnership_id = $1 ORDER BY title, id LIMIT 1`,
    [partnershipId],
  );
  if (existing) return existing.id;
  const org = organisationId ?? (await ownOrganisation(server));
  const [created] = await server.sql<{ id: string }>(
    `INSERT INTO commitment (partnership_id, title, description, responsible_organisation_ids, period_start, period_end)
     VALUES ($1, $2, 'Matrix probe', ARRAY[$3]::uuid[], '2026-01-01', '2026-12-31') RETURNING id`,
    [partnershipId, `Matrix ${randomUUID()}`, org],
  );
  return created.id;
}
