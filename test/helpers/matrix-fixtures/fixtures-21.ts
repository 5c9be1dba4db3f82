import { freshCase } from './fixtures-22';
import type { Fixture } from './types';

/**
 * Access-matrix fixtures of issue #21's operations (the lists the console needs): the colleagues a
 * member may add to a fresh case of the caller's organisation that the caller is a member of, and a
 * page of the caller's organisation's detection records.
 */
export const FIXTURES_21: Record<string, Fixture> = {
  caseMemberCandidates: { args: async ({ caller, server }) => ({ caseId: await freshCase(server, caller) }) },
  detectionRecords: { args: () => ({ first: 5 }) },
};
