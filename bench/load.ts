import { fork } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';

/**
 * Load generation with autocannon. It runs in a child process of its own so that generating load
 * never shares an event loop with the server under test (both servers run in the bench process).
 */
export interface LoadRequest {
  title: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
}

export interface LoadResult {
  title: string;
  /** Mean requests per second (autocannon's per-second samples). */
  requestsPerSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
  latencyMean: number;
  /** Completed responses. */
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSeconds: number;
}

type ChildMessage = { ok: true; result: LoadResult } | { ok: false; error: string };

async function runAutocannon(request: LoadRequest): Promise<LoadResult> {
  const result = await autocannon({
    title: request.title,
    url: request.url,
    method: request.method,
    headers: request.headers,
    body: request.body,
    connections: request.connections,
    duration: request.durationSeconds,
    pipelining: 1,
    timeout: 10,
  });
  return {
    title: request.title,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    latencyMean: result.latency.average,
    total: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    durationSeconds: result.duration,
  };
}

/** Runs one load in a child process and resolves with its figures. */
export function runLoad(request: LoadRequest): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // No inherited execArgv: profiling or inspecting the bench must not profile the load generator.
    const child = fork(path.join(__dirname, 'load.js'), ['--child'], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    child.once('message', (message: ChildMessage) => {
      settled = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code) => {
      if (!settled) reject(new Error(`load generator exited with code ${code} before reporting`));
      settled = true;
    });
    child.send(request);
  });
}

if (require.main === module && process.argv.includes('--child')) {
  process.once('message', (request: LoadRequest) => {
    runAutocannon(request).then(
      (result) => process.send?.({ ok: true, result } satisfies ChildMessage, () => process.exit(0)),
      (error: unknown) =>
        process.send?.({ ok: false, error: String(error) } satisfies ChildMessage, () => process.exit(1)),
    );
  });
}
