import type { Role } from '../../../src/access/roles';
import type { TestServer } from '../test-server';

/** The role × operation matrix's types (test/integration/access-matrix.test.ts). */
export interface Caller {
  /** null: anonymous. */
  email: string | null;
  roles: Role[];
  userId: string | null;
  organisationId: string | null;
}

export interface FixtureContext {
  caller: Caller;
  server: TestServer;
  /** Unique per run: for emails and names that must not collide. */
  unique: string;
  /** A fresh user in the given organisation (or the Danderyd social services), to act on. */
  freshUser(organisationId: string | null, disabled?: boolean): Promise<string>;
}

export interface Fixture {
  /** Minimal valid argument values, by argument name. Called once per run. */
  args?: (ctx: FixtureContext) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** The allowed side ends the caller's session (logout): log in again afterwards. */
  endsSession?: boolean;
}
