import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { Role } from '../../access/roles';
import { AuditRepository } from '../audit/audit.repository';
import type { AuditEventDraft } from '../audit/audit.recorder';
import {
  Area,
  Organisation,
  Partnership,
  PartnershipArea,
  PartnershipOrganisation,
  User,
  UserRole,
} from '../identity/identity.entities';
import { Commitment, type CommitmentStatus, Place } from '../prevention/prevention.entities';

/** A partnership with its organisations and areas, as the pair-per-area rule needs it. */
export interface PartnershipLinks {
  id: string;
  name: string;
  organisationIds: string[];
  areaIds: string[];
}

/**
 * The rows provisioning reads and writes. Unscoped by design: provisioning runs as the operator's
 * command-line tool (or the demo seed), before any user exists, and describes the installation.
 */
export class ProvisioningRepository {
  private readonly audit = new AuditRepository();

  /** One provisioning at a time: two runs of different files must not interleave their checks. */
  async lock(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('samverkan.provisioning'))`);
  }

  organisations(manager: EntityManager, names: readonly string[]): Promise<Organisation[]> {
    return names.length === 0 ? Promise.resolve([]) : manager.find(Organisation, { where: { name: In([...names]) } });
  }

  areas(manager: EntityManager, names: readonly string[]): Promise<Area[]> {
    return names.length === 0 ? Promise.resolve([]) : manager.find(Area, { where: { name: In([...names]) } });
  }

  places(manager: EntityManager, areaIds: readonly string[]): Promise<Place[]> {
    return areaIds.length === 0 ? Promise.resolve([]) : manager.find(Place, { where: { areaId: In([...areaIds]) } });
  }

  partnerships(manager: EntityManager, names: readonly string[]): Promise<Partnership[]> {
    return names.length === 0 ? Promise.resolve([]) : manager.find(Partnership, { where: { name: In([...names]) } });
  }

  /** Every partnership covering one of the areas, with all its organisations and areas. */
  async partnershipsCovering(manager: EntityManager, areaIds: readonly string[]): Promise<PartnershipLinks[]> {
    if (areaIds.length === 0) return [];
    return manager.query(
      `SELECT p.id, p.name,
              (SELECT coalesce(array_agg(po.organisation_id), '{}') FROM partnership_organisation po WHERE po.partnership_id = p.id) AS "organisationIds",
              (SELECT coalesce(array_agg(pa.area_id), '{}') FROM partnership_area pa WHERE pa.partnership_id = p.id) AS "areaIds"
         FROM partnership p
        WHERE EXISTS (SELECT 1 FROM partnership_area pa WHERE pa.partnership_id = p.id AND pa.area_id = ANY($1::uuid[]))`,
      [[...areaIds]],
    );
  }

  async links(
    manager: EntityManager,
    partnershipIds: readonly string[],
  ): Promise<{ organisations: PartnershipOrganisation[]; areas: PartnershipArea[] }> {
    if (partnershipIds.length === 0) return { organisations: [], areas: [] };
    const where = { partnershipId: In([...partnershipIds]) };
    return {
      organisations: await manager.find(PartnershipOrganisation, { where }),
      areas: await manager.find(PartnershipArea, { where }),
    };
  }

  commitments(manager: EntityManager, partnershipIds: readonly string[]): Promise<Commitment[]> {
    return partnershipIds.length === 0
      ? Promise.resolve([])
      : manager.find(Commitment, { where: { partnershipId: In([...partnershipIds]) } });
  }

  users(manager: EntityManager, emails: readonly string[]): Promise<User[]> {
    return emails.length === 0 ? Promise.resolve([]) : manager.find(User, { where: { email: In([...emails]) } });
  }

  insertOrganisation(manager: EntityManager, row: Pick<Organisation, 'name' | 'kind'>): Promise<Organisation> {
    return manager.save(manager.create(Organisation, row));
  }

  insertArea(manager: EntityManager, name: string): Promise<Area> {
    return manager.save(manager.create(Area, { name }));
  }

  savePlace(
    manager: EntityManager,
    row: Partial<Place> & Pick<Place, 'areaId' | 'name' | 'feltUnsafe' | 'cameraMonitored'>,
  ): Promise<Place> {
    return manager.save(manager.create(Place, row));
  }

  savePartnership(
    manager: EntityManager,
    row: Partial<Partnership> & Pick<Partnership, 'name' | 'validFrom' | 'validTo'>,
  ): Promise<Partnership> {
    return manager.save(manager.create(Partnership, row));
  }

  async linkOrganisation(manager: EntityManager, partnershipId: string, organisationId: string): Promise<void> {
    await manager.insert(PartnershipOrganisation, { partnershipId, organisationId });
  }

  async linkArea(manager: EntityManager, partnershipId: string, areaId: string): Promise<void> {
    await manager.insert(PartnershipArea, { partnershipId, areaId });
  }

  saveCommitment(
    manager: EntityManager,
    row: Partial<Commitment> & {
      partnershipId: string;
      title: string;
      description: string;
      responsibleOrganisationIds: string[];
      periodStart: string;
      periodEnd: string;
      status: CommitmentStatus;
    },
  ): Promise<Commitment> {
    return manager.save(manager.create(Commitment, row));
  }

  async insertAdmin(
    manager: EntityManager,
    row: { organisationId: string; email: string; displayName: string; passwordHash: string },
  ): Promise<User> {
    const user = await manager.save(manager.create(User, { ...row, disabledAt: null }));
    await manager.insert(UserRole, { userId: user.id, role: Role.ADMIN });
    return user;
  }

  writeAudit(manager: EntityManager, drafts: readonly AuditEventDraft[]): Promise<void> {
    return this.audit.insert(manager, drafts);
  }
}
