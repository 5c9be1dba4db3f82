import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requirePartnershipAccess } from '../../access/access';
import { badInput, notFound } from '../../shared/errors';
import { IdentityReason } from './identity.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { stockholmDate } from '../../shared/dates';
import type { Partnership } from './identity.entities';
import { PartnershipRepository } from './partnership.repository';
import { UUID } from '../../shared/ids';

export type PartnershipView = Partnership & { organisationIds: string[]; areaIds: string[]; partnershipIds: string[] };

/** The caller's partnerships with their organisations and areas, and closing one at its end date. */
export class PartnershipService {
  private readonly repo = new PartnershipRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async partnerships(caller: Actor, id?: string): Promise<PartnershipView[]> {
    const scope = organisationScope(caller.principal, Capability.REFERENCE_READ);
    if (id !== undefined && !UUID.test(id)) throw notFound('Partnership');
    const rows = await this.repo.partnerships(this.dataSource.manager, scope, id === undefined ? undefined : [id]);
    if (id !== undefined && rows.length === 0) throw notFound('Partnership');
    const topology = await caller.topology();
    const views = rows.map((p) => {
      const links = topology.find((t) => t.partnershipId === p.id);
      return Object.assign(p, {
        organisationIds: [...(links?.organisationIds ?? [])],
        areaIds: [...(links?.areaIds ?? [])],
        partnershipIds: [p.id],
      });
    });
    const allowed = requirePartnershipAccess(caller.principal, Capability.REFERENCE_READ, views, 'Partnership');
    caller.audit.touch(AuditAction.READ, 'Partnership', allowed);
    return allowed;
  }

  /**
   * Closes a partnership of the caller's own organisation once its last day has come (Swedish
   * date): its commitments still active are completed, and everything stays readable for the
   * follow-up. Before the end date, or a second time, BAD_USER_INPUT.
   */
  async close(caller: Actor, manager: EntityManager, id: string): Promise<PartnershipView> {
    const scope = organisationScope(caller.principal, Capability.PARTNERSHIP_CLOSE);
    const row = UUID.test(id) ? await this.repo.forUpdate(manager, scope, id) : null;
    const [partnership] = requirePartnershipAccess(
      caller.principal,
      Capability.PARTNERSHIP_CLOSE,
      [row && Object.assign(row, { partnershipIds: [row.id] })],
      'Partnership',
    );
    if (partnership.closedAt !== null)
      throw badInput('id', IdentityReason.PARTNERSHIP_ALREADY_CLOSED, 'the partnership is already closed');
    const today = stockholmDate(this.now());
    if (today < partnership.validTo)
      throw badInput(
        'id',
        IdentityReason.PARTNERSHIP_STILL_RUNNING,
        `the partnership runs until ${partnership.validTo}; it can be closed from that day on`,
      );
    const completed = await this.repo.close(manager, partnership.id);
    caller.audit.touch(AuditAction.UPDATE, 'Partnership', [partnership]);
    caller.audit.touch(
      AuditAction.UPDATE,
      'Commitment',
      completed.map((c) => ({ id: c })),
    );
    const [closed] = await this.repo.partnerships(manager, scope, [partnership.id]);
    const links = (await caller.topology()).find((t) => t.partnershipId === partnership.id);
    return Object.assign(closed, {
      organisationIds: [...(links?.organisationIds ?? [])],
      areaIds: [...(links?.areaIds ?? [])],
      partnershipIds: [closed.id],
    });
  }
}
