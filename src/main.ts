import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './config/logger';
import { startTracing } from './http/tracing';

/** `npm start`: serves the API; with no DATABASE_URL on an embedded PostgreSQL, seeded when empty. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Tracing (off unless OTEL_TRACES_EXPORTER is set) starts before anything requires pg or graphql,
  // so that their instrumentation applies; the rest of the server is loaded after it.
  const tracing = await startTracing(config.http, logger);
  const { startRuntime } = await import('./runtime.js');
  const { DEMO_USERS } = await import('./db/seed/demo-seed.js');
  const { DEMO_IDP_USERS } = await import('./modules/identity/oidc/demo-idp.js');
  const runtime = await startRuntime(config, logger, { seedWhenEmpty: config.databaseUrl === undefined });

  const shown = `http://localhost:${new URL(runtime.url).port}`;
  logger.info(
    { url: `${shown}/graphql`, embedded: runtime.location.embedded !== undefined },
    'Samverkan API listening',
  );
  if (process.stdout.isTTY || runtime.seeded || config.nodeEnv === 'development') {
    const lines = [
      '',
      `  Samverkan:      ${shown}/   (the web console)`,
      `  Samverkan API:  ${shown}/graphql   (probes: ${shown}/livez, ${shown}/readyz)`,
      `  Metrics:        ${runtime.metricsUrl ? `${runtime.metricsUrl}/metrics` : config.http.metricsToken ? `${shown}/metrics (bearer token)` : config.nodeEnv === 'production' ? 'off (set METRICS_PORT or METRICS_TOKEN)' : `${shown}/metrics`}`,
      `  Database:       ${runtime.location.embedded ? `embedded PostgreSQL in ${runtime.location.embedded.dataDir}` : 'DATABASE_URL'}`,
    ];
    if (runtime.seeded || (runtime.location.embedded && config.nodeEnv !== 'production')) {
      lines.push(`  Demo logins (password: the SEED_PASSWORD value, default samverkan-demo-2026):`);
      for (const u of DEMO_USERS) lines.push(`    ${u.email.padEnd(36)} ${u.roles.join(', ')}`);
    }
    if (runtime.demoIdp) {
      lines.push(
        `  Demo-IdP (DEMO – inte för verklig användning): ${runtime.demoIdp.issuer}`,
        `  Sign-in page: "Logga in med … (demo-IdP)"; same password; these users are created at their first sign-in:`,
      );
      for (const u of DEMO_IDP_USERS) lines.push(`    ${u.email.padEnd(44)} ${u.role}`);
    }
    lines.push('');
    console.log(lines.join('\n'));
  }

  let shuttingDown = false;
  const shutdown = (signal: string): void => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 15 s; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    runtime
      .stop()
      .then(() => tracing.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error instanceof Error ? error.name : String(error) }, 'error during shutdown');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`Samverkan failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
