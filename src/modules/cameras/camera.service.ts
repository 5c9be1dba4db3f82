import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { cameraAccess, CameraOperation } from '../../access/camera-access';
import { Capability, Scope } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { CameraReason } from './cameras.reasons';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { AuditAction } from '../audit/audit.recorder';
import { isDate, todayInSweden } from '../training/certification-status';
import type { CameraOutage } from './camera.entities';
import {
  cameraStatus,
  CameraStatus,
  daysInOperation,
  permitStatus,
  PermitStatus,
  type OutageDates,
} from './camera-operation';
import { CameraRepository, type CameraRow } from './camera.repository';
import { UUID } from '../../shared/ids';

/** Footage is kept at most this long under any permit this service accepts (days). */
export const MAX_RETENTION_DAYS = 365;

/** A camera as the API shows it: the row, its outages and what today makes of them. */
export interface CameraView extends CameraRow {
  outages: CameraOutage[];
  status: CameraStatus;
  permitStatus: PermitStatus;
}

export interface CameraInput {
  placeId?: string;
  commitmentId?: string | null;
  name?: string;
  coverage?: string;
  permitReference?: string;
  permitDecidedOn?: string;
  permitValidUntil?: string;
  permitConditions?: string;
  retentionDays?: number;
  operatingSince?: string;
  decommissionedOn?: string | null;
}

export interface OutageInput {
  startedOn: string;
  endedOn?: string | null;
  note: string;
}

/** Per camera of a commitment, for one year: what the yearly follow-up shows. */
export interface CameraFollowUp {
  cameraId: string;
  organisationId: string;
  name: string;
  placeId: string;
  daysInOperation: number;
  footageRequestsReceived: number;
  footageRequestsHandedOver: number;
  permitValidUntil: string;
  permitStatus: PermitStatus;
}

function text(field: string, value: string | undefined, max: number, required: boolean): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (required && trimmed === '') throw badInput(field, InputReason.TEXT_EMPTY, 'must not be empty');
  if (trimmed.length > max) throw badInput(field, InputReason.TEXT_TOO_LONG, `at most ${max} characters`);
  // Everything about a camera is read by the partner police: no identity numbers (docs/records.md).
  return refuseIdentityNumber(field, trimmed);
}

function date(field: string, value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isDate(value)) throw badInput(field, InputReason.INVALID_DATE, 'must be a date YYYY-MM-DD');
  return value;
}

/**
 * Cameras run by a municipality's safety function at the partnership's places: permit, operation
 * and outages (docs/cameras.md). Who may do what is decided by `src/access/camera-access.ts`.
 */
export class CameraService {
  readonly repo = new CameraRepository();

  constructor(private readonly dataSource: DataSource) {}

  today(): string {
    return todayInSweden();
  }

  /** The organisations whose cameras the caller may possibly read (the access rule decides per camera). */
  private candidateOrganisations(principal: Principal, scope: Scope): string[] {
    return scope === Scope.PARTNERSHIP
      ? [...new Set([principal.organisationId, ...principal.partnershipOrganisationIds])]
      : [principal.organisationId];
  }

  async views(manager: EntityManager, rows: readonly CameraRow[]): Promise<CameraView[]> {
    const outages = await this.repo.outages(
      manager,
      rows.map((r) => r.id),
    );
    const today = this.today();
    return rows.map((row) => {
      const own = outages.filter((o) => o.cameraId === row.id);
      return {
        ...row,
        outages: own,
        status: cameraStatus(row, own, today),
        permitStatus: permitStatus(row, today),
      };
    });
  }

  async cameras(caller: Actor, filter: { placeId?: string } = {}): Promise<CameraView[]> {
    const scope = requireCapability(caller.principal, Capability.CAMERA_READ);
    const principal = caller.principal;
    if (filter.placeId !== undefined && !UUID.test(filter.placeId)) return [];
    const topology = await caller.topology();
    const rows = await this.repo.cameras(
      this.dataSource.manager,
      this.candidateOrganisations(principal, scope),
      filter,
    );
    const allowed = rows.filter((r) => cameraAccess(principal, r, CameraOperation.READ, topology));
    caller.audit.touch(AuditAction.READ, 'Camera', allowed);
    return this.views(this.dataSource.manager, allowed);
  }

  /** One camera for `operation`; NOT_FOUND when it does not exist or the caller may not use it so. */
  async cameraFor(
    caller: Actor,
    manager: EntityManager,
    id: string,
    operation: CameraOperation,
    lock = false,
  ): Promise<CameraRow> {
    const row = UUID.test(id) ? await this.repo.camera(manager, id, lock) : null;
    if (!row || !cameraAccess(caller.principal, row, operation, await caller.topology())) {
      if (row) caller.audit.refused('Camera', id, row.organisationId);
      throw notFound('Camera');
    }
    return row;
  }

