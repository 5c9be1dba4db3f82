import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { CameraOperation, footageRequestAccess, FootageRequestOperation } from '../../access/camera-access';
import { Capability } from '../../access/policy';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { CameraReason } from './cameras.reasons';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { AuditAction, type AuditRecorder } from '../audit/audit.recorder';
import { todayInSweden } from '../training/certification-status';
import {
  FootageRequestStatus,
  FootageRequestStep,
  type FootageRequest,
  type FootageRequestEvent,
} from './camera.entities';
import { outageDuring } from './camera-operation';
import type { CameraRow } from './camera.repository';
import { type CameraService } from './camera.service';
import { UUID } from '../../shared/ids';

/** A police report or incident number: letters, digits, spaces, '-' and '/'. */
const INCIDENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9 /-]{0,39}$/;
/** The longest window one request may ask for. */
export const MAX_WINDOW_HOURS = 7 * 24;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface FootageRequestInput {
  cameraId: string;
  windowStart: Date;
  windowEnd: Date;
  reason: string;
  caseId?: string | null;
  incidentNumber?: string | null;
}

export interface FootageDecisionInput {
  outcome: FootageRequestStatus;
  note?: string | null;
  /** When the footage was handed over or the request refused; now when absent. */
  decidedAt?: Date | null;
}

/** A request as the API shows it, with its camera's name, its history and what the caller may see. */
export interface FootageRequestView extends FootageRequest {
  cameraName: string;
  history: FootageRequestEvent[];
  /** The camera was out of order on a day of the window: footage may be missing. */
  outOfOrderDuringWindow: boolean;
  /** The case link, for the requesting organisation only. */
  visibleCaseId: string | null;
}

/** Every step is recorded for both organisations, so that the auditors of each see it. */
function touch(audit: AuditRecorder, action: AuditAction, rows: readonly FootageRequest[]): void {
  audit.touch(
    action,
    'FootageRequest',
    rows.flatMap((r) => [
      { id: r.id, organisationId: r.requestingOrganisationId },
      { id: r.id, organisationId: r.ownerOrganisationId },
    ]),
  );
}

function reasonText(field: string, value: string | null | undefined, required: boolean): string | null {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') {
    if (required) throw badInput(field, InputReason.TEXT_EMPTY, 'must not be empty');
    return null;
  }
  if (trimmed.length > 1000) throw badInput(field, InputReason.TEXT_TOO_LONG, 'at most 1000 characters');
  // Both organisations read the request: no identity numbers (docs/records.md).
  return refuseIdentityNumber(field, trimmed);
}

/**
 * Requests for footage from a camera: the partner police ask for a time window, the camera's owner
 * decides, both follow the history (docs/cameras.md).
 */
