import type { EntityManager } from 'typeorm';

/** Seconds of one rate-limit window. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Counts requests without a valid session per client address and window, in PostgreSQL so that
 * every API process counts the same. One row per address, overwritten in place; what the limit
 * refuses is counted in one row per hour (`request_refusal_count`), never stored request by request.
 */
export class RateLimitRepository {
  /** Counts one request of `address`; returns the requests of its current window, this one included. */
  async hit(manager: EntityManager, address: string): Promise<number> {
    const rows: { requests: number }[] = await manager.query(
      `INSERT INTO request_rate_window AS w (client_address, window_started_at, requests) VALUES ($1, now(), 1)
       ON CONFLICT (client_address) DO UPDATE SET
         requests = CASE WHEN w.window_started_at > now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) THEN w.requests + 1 ELSE 1 END,
         window_started_at = CASE WHEN w.window_started_at > now() - make_interval(secs => ${RATE_WINDOW_SECONDS}) THEN w.window_started_at ELSE now() END
       RETURNING requests`,
      [address],
    );
    return rows[0].requests;
  }

  /** One refused request; `newAddress`: the first refusal of this address in its window. */
  async countRefusal(manager: EntityManager, newAddress: boolean): Promise<void> {
    await manager.query(
      `INSERT INTO request_refusal_count AS c (hour, refused, client_addresses) VALUES (date_trunc('hour', now()), 1, $1)
       ON CONFLICT (hour) DO UPDATE SET refused = c.refused + 1, client_addresses = c.client_addresses + $1`,
      [newAddress ? 1 : 0],
    );
  }

  /** Removes the windows of addresses not seen for ten windows. */
  async purgeStale(manager: EntityManager): Promise<void> {
    await manager.query(
      `DELETE FROM request_rate_window WHERE window_started_at < now() - make_interval(secs => ${RATE_WINDOW_SECONDS * 10})`,
    );
  }
}
