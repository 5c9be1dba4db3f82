import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/config/logger';

/**
 * A test run prints no warnings (issue #13): the two OpenID Providers that stand in for an
 * organisation's (the tests' and the demo one) start and answer discovery without a console warning
 * or a process warning. `oidc-provider` is imported inside the test, after the listeners are in
 * place, so that what it prints while loading counts too.
 *
 * The one exception is the library's own: `oidc-provider` 9 supports the LTS releases from Node 22
 * ("Jod") on, and on any other Node (an older LTS such as this machine's 20 "Iron", or a non-LTS
 * release) it says so once as it loads ("Unsupported runtime"; lib/index.js, by `process.release.lts`).
 * That warning is true, so it is allowed there, and only there; on Node 22 and 24 nothing may be printed.
 */

const UNSUPPORTED_RUNTIME =
  'oidc-provider WARNING: Unsupported runtime. Use Node.js v22.x LTS, or a later LTS release.';
/** The library's own condition: an LTS release named "Jod" (Node 22) or later in the alphabet. */
const supportedByOidcProvider = (process.release.lts ?? '') >= 'Jod';

describe('the stand-in OpenID Providers print no warning', () => {
  let printed: string[] = [];
  const onWarning = (warning: Error): void => {
    printed.push(`${warning.name}: ${warning.message}`);
  };

  beforeEach(() => {
    printed = [];
    for (const method of ['warn', 'error', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map(String).join(' '));
      });
    }
    process.on('warning', onWarning);
  });

  afterEach(() => {
    vi.restoreAllMocks();
    process.off('warning', onWarning);
  });

  /**
   * Registers the client at the started provider (`register`), asks for its discovery document and
   * stops it; answers what was printed meanwhile (process warnings come on a later tick).
   */
  const discoveryThenStop = async (
    idp: { issuer: string; stop(): Promise<void> },
    register: () => void,
  ): Promise<string[]> => {
    try {
      register();
      const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
      expect(response.status).toBe(200);
      expect(((await response.json()) as { issuer: string }).issuer).toBe(idp.issuer);
    } finally {
      await idp.stop();
    }
    await new Promise((resolve) => setImmediate(resolve));
    return printed;
  };

  it('the test identity provider starts and answers discovery', async () => {
    const { startTestIdp } = await import('../helpers/oidc-idp.js');
    const idp = await startTestIdp();
    const printedNow = await discoveryThenStop(idp, () => idp.register(['http://127.0.0.1:1/auth/oidc/test/callback']));
    // Printed once, as the library loads: here, when this file's process is the first to load it.
    expect(printedNow.filter((line) => supportedByOidcProvider || line !== UNSUPPORTED_RUNTIME)).toEqual([]);
  });

  it('the demo identity provider starts and answers discovery', async () => {
    const { startDemoIdp } = await import('../../src/modules/identity/oidc/demo-idp.js');
    const idp = await startDemoIdp({
      nodeEnv: 'development',
      port: 0,
      password: 'a-demo-password',
      logger: createLogger('silent'),
    });
    // The library is loaded already (the test above): nothing at all may be printed here.
    expect(await discoveryThenStop(idp, () => idp.register(['http://127.0.0.1:1']))).toEqual([]);
  });
});