export class FootageRequestService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cameras: CameraService,
  ) {}

  private get repo() {
    return this.cameras.repo;
  }

  private async views(
    caller: Actor,
    manager: EntityManager,
    rows: readonly FootageRequest[],
  ): Promise<FootageRequestView[]> {
    const ids = rows.map((r) => r.id);
    const cameraIds = [...new Set(rows.map((r) => r.cameraId))];
    const [events, outages, cameras] = await Promise.all([
      this.repo.events(manager, ids),
      this.repo.outages(manager, cameraIds),
      Promise.all(cameraIds.map((id) => this.repo.camera(manager, id))),
    ]);
    const names = new Map(cameras.filter((c): c is CameraRow => c !== null).map((c) => [c.id, c.name]));
    return rows.map((r) => ({
      ...r,
      cameraName: names.get(r.cameraId) ?? '',
      history: events.filter((e) => e.requestId === r.id),
      outOfOrderDuringWindow: outageDuring(
        outages.filter((o) => o.cameraId === r.cameraId),
        todayInSweden(r.windowStart),
        todayInSweden(r.windowEnd),
      ),
      visibleCaseId: footageRequestAccess(caller.principal, r, FootageRequestOperation.SEE_CASE_LINK) ? r.caseId : null,
    }));
  }

  async list(
    caller: Actor,
    filter: { cameraId?: string; statuses?: FootageRequestStatus[] },
    first: number,
  ): Promise<FootageRequestView[]> {
    requireCapability(caller.principal, Capability.FOOTAGE_READ);
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badInput('first', InputReason.PAGE_SIZE_OUT_OF_RANGE, 'must be 1 to 100');
    if (filter.cameraId !== undefined && !UUID.test(filter.cameraId)) return [];
    const manager = this.dataSource.manager;
    const rows = (await this.repo.footageRequests(manager, caller.principal.organisationId, filter, first)).filter(
      (r) => footageRequestAccess(caller.principal, r, FootageRequestOperation.READ),
    );
    touch(caller.audit, AuditAction.READ, rows);
    return this.views(caller, manager, rows);
  }

  private async requestFor(
    caller: Actor,
    manager: EntityManager,
    id: string,
    operation: FootageRequestOperation,
    lock = false,
  ): Promise<FootageRequest> {
    const row = UUID.test(id) ? await this.repo.footageRequest(manager, id, lock) : null;
    if (!row || !footageRequestAccess(caller.principal, row, operation)) {
      if (row) caller.audit.refused('FootageRequest', id, row.ownerOrganisationId);
      throw notFound('FootageRequest');
    }
    return row;
  }

  async get(caller: Actor, id: string): Promise<FootageRequestView> {
    requireCapability(caller.principal, Capability.FOOTAGE_READ);
    const manager = this.dataSource.manager;
    const row = await this.requestFor(caller, manager, id, FootageRequestOperation.READ);
    touch(caller.audit, AuditAction.READ, [row]);
    return (await this.views(caller, manager, [row]))[0];
  }

  async request(caller: Actor, manager: EntityManager, input: FootageRequestInput): Promise<FootageRequestView> {
    requireCapability(caller.principal, Capability.FOOTAGE_REQUEST);
    const principal = caller.principal;
    const camera = await this.cameras.cameraFor(caller, manager, input.cameraId, CameraOperation.REQUEST_FOOTAGE);
    const now = Date.now();
    const start = input.windowStart.getTime();
    const end = input.windowEnd.getTime();
    if (!(end > start)) throw badInput('windowEnd', CameraReason.WINDOW_EMPTY, 'must be after windowStart');
    if (end > now)
      throw badInput(
        'windowEnd',
        CameraReason.WINDOW_IN_FUTURE,
        'footage can only be requested for time that has passed',
      );
    if (end - start > MAX_WINDOW_HOURS * HOUR)
      throw badInput('windowEnd', CameraReason.WINDOW_TOO_LONG, `a request covers at most ${MAX_WINDOW_HOURS} hours`);
    if (start < now - camera.retentionDays * DAY)
      throw badInput(
        'windowStart',
        CameraReason.FOOTAGE_PAST_RETENTION,
        `footage from that time has been erased: the camera's footage is kept ${camera.retentionDays} days`,
      );
    const firstDay = todayInSweden(input.windowStart);
    const lastDay = todayInSweden(input.windowEnd);
    if (firstDay < camera.operatingSince || (camera.decommissionedOn !== null && lastDay > camera.decommissionedOn))
      throw badInput(
        'windowStart',
        CameraReason.CAMERA_NOT_IN_OPERATION,
        'the camera was not in operation during the window',
      );
    if (firstDay < camera.permitDecidedOn || lastDay > camera.permitValidUntil)
      throw badInput(
        'windowStart',
        CameraReason.PERMIT_NOT_VALID_FOR_WINDOW,
        'no permit covered the camera during the whole window, so no footage may exist from that time',
      );
    const reason = reasonText('reason', input.reason, true)!;
    let caseId: string | null = null;
    if (input.caseId !== undefined && input.caseId !== null) {
      const ok =
        UUID.test(input.caseId) &&
        (await this.repo.memberOfOwnCase(manager, input.caseId, principal.organisationId, principal.userId));
      if (!ok) throw badInput('caseId', CameraReason.UNKNOWN_CASE, 'unknown case');
      caseId = input.caseId;
    }
    let incidentNumber: string | null = null;
    if (input.incidentNumber !== undefined && input.incidentNumber !== null && input.incidentNumber.trim() !== '') {
      incidentNumber = input.incidentNumber.trim();
      if (!INCIDENT_NUMBER.test(incidentNumber))
        throw badInput(
          'incidentNumber',
          InputReason.INVALID_FORMAT,
          "letters, digits, spaces, '-' and '/', at most 40 characters",
        );
    }
    const saved = await this.repo.saveRequest(manager, {
      cameraId: camera.id,
      ownerOrganisationId: camera.organisationId,
      requestingOrganisationId: principal.organisationId,
      requestedBy: principal.userId,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      reason,
      caseId,
      incidentNumber,
      status: FootageRequestStatus.REQUESTED,
      decidedAt: null,
      decidedBy: null,
      decisionNote: null,
    });
    return this.stepTaken(caller, manager, saved, FootageRequestStep.REQUESTED, null, AuditAction.CREATE);
  }

  async decide(
    caller: Actor,
    manager: EntityManager,
    id: string,
    input: FootageDecisionInput,
  ): Promise<FootageRequestView> {
    requireCapability(caller.principal, Capability.FOOTAGE_DECIDE);
    const principal = caller.principal;
    const row = await this.requestFor(caller, manager, id, FootageRequestOperation.DECIDE, true);
    const outcomes = [
      FootageRequestStatus.HANDED_OVER,
      FootageRequestStatus.PARTLY_HANDED_OVER,
      FootageRequestStatus.REFUSED,
    ];
    if (!outcomes.includes(input.outcome))
      throw badInput('outcome', InputReason.UNKNOWN_VALUE, 'must be HANDED_OVER, PARTLY_HANDED_OVER or REFUSED');
    if (row.status !== FootageRequestStatus.REQUESTED)
      throw badInput('id', CameraReason.REQUEST_ALREADY_DECIDED, 'the request has already been decided or withdrawn');
    const note = reasonText('note', input.note, input.outcome !== FootageRequestStatus.HANDED_OVER);
    const decidedAt = input.decidedAt ?? new Date();
    if (decidedAt.getTime() > Date.now())
      throw badInput('decidedAt', CameraReason.DECISION_IN_FUTURE, 'must not be in the future');
    if (decidedAt.getTime() < row.requestedAt.getTime())
      throw badInput('decidedAt', CameraReason.DECISION_BEFORE_REQUEST, 'must not be before the request was made');
    Object.assign(row, { status: input.outcome, decidedAt, decidedBy: principal.userId, decisionNote: note });
    await this.repo.saveRequest(manager, row);
    return this.stepTaken(caller, manager, row, FootageRequestStep.DECIDED, note, AuditAction.UPDATE);
  }

  async withdraw(caller: Actor, manager: EntityManager, id: string): Promise<FootageRequestView> {
    requireCapability(caller.principal, Capability.FOOTAGE_REQUEST);
    const row = await this.requestFor(caller, manager, id, FootageRequestOperation.WITHDRAW, true);
    if (row.status !== FootageRequestStatus.REQUESTED)
      throw badInput('id', CameraReason.REQUEST_ALREADY_DECIDED, 'the request has already been decided or withdrawn');
    row.status = FootageRequestStatus.WITHDRAWN;
    await this.repo.saveRequest(manager, row);
    return this.stepTaken(caller, manager, row, FootageRequestStep.WITHDRAWN, null, AuditAction.UPDATE);
  }

  /**
   * After a step of the request (saved with its new status): the step in the request's history, by
   * the caller, the request audited as `action`, and the request as the caller now sees it.
   */
  private async stepTaken(
    caller: Actor,
    manager: EntityManager,
    request: FootageRequest,
    step: FootageRequestStep,
    note: string | null,
    action: AuditAction,
  ): Promise<FootageRequestView> {
    await this.repo.addEvent(manager, {
      requestId: request.id,
      step,
      status: request.status,
      actorUserId: caller.principal.userId,
      actorOrganisationId: caller.principal.organisationId,
      note,
    });
    touch(caller.audit, action, [request]);
    return (await this.views(caller, manager, [(await this.repo.footageRequest(manager, request.id))!]))[0];
  }
}
