import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { assertScope } from '../../db/scoped-repository';
import { Partnership } from '../identity/identity.entities';
import { Commitment, Place } from './prevention.entities';

/**
 * Commitments and places: reference data of a partnership. Reads are scoped by the caller's own
 * partnerships (commitments) or the areas those cover (places).
 */
export class ReferenceRepository {
  commitments(manager: EntityManager, scope: OrganisationScope, partnershipId?: string): Promise<Commitment[]> {
    assertScope(scope);
    const ids = partnershipId ? scope.partnershipIds.filter((p) => p === partnershipId) : [...scope.partnershipIds];
    if (ids.length === 0) return Promise.resolve([]);
    return manager.find(Commitment, { where: { partnershipId: In(ids) }, order: { periodStart: 'ASC', title: 'ASC' } });
  }

  async commitment(
    manager: EntityManager,
    scope: OrganisationScope,
    id: string,
    lock = false,
  ): Promise<Commitment | null> {
    assertScope(scope);
    if (scope.partnershipIds.length === 0) return null;
    const qb = manager
      .getRepository(Commitment)
      .createQueryBuilder('c')
      .where('c.id = :id AND c.partnership_id IN (:...p)', { id, p: [...scope.partnershipIds] });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  places(manager: EntityManager, areaIds: readonly string[]): Promise<Place[]> {
    if (areaIds.length === 0) return Promise.resolve([]);
    return manager.find(Place, { where: { areaId: In([...areaIds]) }, order: { name: 'ASC' } });
  }

  async place(manager: EntityManager, areaIds: readonly string[], id: string): Promise<Place | null> {
    if (areaIds.length === 0) return null;
    return manager.findOne(Place, { where: { id, areaId: In([...areaIds]) } });
  }

  /** The place of this name in the area, if any (names are unique per area). */
  placeNamed(manager: EntityManager, areaId: string, name: string): Promise<Place | null> {
    return manager.findOne(Place, { where: { areaId, name } });
  }

  /** Whether the partnership (one of the caller's, checked by the service) has been closed. */
  async partnershipClosed(manager: EntityManager, partnershipId: string): Promise<boolean> {
    const row = await manager.findOne(Partnership, {
      where: { id: partnershipId },
      select: { id: true, closedAt: true },
    });
    return row !== null && row.closedAt !== null;
  }

  save<T extends Commitment | Place>(manager: EntityManager, entity: T): Promise<T> {
    return manager.save(entity);
  }
}