  async camera(caller: Actor, id: string): Promise<CameraView> {
    requireCapability(caller.principal, Capability.CAMERA_READ);
    const row = await this.cameraFor(caller, this.dataSource.manager, id, CameraOperation.READ);
    caller.audit.touch(AuditAction.READ, 'Camera', [row]);
    return (await this.views(this.dataSource.manager, [row]))[0];
  }

  async create(caller: Actor, manager: EntityManager, input: CameraInput): Promise<CameraView> {
    requireCapability(caller.principal, Capability.CAMERA_MANAGE);
    const principal = caller.principal;
    const values = await this.validated(caller, manager, input, null);
    const id = await this.repo.saveCamera(manager, {
      ...values,
      organisationId: principal.organisationId,
      decommissionedOn: values.decommissionedOn ?? null,
      commitmentId: values.commitmentId ?? null,
      createdBy: principal.userId,
    });
    const row = (await this.repo.camera(manager, id))!;
    caller.audit.touch(AuditAction.CREATE, 'Camera', [row]);
    return (await this.views(manager, [row]))[0];
  }

  /** Changes a camera: a renewed permit, new conditions, taken down. Absent fields stay as they are. */
  async update(caller: Actor, manager: EntityManager, id: string, input: CameraInput): Promise<CameraView> {
    requireCapability(caller.principal, Capability.CAMERA_MANAGE);
    const current = await this.cameraFor(caller, manager, id, CameraOperation.MANAGE, true);
    if (input.placeId !== undefined && input.placeId !== current.placeId)
      throw badInput(
        'placeId',
        CameraReason.CAMERA_PLACE_FIXED,
        'a camera does not move; record a new camera at the other place',
      );
    const values = await this.validated(caller, manager, input, current);
    await this.repo.saveCamera(manager, { ...values, id: current.id });
    const row = (await this.repo.camera(manager, id))!;
    caller.audit.touch(AuditAction.UPDATE, 'Camera', [row]);
    return (await this.views(manager, [row]))[0];
  }

