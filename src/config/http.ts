import { isIP } from 'node:net';

/** HTTP hardening and observability settings (the `http` section of the configuration). */
export interface HttpConfig {
  /** Proxies whose X-Forwarded-For is believed (Fastify's trustProxy): false, or addresses/CIDRs. */
  trustProxy: false | string[];
  /** Origins (`https://host[:port]`) allowed to call the API from a browser; empty: no CORS headers. */
  corsOrigins: string[];
  /** Whole request (headers and body) must arrive within this; else 408 and the connection is closed. */
  requestTimeoutMs: number;
  /** The request's headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** `/metrics` on its own port (not on the API's); undefined: on the API's port. */
  metricsPort: number | undefined;
  metricsHost: string;
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** OpenTelemetry trace exporter (`OTEL_TRACES_EXPORTER`): off unless `otlp` or `console`. */
  tracesExporter: 'none' | 'otlp' | 'console';
  serviceName: string;
}

/** Names `proxy-addr` (Fastify's trustProxy) accepts besides addresses. */
const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4/IPv6 address or CIDR range, or a proxy-addr keyword; false for anything else. */
export function isProxyEntry(entry: string): boolean {
  if (PROXY_KEYWORDS.has(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** `scheme://host[:port]` exactly as a browser sends it in `Origin`; false for anything else. */
export function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
  } catch {
    return false;
  }
}

type IntReader = (name: string, fallback: number, min: number, max: number) => number;

export function loadHttpConfig(env: NodeJS.ProcessEnv, problems: string[], int: IntReader, host: string): HttpConfig {
  const list = (name: string): string[] =>
    (env[name] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0);

  const proxies = list('TRUST_PROXY');
  const badProxies = proxies.filter((e) => !isProxyEntry(e));
  if (badProxies.length > 0) {
    problems.push(
      `TRUST_PROXY must list IP addresses or CIDR ranges of your load balancers, e.g. 10.0.0.1,10.0.1.0/24 (not valid: ${badProxies.join(', ')})`,
    );
  }

  const origins = list('CORS_ORIGINS');
  const badOrigins = origins.filter((e) => !isOrigin(e));
  if (badOrigins.length > 0) {
    problems.push(
      `CORS_ORIGINS must list origins such as https://intranet.example.se (scheme, host and port only; not valid: ${badOrigins.join(', ')})`,
    );
  }

  const metricsPortRaw = env.METRICS_PORT;
  const metricsPort =
    metricsPortRaw === undefined || metricsPortRaw === '' ? undefined : int('METRICS_PORT', 0, 0, 65535);
  const metricsToken = env.METRICS_TOKEN && env.METRICS_TOKEN !== '' ? env.METRICS_TOKEN : undefined;
  if (metricsToken !== undefined && metricsToken.length < 16)
    problems.push('METRICS_TOKEN must be at least 16 characters');

  const exporter = env.OTEL_TRACES_EXPORTER && env.OTEL_TRACES_EXPORTER !== '' ? env.OTEL_TRACES_EXPORTER : 'none';
  let tracesExporter: HttpConfig['tracesExporter'] = 'none';
  if (exporter === 'none' || exporter === 'otlp' || exporter === 'console') tracesExporter = exporter;
  else problems.push(`OTEL_TRACES_EXPORTER must be one of none, otlp, console (got "${exporter}")`);

  const requestTimeoutMs = int('HTTP_REQUEST_TIMEOUT_MS', 30_000, 500, 600_000);
  const headersTimeoutMs = int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 500, 600_000);
  if (headersTimeoutMs > requestTimeoutMs)
    problems.push('HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS');

  return {
    trustProxy: proxies.length > 0 && badProxies.length === 0 ? proxies : false,
    corsOrigins: badOrigins.length === 0 ? origins : [],
    requestTimeoutMs,
    headersTimeoutMs,
    keepAliveTimeoutMs: int('HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, 1_000, 600_000),
    metricsPort,
    metricsHost: env.METRICS_HOST && env.METRICS_HOST !== '' ? env.METRICS_HOST : host,
    metricsToken,
    tracesExporter,
    serviceName: env.OTEL_SERVICE_NAME && env.OTEL_SERVICE_NAME !== '' ? env.OTEL_SERVICE_NAME : 'samverkan',
  };
}
