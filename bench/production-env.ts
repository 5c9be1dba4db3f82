import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Imported first by the bench: libraries read NODE_ENV once, when they load (graphql-js, for
 * one, runs extra development checks on every field otherwise). The API under test runs as it is
 * deployed (Dockerfile and docker-compose set NODE_ENV=production), whatever the shell says.
 */
process.env.NODE_ENV = 'production';

// Production refuses to start without an audit key: one per bench run, shared with the processes it
// spawns (API, audit:verify) through the environment, and an anchor file that is removed at exit.
process.env.AUDIT_HMAC_KEY ??= randomBytes(32).toString('hex');
if (!process.env.AUDIT_ANCHOR_FILE) {
  const anchorFile = path.join(os.tmpdir(), `samverkan-bench-${process.pid}.anchors.jsonl`);
  process.env.AUDIT_ANCHOR_FILE = anchorFile;
  process.on('exit', () => {
    fs.rmSync(anchorFile, { force: true });
    fs.rmSync(`${anchorFile}.verified`, { force: true });
  });
}

export {};
