import type { EntityManager } from 'typeorm';
import type { Actor } from '../../access/actor';
import { Capability, organisationScope, requireAccess } from '../../access/access';
import { decodeCursor, encodeCursor, pageSize, uuidPart } from '../../shared/cursor';
import { badInput, InputReason } from '../../shared/errors';
import { TrainingReason } from './training.reasons';
import { AuditAction } from '../audit/audit.recorder';
import { StaffMember } from './training.entities';
import { UUID, STAFF_CURSOR, PAGE, StaffInput, Page, text } from './training.support';
import { TrainingServiceBase } from './training-service.base';

export const MAX_STAFF_SEARCH = 100;

/** The words of a register search (at most 10, each matched on its own); none for an absent or blank one. */
function searchWords(search: string | null | undefined): string[] {
  if (search === undefined || search === null) return [];
  if (search.length > MAX_STAFF_SEARCH)
    throw badInput('search', InputReason.TEXT_TOO_LONG, `at most ${MAX_STAFF_SEARCH} characters`);
  const words = search.normalize('NFC').split(/\s+/).filter(Boolean);
  if (words.length > 10) throw badInput('search', InputReason.TOO_MANY_WORDS, 'at most 10 words');
  return words;
}

/** The staff register of the caller's organisation. */
export class StaffRegisterService extends TrainingServiceBase {
  // --- staff register -------------------------------------------------------------------------

  /** A page of the register by name; with `search`, only those whose name, unit or job title hold every word of it. */
  async staffMembers(
    caller: Actor,
    first: number | undefined,
    after: string | undefined,
    search?: string | null,
  ): Promise<Page<StaffMember>> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const size = pageSize(first, PAGE);
    const words = searchWords(search);
    const key =
      after === undefined || after === null
        ? null
        : decodeCursor(STAFF_CURSOR, after, [(v) => v.length <= 200, uuidPart]);
    const rows = await this.staffRepo.staffPage(
      this.dataSource.manager,
      scope,
      size,
      key && { name: key[0], id: key[1] },
      words,
    );
    const allowed = requireAccess(caller.principal, Capability.TRAINING_MANAGE, rows.slice(0, size), 'Staff member');
    caller.audit.touch(AuditAction.READ, 'StaffMember', allowed);
    return {
      nodes: allowed,
      cursors: allowed.map((s) => encodeCursor(STAFF_CURSOR, [s.name, s.id])),
      hasNextPage: rows.length > size,
      totalCount: () => this.staffRepo.staffCount(this.dataSource.manager, scope, words),
    };
  }

  async staffMember(caller: Actor, id: string): Promise<StaffMember> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(id) ? await this.staffRepo.staffByIds(this.dataSource.manager, scope, [id]) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    caller.audit.touch(AuditAction.READ, 'StaffMember', [staff]);
    return staff;
  }

  async createStaffMember(caller: Actor, manager: EntityManager, input: StaffInput): Promise<StaffMember> {
    organisationScope(caller.principal, Capability.TRAINING_MANAGE); // OWN: the register of the caller's organisation
    const staff = manager.create(StaffMember, { organisationId: caller.principal.organisationId, userId: null });
    await this.applyStaff(manager, staff, input);
    const saved = await this.staffRepo.saveStaff(manager, staff);
    caller.audit.touch(AuditAction.CREATE, 'StaffMember', [saved]);
    return saved;
  }

  async updateStaffMember(caller: Actor, manager: EntityManager, id: string, input: StaffInput): Promise<StaffMember> {
    const staff = await this.ownStaffForUpdate(caller, manager, id);
    await this.applyStaff(manager, staff, input);
    const saved = await this.staffRepo.saveStaff(manager, staff);
    caller.audit.touch(AuditAction.UPDATE, 'StaffMember', [saved]);
    return saved;
  }

  /** Removes a staff member registered by mistake; one with enrolments or completions is kept (history). */
  async deleteStaffMember(caller: Actor, manager: EntityManager, id: string): Promise<boolean> {
    const staff = await this.ownStaffForUpdate(caller, manager, id);
    if (await this.staffRepo.staffHasHistory(manager, staff.id))
      throw badInput(
        'id',
        TrainingReason.STAFF_MEMBER_HAS_RECORDS,
        'a staff member with enrolments or completions cannot be deleted',
      );
    await this.staffRepo.deleteStaff(
      manager,
      organisationScope(caller.principal, Capability.TRAINING_MANAGE),
      staff.id,
    );
    caller.audit.touch(AuditAction.DELETE, 'StaffMember', [staff]);
    return true;
  }

  private async ownStaffForUpdate(caller: Actor, manager: EntityManager, id: string): Promise<StaffMember> {
    const scope = organisationScope(caller.principal, Capability.TRAINING_MANAGE);
    const [row] = UUID.test(id) ? await this.staffRepo.staffByIds(manager, scope, [id], true) : [];
    const [staff] = requireAccess(caller.principal, Capability.TRAINING_MANAGE, [row], 'Staff member');
    return Object.assign(new StaffMember(), staff);
  }

  private async applyStaff(manager: EntityManager, staff: StaffMember, input: StaffInput): Promise<void> {
    if (input.unit !== undefined || staff.unit === undefined) staff.unit = text('unit', input.unit);
    if (input.name !== undefined || staff.name === undefined) staff.name = text('name', input.name);
    if (input.title !== undefined || staff.title === undefined) staff.title = text('title', input.title);
    if (input.userId !== undefined && input.userId !== staff.userId) {
      if (input.userId !== null) {
        // Only a login of the same organisation, and one not linked to anyone else yet.
        if (
          !UUID.test(input.userId) ||
          !(await this.staffRepo.userInOrganisation(manager, input.userId, staff.organisationId))
        )
          throw badInput('userId', TrainingReason.UNKNOWN_USER, 'unknown user');
        const linked = await this.staffRepo.staffLinkedTo(manager, input.userId);
        if (linked !== null && linked !== staff.id)
          throw badInput('userId', TrainingReason.USER_ALREADY_LINKED, 'is already linked to another staff member');
      }
      staff.userId = input.userId;
    }
  }
}
