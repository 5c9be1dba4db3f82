import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { requireCapability } from '../../access/access';
import { CaseOperation } from '../../access/case-access';
import { Capability } from '../../access/policy';
import { badInput, InputReason } from '../../shared/errors';
import { RecordsReason } from './records.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { LegalHoldReason } from '../cases/case.entities';
import { CaseRepository } from '../cases/case.repository';
import { type CaseService, type CaseView } from '../cases/case.service';
import { LegalHoldRepository } from './legal-hold.repository';

/**
 * Legal hold (docs/records.md#legal-hold): the owner organisation's members of a case place or lift a
 * hold with a reason code; while it lasts, retention deletes neither the case nor its shares. Audited as
 * UPDATE of the case with the purpose `legal-hold:place:<reason>` or `legal-hold:lift:<reason>`; the
 * case's timeline records it as `CaseLegalHold`, which a partner's timeline does not show.
 */
export class LegalHoldService {
  private readonly repo = new LegalHoldRepository();
  private readonly caseRepo = new CaseRepository();

  constructor(private readonly cases: CaseService) {}

  async set(
    caller: Actor,
    manager: EntityManager,
    input: { caseId: string; hold: boolean; reasonCode: LegalHoldReason },
  ): Promise<CaseView> {
    requireCapability(caller.principal, Capability.CASE_LEGAL_HOLD);
    // Anyone but the owner's members answers NOT_FOUND, audited as refused (src/access/case-access.ts).
    const view = await this.cases.authorise(caller, manager, input.caseId, CaseOperation.LEGAL_HOLD, true);
    if (!Object.values(LegalHoldReason).includes(input.reasonCode))
      throw badInput('reasonCode', InputReason.UNKNOWN_VALUE, 'unknown reason');
    if (typeof input.hold !== 'boolean') throw badInput('hold', InputReason.UNKNOWN_VALUE, 'must be true or false');
    if (view.legalHold === input.hold)
      throw badInput(
        'hold',
        input.hold ? RecordsReason.ALREADY_ON_LEGAL_HOLD : RecordsReason.NOT_ON_LEGAL_HOLD,
        input.hold ? 'the case is already under a legal hold' : 'the case is not under a legal hold',
      );
    await this.repo.set(
      manager,
      view.id,
      input.hold ? { reason: input.reasonCode, by: caller.principal.userId } : null,
    );
    await this.caseRepo.appendHistory(manager, view.id, [
      this.cases.entry(
        caller,
        'CaseLegalHold',
        view.id,
        `${input.hold ? 'PLACE' : 'LIFT'}:${input.reasonCode}`,
        'legalHold',
        String(view.legalHold),
        String(input.hold),
      ),
    ]);
    caller.audit.addPurpose(
      `legal-hold:${input.hold ? 'place' : 'lift'}:${input.reasonCode}`,
      view.ownerOrganisationId,
    );
    caller.audit.touch(AuditAction.UPDATE, 'Case', [{ id: view.id, organisationId: view.ownerOrganisationId }]);
    return this.cases.authorise(caller, manager, view.id, CaseOperation.READ, false);
  }
}
