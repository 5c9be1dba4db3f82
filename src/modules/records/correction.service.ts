import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { organisationScope, requireCapability } from '../../access/access';
import { CaseOperation, isOwnOrganisation } from '../../access/case-access';
import { CaseContentAudience } from '../../access/case-content';
import { Capability } from '../../access/policy';
import { badInput, InputReason, notFound } from '../../shared/errors';
import { RecordsReason } from './records.reasons';
import { refuseIdentityNumber } from '../../shared/identity-number';
import { AuditAction } from '../audit/audit.recorder';
import { CaseRiskLevel } from '../cases/case.entities';
import { CaseRepository } from '../cases/case.repository';
import { auditChildren, boundedText, type CaseService } from '../cases/case.service';
import { Visibility } from '../prevention/prevention-activity.entity';
import { CorrectionReason, type RecordCorrection } from './correction.entity';
import {
  activityForCorrection,
  ACTIVITY_FIELDS,
  CASE_ITEM_FIELDS,
  CorrectionRepository,
  type ActivityField,
  type CaseItemType,
} from './correction.repository';
import { UUID } from '../../shared/ids';

const NAMES: Record<CaseItemType, string> = { CaseNote: 'Note', CaseMeeting: 'Meeting', RiskAssessment: 'Assessment' };

function reasonOf(value: CorrectionReason): CorrectionReason {
  if (!Object.values(CorrectionReason).includes(value))
    throw badInput('reasonCode', InputReason.UNKNOWN_VALUE, 'unknown reason');
  return value;
}

/**
 * Corrections (rättelse, docs/records.md): the author's organisation replaces a field of its own
 * note, meeting decision, risk assessment or prevention activity, with a reason code. The previous
 * value is kept in record_correction (its auditors read it with `recordCorrections`); the record
 * holds the corrected value, so partners never see the previous one. Audited as UPDATE with the
 * purpose `correction:<reason>`; the case's timeline records that the field was corrected.
 */
