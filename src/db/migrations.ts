import type { MigrationInterface } from 'typeorm';
import { CreateIdentityAndAudit1795692018510 } from '../../migrations/1795692018510-CreateIdentityAndAudit';

/** Every migration, in order. Listed explicitly so that tests (TypeScript) and builds (JS) load the same set. */
export const MIGRATIONS: (new () => MigrationInterface)[] = [CreateIdentityAndAudit1795692018510];
