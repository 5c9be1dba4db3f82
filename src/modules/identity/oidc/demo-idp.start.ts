import type { Config } from '../../../config/config';
import type { Logger } from '../../../config/logger';
import { DEMO_IDP_ORGANISATIONS, DEMO_IDP_SLUGS, DemoIdpRefused, startDemoIdp, type DemoIdp } from './demo-idp';
import { readProviderFile } from './oidc-providers.file';
import type { OidcService } from './oidc.service';

/**
 * At `npm start`, once Samverkan listens on `port`: starts the demo identity provider when DEMO_IDP
 * is on (development) and configures it as the provider of the demo organisations present, next to
 * those of OIDC_PROVIDERS_FILE. When it is off or cannot start, its providers are disabled, so that
 * the sign-in page offers no button that leads nowhere.
 */
export async function attachDemoIdp(
  config: Config,
  logger: Logger,
  oidc: OidcService,
  port: string,
): Promise<DemoIdp | undefined> {
  if (!config.demoIdp) {
    await oidc.disableProviders(DEMO_IDP_SLUGS);
    return undefined;
  }
  const log = logger.child({ component: 'demo-idp' });
  let idp: DemoIdp;
  try {
    idp = await startDemoIdp({
      nodeEnv: config.nodeEnv,
      port: config.demoIdpPort,
      password: config.seedPassword,
      logger: log,
    });
  } catch (error) {
    if (error instanceof DemoIdpRefused) throw error;
    log.error(
      { err: error instanceof Error ? error.message : String(error), port: config.demoIdpPort },
      'the demo identity provider could not start (DEMO_IDP_PORT in use?); sign-in through it is off',
    );
    await oidc.disableProviders(DEMO_IDP_SLUGS);
    return undefined;
  }
  const definitions = idp.definitions(await oidc.existingOrganisations(DEMO_IDP_ORGANISATIONS));
  if (definitions.length === 0) {
    log.warn('the demo organisations are missing from the database: the demo identity provider is not started');
    await idp.stop();
    await oidc.disableProviders(DEMO_IDP_SLUGS);
    return undefined;
  }
  const origins = new Set([`http://localhost:${port}`, `http://127.0.0.1:${port}`]);
  if (config.publicUrl) origins.add(config.publicUrl);
  idp.register([...origins]);
  const fromFile = config.oidcProvidersFile ? readProviderFile(config.oidcProvidersFile, config.nodeEnv) : [];
  try {
    await oidc.applyProviders([...fromFile, ...definitions]);
  } catch (error) {
    await idp.stop();
    throw error;
  }
  log.warn(
    { issuer: idp.issuer, providers: definitions.map((d) => d.slug) },
    'DEMO identity provider started – development only, not for real use (its users and password are public)',
  );
  return idp;
}
