import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requirePartnershipAccess, type PartnershipTopology } from '../../access/access';
import { refuseIdentityNumber, refuseIdentityNumbers } from '../../shared/identity-number';
import { badInput, InputReason } from '../../shared/errors';
import { PreventionReason } from './prevention.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { Commitment, CommitmentStatus, Place } from './prevention.entities';
import { ReferenceRepository } from './reference.repository';
import { UUID } from '../../shared/ids';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface CommitmentInput {
  partnershipId?: string;
  title?: string;
  description?: string;
  responsibleOrganisationIds?: string[];
  periodStart?: string;
  periodEnd?: string;
  status?: CommitmentStatus;
}

export interface PlaceInput {
  areaId?: string;
  name?: string;
  feltUnsafe?: boolean;
  cameraMonitored?: boolean;
}

const validDate = (s: string): boolean =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** Commitments (medborgarlöften) and places of the caller's partnerships. */
export class ReferenceService {
  private readonly repo = new ReferenceRepository();

  constructor(private readonly dataSource: DataSource) {}

  private static placePartnerships(place: Place, topology: PartnershipTopology[]): string[] {
    return topology.filter((p) => p.areaIds.includes(place.areaId)).map((p) => p.partnershipId);
  }

  async commitments(caller: Actor, partnershipId?: string): Promise<Commitment[]> {
    const scope = organisationScope(caller.principal, Capability.REFERENCE_READ);
    const rows = await this.repo.commitments(this.dataSource.manager, scope, partnershipId);
    const allowed = requirePartnershipAccess(
      caller.principal,
      Capability.REFERENCE_READ,
      rows.map((c) => Object.assign(c, { partnershipIds: [c.partnershipId] })),
    );
    caller.audit.touch(AuditAction.READ, 'Commitment', allowed);
    return allowed;
  }

  async commitment(caller: Actor, id: string): Promise<Commitment> {
    const scope = organisationScope(caller.principal, Capability.REFERENCE_READ);
    const row = UUID.test(id) ? await this.repo.commitment(this.dataSource.manager, scope, id) : null;
    const [c] = requirePartnershipAccess(
      caller.principal,
      Capability.REFERENCE_READ,
      [row && Object.assign(row, { partnershipIds: [row.partnershipId] })],
      'Commitment',
    );
    caller.audit.touch(AuditAction.READ, 'Commitment', [c]);
    return c;
  }

  async createCommitment(caller: Actor, manager: EntityManager, input: CommitmentInput): Promise<Commitment> {
    organisationScope(caller.principal, Capability.COMMITMENT_WRITE);
    const topology = await caller.topology();
    const partnership = topology.find(
      (p) => p.partnershipId === input.partnershipId && caller.principal.partnershipIds.includes(p.partnershipId),
    );
    if (!partnership) throw badInput('partnershipId', PreventionReason.UNKNOWN_PARTNERSHIP, 'unknown partnership');
    if (await this.repo.partnershipClosed(manager, partnership.partnershipId))
      throw badInput('partnershipId', PreventionReason.PARTNERSHIP_CLOSED, 'the partnership is closed');
    const commitment = manager.create(Commitment, {
      partnershipId: partnership.partnershipId,
      status: CommitmentStatus.ACTIVE,
    });
    this.applyCommitment(commitment, input, partnership);
    const saved = await this.repo.save(manager, commitment);
    caller.audit.touch(AuditAction.CREATE, 'Commitment', [saved]);
    return saved;
  }

  async updateCommitment(
    caller: Actor,
    manager: EntityManager,
    id: string,
    input: CommitmentInput,
  ): Promise<Commitment> {
    const scope = organisationScope(caller.principal, Capability.COMMITMENT_WRITE);
    const row = UUID.test(id) ? await this.repo.commitment(manager, scope, id, true) : null;
    const [commitment] = requirePartnershipAccess(
      caller.principal,
      Capability.COMMITMENT_WRITE,
      [row && Object.assign(row, { partnershipIds: [row.partnershipId] })],
      'Commitment',
    );
    if (input.partnershipId !== undefined && input.partnershipId !== commitment.partnershipId)
      throw badInput(
        'partnershipId',
        PreventionReason.COMMITMENT_PARTNERSHIP_FIXED,
        'a commitment cannot move to another partnership',
      );
    const partnership = (await caller.topology()).find((p) => p.partnershipId === commitment.partnershipId)!;
    this.applyCommitment(commitment, input, partnership);
    const saved = await this.repo.save(manager, commitment);
    caller.audit.touch(AuditAction.UPDATE, 'Commitment', [saved]);
    return saved;
  }

