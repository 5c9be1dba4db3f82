import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The role the application acts as; it cannot change or remove audit data (see migrations). */
export const APP_ROLE = 'samverkan_app';
/** The role the audit sealer acts as: the only one that may insert audit checkpoints. */
export const SEALER_ROLE = 'samverkan_sealer';

/**
 * Planner settings of the request path (every pooled connection of the API). JIT is off: its compile
 * time (30 ms to over a second, seen on the coverage report with PostgreSQL 15's LLVM JIT) dwarfs
 * statements that run in milliseconds. Parallel query is off: starting workers cost the coverage
 * report about 15 ms on PostgreSQL 17, and under concurrent requests the cores are busy anyway.
 */
export const REQUEST_PATH_SETTINGS = '-c jit=off -c max_parallel_workers_per_gather=0';

export interface DataSourceOptions {
  url: string;
  /** Act as APP_ROLE on every connection (the request path). Off for migrations and admin tools. */
  asAppRole: boolean;
  /** Act as this role instead (the sealer: SEALER_ROLE). */
  role?: string;
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource(options: DataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension needs installing.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    poolSize: options.poolSize ?? 20,
    applicationName: options.applicationName ?? 'samverkan',
    extra: {
      // The startup parameter makes every pooled connection act as the restricted role from its
      // first statement, with no window in which it runs with the login role's rights.
      ...(options.role
        ? { options: `-c role=${options.role} ${REQUEST_PATH_SETTINGS}` }
        : options.asAppRole
          ? { options: `-c role=${APP_ROLE} ${REQUEST_PATH_SETTINGS}` }
          : {}),
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  });
}
