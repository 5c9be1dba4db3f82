import type { EntityManager } from 'typeorm';
import type { OrganisationScope } from '../../access/access';
import { StaffMember } from './training.entities';
import { NameKey, STAFF, own } from './training-repository.support';

/**
 * Every word somewhere in the name, unit or job title, ignoring case (strpos: no LIKE wildcards to
 * escape); numbered parameters after `params`.
 */
function wordsSql(words: readonly string[], params: unknown[]): string {
  return words
    .map((word) => {
      params.push(word);
      return `AND strpos(lower(s.name || ' ' || s.unit || ' ' || s.title), lower($${params.length}::text)) > 0`;
    })
    .join(' ');
}

/** The staff register. Organisation-owned reads take the caller's scope. */
export class StaffMemberRepository {
  // --- staff register -------------------------------------------------------------------------

  async staffPage(
    manager: EntityManager,
    scope: OrganisationScope,
    first: number,
    after: NameKey | null,
    words: readonly string[] = [],
  ): Promise<StaffMember[]> {
    const params: unknown[] = [own(scope)];
    const search = wordsSql(words, params);
    let keyset = '';
    if (after) {
      params.push(after.name, after.id);
      keyset = `AND (s.name, s.id) > ($${params.length - 1}, $${params.length}::uuid)`;
    }
    return manager.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) ${search} ${keyset} ORDER BY s.name, s.id LIMIT ${first + 1}`,
      params,
    );
  }

  async staffCount(manager: EntityManager, scope: OrganisationScope, words: readonly string[] = []): Promise<number> {
    const params: unknown[] = [own(scope)];
    const search = wordsSql(words, params);
    const rows: { n: string }[] = await manager.query(
      `SELECT count(*) AS n FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) ${search}`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  async staffByIds(
    manager: EntityManager,
    scope: OrganisationScope,
    ids: readonly string[],
    lock = false,
  ): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    return manager.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) AND s.id = ANY($2::uuid[]) ${lock ? 'FOR UPDATE' : ''}`,
      [own(scope), [...ids]],
    );
  }

  async staffOfOrganisation(manager: EntityManager, scope: OrganisationScope): Promise<StaffMember[]> {
    return manager.query(
      `SELECT ${STAFF} FROM staff_member s WHERE s.organisation_id = ANY($1::uuid[]) ORDER BY s.unit, s.name, s.id`,
      [own(scope)],
    );
  }

  /**
   * The staff member linked to a user. Keyed by the user id itself (the SELF scope: a caller's own
   * record, or the cases module's gate asking about one user), so it takes no organisation scope.
   */
  async staffByUser(manager: EntityManager, userId: string): Promise<StaffMember | null> {
    const [row]: StaffMember[] = await manager.query(`SELECT ${STAFF} FROM staff_member s WHERE s.user_id = $1`, [
      userId,
    ]);
    return row ?? null;
  }

  /** Whether a user (of the given organisation) exists: a staff member may link only to a login of its own organisation. */
  async userInOrganisation(manager: EntityManager, userId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM app_user WHERE id = $1 AND organisation_id = $2`, [
      userId,
      organisationId,
    ]);
    return rows.length > 0;
  }

  /** Logins of one organisation by e-mail (lower-cased), for linking imported staff. */
  async usersOfOrganisationByEmail(
    manager: EntityManager,
    organisationId: string,
    emails: readonly string[],
  ): Promise<{ id: string; email: string }[]> {
    if (emails.length === 0) return [];
    return manager.query(`SELECT id, email FROM app_user WHERE organisation_id = $1 AND email = ANY($2::text[])`, [
      organisationId,
      [...emails],
    ]);
  }

  async linkedUserIds(manager: EntityManager, userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { userId: string }[] = await manager.query(
      `SELECT user_id AS "userId" FROM staff_member WHERE user_id = ANY($1::uuid[])`,
      [[...userIds]],
    );
    return rows.map((r) => r.userId);
  }

  async staffLinkedTo(manager: EntityManager, userId: string): Promise<string | null> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM staff_member WHERE user_id = $1`, [userId]);
    return rows[0]?.id ?? null;
  }

  async staffHasHistory(manager: EntityManager, staffMemberId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM enrolment WHERE staff_member_id = $1 UNION ALL SELECT 1 FROM training_completion WHERE staff_member_id = $1 LIMIT 1`,
      [staffMemberId],
    );
    return rows.length > 0;
  }

  saveStaff(manager: EntityManager, staff: StaffMember): Promise<StaffMember> {
    return manager.save(StaffMember, staff);
  }

  async deleteStaff(manager: EntityManager, scope: OrganisationScope, id: string): Promise<void> {
    await manager.query(`DELETE FROM staff_member WHERE id = $1 AND organisation_id = ANY($2::uuid[])`, [
      id,
      own(scope),
    ]);
  }
}