  private applyCommitment(c: Commitment, input: CommitmentInput, partnership: PartnershipTopology): void {
    if (input.title !== undefined) c.title = input.title.trim();
    if (input.description !== undefined) c.description = input.description.trim();
    if (input.responsibleOrganisationIds !== undefined)
      c.responsibleOrganisationIds = [...new Set(input.responsibleOrganisationIds)];
    if (input.periodStart !== undefined) c.periodStart = input.periodStart;
    if (input.periodEnd !== undefined) c.periodEnd = input.periodEnd;
    if (input.status !== undefined) c.status = input.status;
    if (!c.title || c.title.length > 200)
      throw badInput('title', InputReason.TEXT_LENGTH_OUT_OF_RANGE, 'must be 1 to 200 characters');
    if (c.description === undefined || c.description.length > 10_000)
      throw badInput('description', InputReason.TEXT_LENGTH_OUT_OF_RANGE, 'is required, at most 10000 characters');
    if (!c.periodStart || !validDate(c.periodStart))
      throw badInput('periodStart', InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
    if (!c.periodEnd || !validDate(c.periodEnd))
      throw badInput('periodEnd', InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
    if (c.periodEnd < c.periodStart)
      throw badInput('periodEnd', InputReason.RANGE_END_BEFORE_START, 'must not be before periodStart');
    // Every organisation of the partnership reads a commitment.
    refuseIdentityNumbers({ title: c.title, description: c.description });
    if (!c.responsibleOrganisationIds || c.responsibleOrganisationIds.length === 0)
      throw badInput(
        'responsibleOrganisationIds',
        PreventionReason.RESPONSIBLE_ORGANISATION_REQUIRED,
        'at least one organisation',
      );
    if (c.responsibleOrganisationIds.some((o) => !partnership.organisationIds.includes(o))) {
      throw badInput(
        'responsibleOrganisationIds',
        PreventionReason.RESPONSIBLE_ORGANISATION_OUTSIDE_PARTNERSHIP,
        'must be organisations of the partnership',
      );
    }
  }

  async places(caller: Actor, areaId?: string): Promise<Place[]> {
    organisationScope(caller.principal, Capability.REFERENCE_READ);
    const topology = await caller.topology();
    const areas = [...new Set(topology.flatMap((p) => p.areaIds))].filter((a) => areaId === undefined || a === areaId);
    const rows = await this.repo.places(this.dataSource.manager, areas);
    const allowed = requirePartnershipAccess(
      caller.principal,
      Capability.REFERENCE_READ,
      rows.map((p) => Object.assign(p, { partnershipIds: ReferenceService.placePartnerships(p, topology) })),
    );
    caller.audit.touch(AuditAction.READ, 'Place', allowed);
    return allowed;
  }

  async createPlace(caller: Actor, manager: EntityManager, input: PlaceInput): Promise<Place> {
    organisationScope(caller.principal, Capability.PLACE_WRITE);
    const topology = await caller.topology();
    if (!input.areaId || !topology.some((p) => p.areaIds.includes(input.areaId!)))
      throw badInput('areaId', PreventionReason.UNKNOWN_AREA, 'unknown area');
    const place = manager.create(Place, { areaId: input.areaId, feltUnsafe: false, cameraMonitored: false });
    await this.applyPlace(manager, place, input);
    const saved = await this.repo.save(manager, place);
    caller.audit.touch(AuditAction.CREATE, 'Place', [saved]);
    return saved;
  }

  async updatePlace(caller: Actor, manager: EntityManager, id: string, input: PlaceInput): Promise<Place> {
    organisationScope(caller.principal, Capability.PLACE_WRITE);
    const topology = await caller.topology();
    const areas = [...new Set(topology.flatMap((p) => p.areaIds))];
    const row = UUID.test(id) ? await this.repo.place(manager, areas, id) : null;
    const [place] = requirePartnershipAccess(
      caller.principal,
      Capability.PLACE_WRITE,
      [row && Object.assign(row, { partnershipIds: ReferenceService.placePartnerships(row, topology) })],
      'Place',
    );
    if (input.areaId !== undefined && input.areaId !== place.areaId)
      throw badInput('areaId', PreventionReason.PLACE_AREA_FIXED, 'a place cannot move to another area');
    await this.applyPlace(manager, place, input);
    const saved = await this.repo.save(manager, place);
    caller.audit.touch(AuditAction.UPDATE, 'Place', [saved]);
    return saved;
  }

  private async applyPlace(manager: EntityManager, place: Place, input: PlaceInput): Promise<void> {
    if (input.name !== undefined) place.name = input.name.trim();
    if (input.feltUnsafe !== undefined) place.feltUnsafe = input.feltUnsafe;
    if (input.cameraMonitored !== undefined) place.cameraMonitored = input.cameraMonitored;
    if (!place.name || place.name.length > 200)
      throw badInput('name', InputReason.TEXT_LENGTH_OUT_OF_RANGE, 'must be 1 to 200 characters');
    refuseIdentityNumber('name', place.name); // every organisation of the area's partnerships reads it
    const clash = await this.repo.placeNamed(manager, place.areaId, place.name);
    if (clash && clash.id !== place.id)
      throw badInput('name', PreventionReason.PLACE_NAME_TAKEN, 'a place with this name already exists in the area');
  }
}
