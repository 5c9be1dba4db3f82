import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { badInput, InputReason } from '../../shared/errors';
import { IdempotencyReason } from './idempotency.reasons';
import { IdempotencyRepository, type StoredOutcome } from './idempotency.repository';

/** A mutation's `Idempotency-Key`, checked, with the fingerprint of the request it came with. */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
}

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * Writes that survive uncertainty: a client that does not know whether its mutation was stored (a
 * lost connection, a timeout, COMMIT_OUTCOME_UNKNOWN) sends it again with the same `Idempotency-Key`
 * and gets the first outcome instead of a second write. Keys are per user; only mutations that
 * committed are stored (a failed one changed nothing, so repeating it is safe).
 */
export class IdempotencyService {
  private readonly repository: IdempotencyRepository;

  constructor(dataSource: DataSource) {
    this.repository = new IdempotencyRepository(dataSource);
  }

  /** The claim of a request, or a BAD_USER_INPUT error for a malformed key. */
  claim(
    userId: string,
    key: string,
    request: { query: string | undefined; operationName: string | undefined; variables: unknown },
  ): IdempotencyClaim {
    if (!KEY.test(key)) {
      throw badInput(
        'Idempotency-Key',
        InputReason.INVALID_FORMAT,
        'must be 1 to 200 characters: letters, digits, and . _ : - (a UUID is a good key)',
      );
    }
    const requestHash = createHash('sha256')
      .update(JSON.stringify([request.operationName ?? null, request.query ?? null, request.variables ?? null]))
      .digest('hex');
    return { userId, key, requestHash };
  }

  /** The stored first outcome of this claim; a key reused for a different request is refused. */
  async previousOutcome(claim: IdempotencyClaim): Promise<StoredOutcome['response'] | undefined> {
    const stored = await this.repository.find(claim.userId, claim.key);
    if (!stored) return undefined;
    if (stored.requestHash !== claim.requestHash) {
      throw badInput(
        'Idempotency-Key',
        IdempotencyReason.KEY_REUSED,
        'was already used for a different request; use a new key for a new request',
      );
    }
    return stored.response;
  }

  /** Claims the key in the mutation's transaction; false when a concurrent request with it committed first. */
  take(manager: EntityManager, claim: IdempotencyClaim): Promise<boolean> {
    return this.repository.claim(manager, claim.userId, claim.key, claim.requestHash);
  }

  /** Stores the outcome with the mutation's changes (same transaction). */
  complete(manager: EntityManager, claim: IdempotencyClaim, response: StoredOutcome['response']): Promise<void> {
    return this.repository.complete(manager, claim.userId, claim.key, response);
  }
}