export class CorrectionService {
  private readonly repo = new CorrectionRepository();
  private readonly caseRepo = new CaseRepository();

  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseService,
  ) {}

  async correctCaseItem(
    caller: Actor,
    manager: EntityManager,
    input: { entityType: CaseItemType; id: string; value: string; reasonCode: CorrectionReason },
  ): Promise<RecordCorrection> {
    requireCapability(caller.principal, Capability.CASE_READ);
    const principal = caller.principal;
    const type = input.entityType;
    if (!Object.prototype.hasOwnProperty.call(CASE_ITEM_FIELDS, type))
      throw badInput('entityType', InputReason.UNKNOWN_VALUE, 'unknown record type');
    const what = NAMES[type];
    const reason = reasonOf(input.reasonCode);
    const item =
      typeof input.id === 'string' && UUID.test(input.id) ? await this.repo.caseItem(manager, type, input.id) : null;
    if (!item) throw notFound(what);
    // Only a member who may work the case, and only its own organisation's record: anything else answers NOT_FOUND.
    const view = await this.cases.authoriseAs(what, caller, manager, item.caseId, CaseOperation.WORK);
    if (!isOwnOrganisation(principal, item.authorOrganisationId)) throw notFound(what);
    const field = CASE_ITEM_FIELDS[type].field;
    let value: string;
    if (type === 'RiskAssessment') {
      if (!Object.values(CaseRiskLevel).includes(input.value as CaseRiskLevel))
        throw badInput('value', InputReason.UNKNOWN_VALUE, 'unknown risk level');
      value = input.value;
    } else {
      value = boundedText('value', input.value, 4000, true);
      if (item.audience === CaseContentAudience.SHARED) refuseIdentityNumber('value', value);
    }
    if (value === item.value)
      throw badInput('value', RecordsReason.CORRECTION_CHANGES_NOTHING, 'is the same as the current value');
    const correction = await this.repo.insert(manager, {
      entityType: type,
      entityId: item.id,
      organisationId: principal.organisationId,
      caseId: item.caseId,
      field,
      previousValue: item.value,
      reasonCode: reason,
      correctedBy: principal.userId,
    });
    await this.repo.setCaseItem(manager, type, item.id, value);
    // The timeline: values for the level (an enumeration); for free text only that it was corrected.
    const enumerated = type === 'RiskAssessment';
    await this.caseRepo.appendHistory(manager, view.id, [
      this.cases.entry(
        caller,
        type,
        item.id,
        `CORRECT:${reason}`,
        field,
        enumerated ? item.value : null,
        enumerated ? value : null,
      ),
    ]);
    caller.audit.addPurpose(`correction:${reason}`, view.ownerOrganisationId);
    auditChildren(caller.audit, AuditAction.UPDATE, type, view.ownerOrganisationId, [item]);
    caller.audit.touch(AuditAction.CREATE, 'RecordCorrection', [
      { id: correction.id, organisationId: principal.organisationId },
    ]);
    return correction;
  }

  async correctActivity(
    caller: Actor,
    manager: EntityManager,
    input: { id: string; field: ActivityField; value: string | null; reasonCode: CorrectionReason },
  ): Promise<RecordCorrection> {
    organisationScope(caller.principal, Capability.ACTIVITY_WRITE);
    const principal = caller.principal;
    const reason = reasonOf(input.reasonCode);
    if (!Object.prototype.hasOwnProperty.call(ACTIVITY_FIELDS, input.field))
      throw badInput('field', InputReason.UNKNOWN_VALUE, 'unknown field');
    const row =
      typeof input.id === 'string' && UUID.test(input.id) ? await activityForCorrection(manager, input.id) : null;
    if (!row || row.organisationId !== principal.organisationId) {
      caller.audit.refused(
        'PreventionActivity',
        typeof input.id === 'string' ? input.id : '',
        row?.organisationId ?? null,
      );
      throw notFound('Prevention activity');
    }
    const max = input.field === 'title' ? 200 : 10_000;
    const value =
      input.value === null || input.value === undefined
        ? input.field === 'title'
          ? boundedText('value', '', max)
          : null
        : boundedText('value', input.value, max, input.field !== 'title');
    if (row.visibility === Visibility.PARTNERSHIP) refuseIdentityNumber('value', value);
    const previous = row[input.field];
    if (value === previous)
      throw badInput('value', RecordsReason.CORRECTION_CHANGES_NOTHING, 'is the same as the current value');
    const correction = await this.repo.insert(manager, {
      entityType: 'PreventionActivity',
      entityId: row.id,
      organisationId: principal.organisationId,
      caseId: null,
      field: input.field,
      previousValue: previous,
      reasonCode: reason,
      correctedBy: principal.userId,
    });
    await this.repo.setActivityField(manager, row.id, input.field, value);
    caller.audit.addPurpose(`correction:${reason}`, row.organisationId);
    caller.audit.touch(AuditAction.UPDATE, 'PreventionActivity', [{ id: row.id, organisationId: row.organisationId }]);
    caller.audit.touch(AuditAction.CREATE, 'RecordCorrection', [
      { id: correction.id, organisationId: principal.organisationId },
    ]);
    return correction;
  }

  /** The corrections (with previous values) of a record made by the auditor's organisation. */
  async corrections(caller: Actor, entityType: string, entityId: string): Promise<RecordCorrection[]> {
    organisationScope(caller.principal, Capability.AUDIT_READ);
    const organisationId = caller.principal.organisationId;
    if (typeof entityId !== 'string' || !UUID.test(entityId)) return [];
    const rows = await this.repo.of(this.dataSource.manager, organisationId, entityType, entityId);
    caller.audit.touch(
      AuditAction.READ,
      'RecordCorrection',
      rows.map((r) => ({ id: r.id, organisationId })),
    );
    return rows;
  }
}
