// Runs before `npm start` and the operational commands (migrate, seed, create-admin, audit:verify):
// in a development checkout (TypeScript installed) it compiles src/ to dist/ (and, with --console,
// the web console to web/dist); after
// `npm ci --omit=dev` (a production install, no TypeScript) it uses the dist/ built beforehand and
// fails with a clear message when there is none.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  tsc = undefined;
}
if (tsc) {
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
    cwd: root,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  // `--console` (npm start): the web console too, where Vite is installed (a development checkout).
  if (process.argv.includes('--console')) {
    let vite;
    try {
      vite = require.resolve('vite/bin/vite.js');
    } catch {
      vite = undefined;
    }
    if (vite) {
      const web = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'web', 'vite.config.mts')], {
        stdio: 'inherit',
        cwd: root,
      });
      process.exit(web.status ?? 1);
    }
  }
  process.exit(0);
}
if (!fs.existsSync(path.join(root, 'dist', 'src', 'main.js'))) {
  console.error(
    'dist/ is missing and TypeScript is not installed (npm ci --omit=dev): build first with `npm ci && npm run build`, then prune.',
  );
  process.exit(1);
}
