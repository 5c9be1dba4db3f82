import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { assertScope } from '../../db/scoped-repository';
import { Commitment, CommitmentStatus } from '../prevention/prevention.entities';
import { Partnership } from './identity.entities';

/** Partnerships, always within the caller's own partnerships (the scope's `partnershipIds`). */
export class PartnershipRepository {
  async partnerships(
    manager: EntityManager,
    scope: OrganisationScope,
    ids?: readonly string[],
  ): Promise<Partnership[]> {
    assertScope(scope);
    const wanted = ids ? scope.partnershipIds.filter((p) => ids.includes(p)) : [...scope.partnershipIds];
    if (wanted.length === 0) return [];
    return manager.find(Partnership, { where: { id: In(wanted) }, order: { validFrom: 'DESC', name: 'ASC' } });
  }

  async forUpdate(manager: EntityManager, scope: OrganisationScope, id: string): Promise<Partnership | null> {
    assertScope(scope);
    if (!scope.partnershipIds.includes(id)) return null;
    return manager
      .getRepository(Partnership)
      .createQueryBuilder('p')
      .where('p.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Marks the partnership closed and completes its still active commitments; returns their ids. */
  async close(manager: EntityManager, id: string): Promise<string[]> {
    await manager.update(Partnership, { id }, { closedAt: () => 'now()' });
    const active = await manager.find(Commitment, {
      where: { partnershipId: id, status: CommitmentStatus.ACTIVE },
      select: { id: true },
    });
    if (active.length > 0)
      await manager.update(Commitment, { id: In(active.map((c) => c.id)) }, { status: CommitmentStatus.COMPLETED });
    return active.map((c) => c.id);
  }
}
