import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { projectRoot } from '../config/config';

/**
 * The development GraphQL IDE: GraphiQL served entirely from npm packages (graphiql's UMD bundle
 * with React 18's UMD builds), so it works with no internet. Only the fixed list of files below is
 * ever served; the page references nothing outside this server.
 */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/assets/';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

interface PackagedAsset {
  pkg: string;
  file: string;
  type: string;
}

/** The allow-list: URL name → file inside an installed package. */
const PACKAGED: Readonly<Record<string, PackagedAsset>> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', type: JS },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: JS },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: JS },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: CSS },
};

const DEFAULT_QUERY = `# Samverkan GraphQL API (development)
#
# 1. Log in as a demo user (password: the SEED_PASSWORD
#    value, default samverkan-demo-2026):
#
#    mutation Login {
#      login(email: "socialsekreterare@danderyd.example",
#            password: "samverkan-demo-2026") {
#        token
#        expiresAt
#      }
#    }
#
# 2. Under "Headers" below, put the token after "Bearer ".
# 3. Run queries, such as:

query Me {
  me {
    id
    email
    displayName
    roles
    organisation { id name kind }
  }
}
`;

const DEFAULT_HEADERS = `{
  "Authorization": "Bearer "
}`;

/** Starts GraphiQL against /graphql; served as a file so that the page needs no inline script. */
const BOOT_SCRIPT = `'use strict';
(function () {
  var fetcher = GraphiQL.createFetcher({ url: '/graphql' });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      defaultHeaders: ${JSON.stringify(DEFAULT_HEADERS)},
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

export interface GraphiqlAsset {
  body: Buffer;
  contentType: string;
  /** Changes whenever the content does; pages reference assets with `?v=<version>`. */
  version: string;
}

const loaded = new Map<string, GraphiqlAsset>();
let packageRequire: NodeRequire | undefined;

function packageFile(asset: PackagedAsset): { file: string; version: string } {
  packageRequire ??= createRequire(path.join(projectRoot(), 'package.json'));
  const manifest = packageRequire.resolve(`${asset.pkg}/package.json`);
  const { version } = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string };
  return { file: path.join(path.dirname(manifest), asset.file), version: `${asset.pkg}-${version}` };
}

/** A file of the IDE by its URL name, or undefined for any name outside the allow-list. */
export function graphiqlAsset(name: string): GraphiqlAsset | undefined {
  const cached = loaded.get(name);
  if (cached) return cached;
  let asset: GraphiqlAsset;
  if (name === 'samverkan-graphiql.js') {
    const body = Buffer.from(BOOT_SCRIPT, 'utf8');
    asset = { body, contentType: JS, version: createHash('sha256').update(body).digest('hex').slice(0, 12) };
  } else if (Object.hasOwn(PACKAGED, name)) {
    const spec = PACKAGED[name];
    try {
      const { file, version } = packageFile(spec);
      asset = { body: fs.readFileSync(file), contentType: spec.type, version };
    } catch {
      return undefined; // the package is not installed
    }
  } else {
    return undefined;
  }
  loaded.set(name, asset);
  return asset;
}

/** Content-Security-Policy of the page: nothing may load from, or be sent to, another origin. */
export const GRAPHIQL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // GraphiQL and CodeMirror set inline styles
  "font-src 'self' data:", // GraphiQL's fonts are inlined in its CSS
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The IDE page served at GET /graphql to a browser in development. */
export function graphiqlPage(): string {
  const names = [
    'graphiql.min.css',
    'react.production.min.js',
    'react-dom.production.min.js',
    'graphiql.min.js',
    'samverkan-graphiql.js',
  ];
  const versions = new Map(names.map((name) => [name, graphiqlAsset(name)?.version]));
  const url = (name: string): string => escapeHtml(`${GRAPHIQL_ASSET_PREFIX}${name}?v=${versions.get(name) ?? ''}`);
  if ([...versions.values()].some((v) => v === undefined)) {
    return [
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Samverkan GraphQL</title></head>',
      '<body><p>The GraphiQL IDE is not installed (run <code>npm install</code>). POST GraphQL requests to /graphql.</p></body></html>',
    ].join('');
  }
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <link rel="icon" href="data:,">
    <title>Samverkan GraphQL (development)</title>
    <link rel="stylesheet" href="${url('graphiql.min.css')}">
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script src="${url('react.production.min.js')}"></script>
    <script src="${url('react-dom.production.min.js')}"></script>
    <script src="${url('graphiql.min.js')}"></script>
    <script src="${url('samverkan-graphiql.js')}"></script>
  </body>
</html>
`;
}
