import {
  organisationScope,
  requireAccess,
  requirePartnershipAccess,
  requirePrincipal,
  type OrganisationScope,
  type PartnershipTopology,
} from './access';
import { Capability } from './policy';
import type { Principal } from './principal';

/** What the sessions rule needs of a training session. */
export interface TrainingSessionFacts {
  id: string;
  /** The organisation that holds the session. */
  organisationId: string;
  /** Open to the staff of the holder's partner organisations. */
  joint: boolean;
}

/** The sessions a training coordinator's queries read: the own organisation's, and joint ones of these partners. */
export interface TrainingSessionScope {
  readonly scope: OrganisationScope;
  readonly jointOrganisationIds: readonly string[];
}

/**
 * The query scope of training sessions: the caller's own organisation's sessions (TRAINING_MANAGE, OWN),
 * and the joint sessions of the organisations the caller's organisation is in partnership with.
 */
export function trainingSessionScope(
  principal: Principal | undefined,
  topology: readonly PartnershipTopology[],
): TrainingSessionScope {
  const scope = organisationScope(principal, Capability.TRAINING_MANAGE);
  const own = requirePrincipal(principal).organisationId;
  const partners = new Set(topology.filter((p) => p.organisationIds.includes(own)).flatMap((p) => p.organisationIds));
  partners.delete(own);
  return { scope, jointOrganisationIds: [...partners] };
}

/**
 * The own-vs-partner rule of training sessions: a session of the caller's own organisation under
 * TRAINING_MANAGE; a partner's only when it is joint and the partner shares a partnership with the caller.
 * Any other session, or a missing one (null), answers NOT_FOUND like a session that does not exist.
 */
export function requireTrainingSessionAccess<T extends TrainingSessionFacts>(
  principal: Principal | undefined,
  topology: readonly PartnershipTopology[],
  rows: readonly (T | null)[],
): T[] {
  const own = principal?.organisationId;
  const mine = rows.filter((r): r is T => r !== null && r.organisationId === own);
  requireAccess(principal, Capability.TRAINING_MANAGE, mine, 'Training session');
  const others = rows.filter((r) => r === null || r.organisationId !== own);
  requirePartnershipAccess(
    principal,
    Capability.TRAINING_MANAGE,
    others.map(
      (r) =>
        r && {
          id: r.id,
          partnershipIds: r.joint
            ? topology.filter((p) => p.organisationIds.includes(r.organisationId)).map((p) => p.partnershipId)
            : [],
        },
    ),
    'Training session',
  );
  return rows as T[];
}