  /** The merged, checked values of a camera (`current` null: a new one, every field required). */
  private async validated(
    caller: Actor,
    manager: EntityManager,
    input: CameraInput,
    current: CameraRow | null,
  ): Promise<Omit<CameraInput, 'commitmentId'> & { commitmentId?: string | null }> {
    const fresh = current === null;
    const required = <K extends keyof CameraInput>(key: K): void => {
      if (fresh && (input[key] === undefined || input[key] === null))
        throw badInput(key, InputReason.REQUIRED, 'is required');
    };
    (
      [
        'placeId',
        'name',
        'coverage',
        'permitReference',
        'permitDecidedOn',
        'permitValidUntil',
        'permitConditions',
        'retentionDays',
        'operatingSince',
      ] as const
    ).forEach(required);
    const topology = await caller.topology();
    const principal = caller.principal;
    const ownPartnerships = topology.filter(
      (p) => principal.partnershipIds.includes(p.partnershipId) && p.organisationIds.includes(principal.organisationId),
    );
    if (input.placeId !== undefined && fresh) {
      const area = UUID.test(input.placeId) ? await this.repo.placeArea(manager, input.placeId) : null;
      if (area === null || !ownPartnerships.some((p) => p.areaIds.includes(area)))
        throw badInput('placeId', CameraReason.UNKNOWN_PLACE, 'unknown place');
    }
    if (input.commitmentId !== undefined && input.commitmentId !== null) {
      const partnership = UUID.test(input.commitmentId)
        ? await this.repo.commitmentPartnership(manager, input.commitmentId)
        : null;
      if (partnership === null || !ownPartnerships.some((p) => p.partnershipId === partnership))
        throw badInput('commitmentId', CameraReason.UNKNOWN_COMMITMENT, 'unknown commitment');
    }
    const values = {
      placeId: input.placeId,
      commitmentId: input.commitmentId,
      name: text('name', input.name, 200, true),
      coverage: text('coverage', input.coverage, 1000, true),
      permitReference: text('permitReference', input.permitReference, 100, true),
      permitConditions: text('permitConditions', input.permitConditions, 10_000, false),
      permitDecidedOn: date('permitDecidedOn', input.permitDecidedOn) ?? undefined,
      permitValidUntil: date('permitValidUntil', input.permitValidUntil) ?? undefined,
      operatingSince: date('operatingSince', input.operatingSince) ?? undefined,
      decommissionedOn: date('decommissionedOn', input.decommissionedOn),
      retentionDays: input.retentionDays,
    };
    if (
      values.retentionDays !== undefined &&
      !(values.retentionDays >= 1 && values.retentionDays <= MAX_RETENTION_DAYS)
    )
      throw badInput('retentionDays', InputReason.NUMBER_OUT_OF_RANGE, `must be 1 to ${MAX_RETENTION_DAYS} days`);
    const merged = {
      ...(current ?? {}),
      ...Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)),
    };
    const m2 = merged as CameraRow;
    if (m2.permitValidUntil < m2.permitDecidedOn)
      throw badInput(
        'permitValidUntil',
        CameraReason.PERMIT_ENDS_BEFORE_DECISION,
        'the permit cannot end before it was decided',
      );
    if (m2.decommissionedOn !== null && m2.decommissionedOn !== undefined && m2.decommissionedOn < m2.operatingSince)
      throw badInput(
        'decommissionedOn',
        CameraReason.DECOMMISSIONED_BEFORE_START,
        'a camera cannot be taken down before it started',
      );
    return values;
  }

  async recordOutage(caller: Actor, manager: EntityManager, cameraId: string, input: OutageInput): Promise<CameraView> {
    requireCapability(caller.principal, Capability.CAMERA_MANAGE);
    const camera = await this.cameraFor(caller, manager, cameraId, CameraOperation.MANAGE, true);
    const today = this.today();
    date('startedOn', input.startedOn);
    date('endedOn', input.endedOn);
    if (input.startedOn > today)
      throw badInput('startedOn', CameraReason.OUTAGE_IN_FUTURE, 'an outage is recorded when it has begun');
    if (input.startedOn < camera.operatingSince)
      throw badInput('startedOn', CameraReason.OUTAGE_BEFORE_OPERATION, 'the camera was not yet in operation then');
    if (input.endedOn !== undefined && input.endedOn !== null) {
      if (input.endedOn < input.startedOn)
        throw badInput('endedOn', CameraReason.OUTAGE_ENDS_BEFORE_START, 'must not be before startedOn');
      if (input.endedOn > today) throw badInput('endedOn', CameraReason.OUTAGE_IN_FUTURE, 'must not be after today');
    }
    const existing = await this.repo.outages(manager, [camera.id]);
    if ((input.endedOn === undefined || input.endedOn === null) && existing.some((o) => o.endedOn === null))
      throw badInput(
        'startedOn',
        CameraReason.OUTAGE_ALREADY_OPEN,
        'the camera already has an outage that has not ended',
      );
    await this.repo.saveOutage(manager, {
      cameraId: camera.id,
      startedOn: input.startedOn,
      endedOn: input.endedOn ?? null,
      note: text('note', input.note, 1000, true)!,
      recordedBy: caller.principal.userId,
    });
    caller.audit.touch(AuditAction.UPDATE, 'Camera', [camera]);
    return (await this.views(manager, [camera]))[0];
  }

  async endOutage(caller: Actor, manager: EntityManager, outageId: string, endedOn: string): Promise<CameraView> {
    requireCapability(caller.principal, Capability.CAMERA_MANAGE);
    const outage = UUID.test(outageId) ? await this.repo.outage(manager, outageId) : null;
    if (!outage) throw notFound('Outage');
    const camera = await this.cameraFor(caller, manager, outage.cameraId, CameraOperation.MANAGE, true);
    date('endedOn', endedOn);
    if (outage.endedOn !== null)
      throw badInput('outageId', CameraReason.OUTAGE_ALREADY_ENDED, 'the outage has already ended');
    if (endedOn < outage.startedOn)
      throw badInput('endedOn', CameraReason.OUTAGE_ENDS_BEFORE_START, 'must not be before it began');
    if (endedOn > this.today()) throw badInput('endedOn', CameraReason.OUTAGE_IN_FUTURE, 'must not be after today');
    await this.repo.saveOutage(manager, { ...outage, endedOn });
    caller.audit.touch(AuditAction.UPDATE, 'Camera', [camera]);
    return (await this.views(manager, [camera]))[0];
  }

  /**
   * The cameras serving a commitment, for its yearly follow-up: counts only, the same for every
   * reader of the follow-up (the caller's right to the follow-up is checked by its resolver).
   */
  async followUp(commitmentId: string, year: number): Promise<CameraFollowUp[]> {
    const manager = this.dataSource.manager;
    const cameras = await this.repo.camerasServing(manager, commitmentId);
    const outages = await this.repo.outages(
      manager,
      cameras.map((c) => c.id),
    );
    const counts = await this.repo.footageCounts(
      manager,
      cameras.map((c) => c.id),
      year,
    );
    const today = this.today();
    return cameras.map((c) => {
      const own: OutageDates[] = outages.filter((o) => o.cameraId === c.id);
      const n = counts.find((x) => x.cameraId === c.id);
      return {
        cameraId: c.id,
        organisationId: c.organisationId,
        name: c.name,
        placeId: c.placeId,
        daysInOperation: daysInOperation(c, own, year, today),
        footageRequestsReceived: n?.received ?? 0,
        footageRequestsHandedOver: n?.handedOver ?? 0,
        permitValidUntil: c.permitValidUntil,
        permitStatus: permitStatus(c, today),
      };
    });
  }
}
