import type { EntityManager } from 'typeorm';
import { RecoveryCode, UserSecondFactor } from './second-factor.entities';

export interface ChallengeRow {
  userId: string;
  purpose: 'verify' | 'enrol';
}

/**
 * The rows of an UPDATE or DELETE … RETURNING: TypeORM's PostgreSQL driver answers those as
 * `[rows, affectedCount]` (an INSERT answers the rows).
 */
async function returned<T>(result: Promise<unknown>): Promise<T[]> {
  const value = (await result) as unknown[];
  return Array.isArray(value[0]) && typeof value[1] === 'number' ? (value[0] as T[]) : (value as T[]);
}

/** The only place second-factor, challenge and known-device rows are read or written. */
export class SecondFactorRepository {
  findFactor(manager: EntityManager, userId: string): Promise<UserSecondFactor | null> {
    return manager.findOne(UserSecondFactor, { where: { userId } });
  }

  /** A new, unconfirmed secret replaces an unconfirmed one; a confirmed factor is never replaced here. */
  async startEnrolment(manager: EntityManager, userId: string, secretEncrypted: string): Promise<boolean> {
    const rows = await returned(
      manager.query(
        `INSERT INTO user_second_factor AS f (user_id, secret_encrypted) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret_encrypted = $2, created_at = now(), last_used_step = NULL
        WHERE f.confirmed_at IS NULL
       RETURNING f.user_id`,
        [userId, secretEncrypted],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Records `step` as used, only if it is later than the last step used: one statement, so that two
   * requests with the same code cannot both pass. With `confirm`, also confirms the enrolment.
   */
  async useStep(manager: EntityManager, userId: string, step: number, confirm: boolean): Promise<boolean> {
    const rows = await returned(
      manager.query(
        `UPDATE user_second_factor
          SET last_used_step = $2, confirmed_at = CASE WHEN $3::boolean THEN coalesce(confirmed_at, now()) ELSE confirmed_at END
        WHERE user_id = $1 AND (last_used_step IS NULL OR last_used_step < $2)
          AND (confirmed_at IS NOT NULL) <> $3::boolean
        RETURNING user_id`,
        [userId, step, confirm],
      ),
    );
    return rows.length > 0;
  }

  async deleteFactor(manager: EntityManager, userId: string): Promise<boolean> {
    const result: [unknown[], number] = await manager.query(`DELETE FROM user_second_factor WHERE user_id = $1`, [
      userId,
    ]);
    await manager.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    await manager.query(`DELETE FROM login_challenge WHERE user_id = $1`, [userId]);
    return result[1] > 0;
  }

  async replaceRecoveryCodes(manager: EntityManager, userId: string, hashes: readonly string[]): Promise<void> {
    await manager.query(`DELETE FROM recovery_code WHERE user_id = $1`, [userId]);
    await manager.insert(
      RecoveryCode,
      hashes.map((codeHash) => ({ userId, codeHash, usedAt: null })),
    );
  }

  /** Uses an unused recovery code; false when there is none with that hash (or it was used). */
  async useRecoveryCode(manager: EntityManager, userId: string, codeHash: string): Promise<boolean> {
    const rows = await returned(
      manager.query(
        `UPDATE recovery_code SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id`,
        [userId, codeHash],
      ),
    );
    return rows.length > 0;
  }

  async unusedRecoveryCodes(manager: EntityManager, userId: string): Promise<number> {
    const rows: { n: number }[] = await manager.query(
      `SELECT count(*)::int AS n FROM recovery_code WHERE user_id = $1 AND used_at IS NULL`,
      [userId],
    );
    return rows[0].n;
  }

  // --- login challenges -------------------------------------------------------------------

  async insertChallenge(
    manager: EntityManager,
    tokenHash: string,
    userId: string,
    purpose: ChallengeRow['purpose'],
    attempts: number,
    lifetimeSeconds: number,
  ): Promise<Date> {
    await manager.query(`DELETE FROM login_challenge WHERE expires_at <= now()`);
    const rows: { expires_at: Date }[] = await manager.query(
      `INSERT INTO login_challenge (token_hash, user_id, purpose, attempts_left, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING expires_at`,
      [tokenHash, userId, purpose, attempts, lifetimeSeconds],
    );
    return rows[0].expires_at;
  }

  /** Spends one attempt of a live challenge, atomically; null when it is unknown, expired or spent. */
  async spendChallengeAttempt(manager: EntityManager, tokenHash: string): Promise<ChallengeRow | null> {
    const rows = await returned<{ user_id: string; purpose: ChallengeRow['purpose'] }>(
      manager.query(
        `UPDATE login_challenge SET attempts_left = attempts_left - 1
        WHERE token_hash = $1 AND attempts_left > 0 AND expires_at > now()
        RETURNING user_id, purpose`,
        [tokenHash],
      ),
    );
    return rows[0] ? { userId: rows[0].user_id, purpose: rows[0].purpose } : null;
  }

  /** Deletes a challenge; true only for the one call that deleted it (single use). */
  async takeChallenge(manager: EntityManager, tokenHash: string): Promise<boolean> {
    const rows = await returned(
      manager.query(`DELETE FROM login_challenge WHERE token_hash = $1 AND expires_at > now() RETURNING user_id`, [
        tokenHash,
      ]),
    );
    return rows.length > 0;
  }

  // --- known devices ------------------------------------------------------------------------

  /** The user a live device token belongs to (and marks it used), or null. */
  async deviceUser(manager: EntityManager, tokenHash: string): Promise<string | null> {
    const rows = await returned<{ user_id: string }>(
      manager.query(
        `UPDATE known_device SET last_used_at = now() WHERE token_hash = $1 AND expires_at > now() RETURNING user_id`,
        [tokenHash],
      ),
    );
    return rows[0]?.user_id ?? null;
  }

  async insertDevice(
    manager: EntityManager,
    tokenHash: string,
    userId: string,
    lifetimeSeconds: number,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO known_device (token_hash, user_id, last_used_at, expires_at)
       VALUES ($1, $2, now(), now() + make_interval(secs => $3))`,
      [tokenHash, userId, lifetimeSeconds],
    );
  }

  async forgetDevices(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM known_device WHERE user_id = $1`, [userId]);
  }

  /** Whether the user holds a confirmed factor (login needs its code). */
  async hasConfirmedFactor(manager: EntityManager, userId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM user_second_factor WHERE user_id = $1 AND confirmed_at IS NOT NULL`,
      [userId],
    );
    return rows.length > 0;
  }
}
