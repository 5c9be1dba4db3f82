import type { DataSource } from 'typeorm';
import type { Config } from './config/config';
import type { Logger } from './config/logger';
import { createDataSource, SEALER_ROLE } from './db/data-source';
import { locateDatabase, type DatabaseLocation } from './db/database';
import { PendingMigrationsError, pendingMigrations, runMigrations } from './db/migrate';
import { DEMO_USERS, isEmpty, seedDemoData } from './db/seed/demo-seed';
import { createApp, type App } from './graphql/server';
import { JobQueue } from './jobs/job-queue';
import { Mailer } from './modules/notifications/notification.mail';
import { AnchorWriter } from './modules/audit/audit.anchor';
import { setAuditKeyring } from './modules/audit/audit.hash';
import { anchorFilePath, loadAuditKeyring } from './modules/audit/audit.keys';
import { AuditSealer } from './modules/audit/audit.sealer';
import type { DemoIdp } from './modules/identity/oidc/demo-idp';
import { attachDemoIdp } from './modules/identity/oidc/demo-idp.start';

export interface Runtime {
  app: App;
  dataSource: DataSource;
  location: DatabaseLocation;
  sealer: AuditSealer;
  /** The job queue's worker in this process; undefined when JOBS=off (the default in tests). */
  jobs: JobQueue | undefined;
  url: string;
  /** Where `/metrics` is served when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  /** Demo data was seeded during this start. */
  seeded: boolean;
  /** The demo identity provider (DEMO_IDP, development only), when it runs. */
  demoIdp: DemoIdp | undefined;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Seed demo data when the database is empty (embedded development default). */
  seedWhenEmpty?: boolean;
  /** Use this location instead of locating one from the configuration (tests). */
  location?: DatabaseLocation;
  runSealer?: boolean;
  /** Run the job queue's worker (default: the JOBS setting). */
  runJobs?: boolean;
}

/**
 * Starts everything `npm start` starts: database, migrations (MIGRATE_ON_START; else a check that
 * none is pending), optional seed, sealer, HTTP server.
 */
export async function startRuntime(config: Config, logger: Logger, options: RuntimeOptions = {}): Promise<Runtime> {
  // Before anything else: production without a key does not start at all.
  const { keyring } = loadAuditKeyring(config);
  setAuditKeyring(keyring);
  const anchorFile = anchorFilePath(config);
  if (!anchorFile)
    logger.warn(
      'AUDIT_ANCHOR_FILE is unset: checkpoint digests go to the log only, and audit:verify cannot see a deleted head',
    );
  const dbLog = logger.child({ component: 'embedded-postgres' });
  const location = options.location ?? (await locateDatabase(config, (m) => dbLog.debug(m)));
  let dataSource: DataSource | undefined;
  let sealerDataSource: DataSource | undefined;
  let sealer: AuditSealer | undefined;
  let app: App | undefined;
  let demoIdp: DemoIdp | undefined;
  let jobs: JobQueue | undefined;
  let mailer: Mailer | undefined;
  try {
    if (config.migrateOnStart) {
      const applied = await runMigrations(location.migrationUrl, {
        onWait: () => logger.info('waiting for another process that is migrating this database'),
      });
      if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');
    }

    dataSource = createDataSource({ url: location.appUrl, asAppRole: true, poolSize: config.dbPoolSize });
    await dataSource.initialize();
    if (!config.migrateOnStart) {
      // Production: the migration job migrates; an API on an older schema would fail request by request.
      const pending = await pendingMigrations(dataSource);
      if (pending.length > 0) throw new PendingMigrationsError(pending);
    }

    let seeded = false;
    if (options.seedWhenEmpty && config.nodeEnv !== 'production' && (await isEmpty(dataSource))) {
      await seedDemoData(dataSource, { nodeEnv: config.nodeEnv, password: config.seedPassword });
      seeded = true;
      logger.info({ users: DEMO_USERS.length }, 'empty database: demo data seeded');
    }

    // The sealer acts as its own role (and, with AUDIT_SEALER_DATABASE_URL, logs in as its own user).
    sealerDataSource = createDataSource({
      url: config.auditSealerDatabaseUrl ?? location.appUrl,
      asAppRole: false,
      role: SEALER_ROLE,
      poolSize: 2,
      applicationName: 'samverkan-sealer',
    });
    await sealerDataSource.initialize();
    const sealerLog = logger.child({ component: 'audit-sealer' });
    sealer = new AuditSealer(
      sealerDataSource,
      sealerLog,
      config.auditSealIntervalMs,
      new AnchorWriter(anchorFile, sealerLog),
    );
    if (options.runSealer ?? true) sealer.start();

    if (options.runJobs ?? config.jobs.enabled) {
      mailer = config.jobs.smtpUrl ? new Mailer(config.jobs.smtpUrl, config.jobs.smtpFrom) : undefined;
      jobs = await JobQueue.start(
        { url: location.appUrl, concurrency: config.jobs.concurrency },
        { dataSource, logger, config: config.jobs, mailer },
      );
    }

    app = await createApp(config, logger, dataSource);
    const address = await app.fastify.listen({ port: config.port, host: config.host });
    const port = new URL(address).port;
    const url = `http://127.0.0.1:${port}`;
    demoIdp = await attachDemoIdp(config, logger, app.services.oidc, port);
    const metricsAddress = app.metricsServer
      ? await app.metricsServer.listen({ port: config.http.metricsPort ?? 0, host: config.http.metricsHost })
      : undefined;

    const ds = dataSource;
    const sds = sealerDataSource;
    const s = sealer;
    const a = app;
    const d = demoIdp;
    const j = jobs;
    const mail = mailer;
    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        a.beginShutdown();
        await a.fastify.close();
        await d?.stop();
        await a.metricsServer?.close();
        await a.readiness.close();
        await a.apollo.stop().catch(() => undefined);
        await j?.stop();
        mail?.close();
        await s.stop();
        await sds.destroy();
        await ds.destroy();
        await location.stop();
      })();
      return stopping;
    };
    const metricsUrl = metricsAddress ? `http://127.0.0.1:${new URL(metricsAddress).port}` : undefined;
    return { app, dataSource, location, sealer, jobs, url, metricsUrl, seeded, demoIdp, stop };
  } catch (error) {
    await app?.fastify.close().catch(() => undefined);
    await demoIdp?.stop().catch(() => undefined);
    await app?.metricsServer?.close().catch(() => undefined);
    await app?.readiness.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    mailer?.close();
    await sealer?.stop().catch(() => undefined);
    if (sealerDataSource?.isInitialized) await sealerDataSource.destroy().catch(() => undefined);
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
    if (!options.location) await location.stop().catch(() => undefined);
    throw error;
  }
}
