import type { IncomingMessage } from 'node:http';
import type { SpanExporter } from '@opentelemetry/sdk-trace-node';
import type { HttpConfig } from '../config/http';
import type { Logger } from '../config/logger';

/** The span a request runs in, as W3C trace-context fields. */
export interface SpanIds {
  traceId: string;
  spanId: string;
  flags: string;
}

let currentSpan: () => SpanIds | undefined = () => undefined;

/** The active OpenTelemetry span's ids; undefined when tracing is off (the default). */
export function activeSpanContext(): SpanIds | undefined {
  return currentSpan();
}

export interface Tracing {
  /** Flushes the spans still buffered. */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const OFF: Tracing = { flush: async () => undefined, stop: async () => undefined };

/** The OpenTelemetry packages tracing needs (optional dependencies, loaded only when tracing is on). */
export const OTEL_PACKAGES = [
  '@opentelemetry/api',
  '@opentelemetry/sdk-trace-node',
  '@opentelemetry/resources',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/instrumentation',
  '@opentelemetry/instrumentation-http',
  '@opentelemetry/instrumentation-pg',
  '@opentelemetry/instrumentation-graphql',
];

/** Probes and metrics are polled all the time; they would drown the traces of real requests. */
const UNTRACED_PATHS = new Set(['/livez', '/readyz', '/health', '/metrics']);
const pathOf = (url: string | undefined): string => (url ?? '').split('?', 1)[0] ?? '';

/**
 * OpenTelemetry tracing of HTTP, GraphQL and PostgreSQL, when OTEL_TRACES_EXPORTER is `otlp` (the
 * exporter reads the standard OTEL_EXPORTER_OTLP_* variables) or `console`. Off by default: then
 * none of the OpenTelemetry packages is loaded. It must start before `pg` and `graphql` are first
 * required (main.ts loads the rest of the server after it), so that their instrumentation applies.
 *
 * What spans carry: no GraphQL argument values (`allowValues` stays off), no SQL parameters
 * (`enhancedDatabaseReporting` stays off), and the HTTP URL without its query string (a GET's query
 * and variables travel there).
 */
export async function startTracing(
  http: HttpConfig,
  logger: Logger,
  exporterForTests?: SpanExporter,
): Promise<Tracing> {
  if (http.tracesExporter === 'none' && !exporterForTests) return OFF;
  let otel;
  try {
    otel = {
      api: await import('@opentelemetry/api'),
      sdk: await import('@opentelemetry/sdk-trace-node'),
      resources: await import('@opentelemetry/resources'),
      instrumentation: await import('@opentelemetry/instrumentation'),
      httpInstrumentation: await import('@opentelemetry/instrumentation-http'),
      pgInstrumentation: await import('@opentelemetry/instrumentation-pg'),
      graphqlInstrumentation: await import('@opentelemetry/instrumentation-graphql'),
    };
  } catch {
    throw new Error(
      `OTEL_TRACES_EXPORTER=${http.tracesExporter} needs the optional OpenTelemetry packages, which are not installed ` +
        `(installed by npm ci unless --omit=optional): ${OTEL_PACKAGES.join(' ')}`,
    );
  }
  const { api, sdk, resources, instrumentation, httpInstrumentation, pgInstrumentation, graphqlInstrumentation } = otel;

  let exporter: SpanExporter;
  if (exporterForTests) exporter = exporterForTests;
  else if (http.tracesExporter === 'otlp')
    exporter = new (await import('@opentelemetry/exporter-trace-otlp-http')).OTLPTraceExporter();
  else exporter = new sdk.ConsoleSpanExporter();

  const provider = new sdk.NodeTracerProvider({
    resource: resources.resourceFromAttributes({ 'service.name': http.serviceName }),
    spanProcessors: [exporterForTests ? new sdk.SimpleSpanProcessor(exporter) : new sdk.BatchSpanProcessor(exporter)],
  });
  // The global tracer provider, AsyncLocalStorage context and the W3C traceparent propagator.
  provider.register();

  const redactUrl = (span: { setAttribute(key: string, value: string): unknown }, request: { url?: string }): void => {
    const path = pathOf(request.url);
    span.setAttribute('http.target', path);
    span.setAttribute('url.path', path);
    span.setAttribute('url.query', '');
  };
  const disable = instrumentation.registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new httpInstrumentation.HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has(pathOf(request.url)),
        requestHook: (span, request) => {
          if ('headers' in request && !('setHeader' in request)) redactUrl(span, request as IncomingMessage);
        },
      }),
      new pgInstrumentation.PgInstrumentation({ enhancedDatabaseReporting: false }),
      new graphqlInstrumentation.GraphQLInstrumentation({
        allowValues: false,
        mergeItems: true,
        ignoreTrivialResolveSpans: true,
      }),
    ],
  });

  currentSpan = () => {
    const span = api.trace.getActiveSpan();
    if (!span) return undefined;
    const c = span.spanContext();
    return { traceId: c.traceId, spanId: c.spanId, flags: c.traceFlags.toString(16).padStart(2, '0') };
  };
  logger.info(
    { exporter: exporterForTests ? 'test' : http.tracesExporter, serviceName: http.serviceName },
    'OpenTelemetry tracing on',
  );

  return {
    flush: () => provider.forceFlush(),
    stop: async () => {
      currentSpan = () => undefined;
      disable();
      await provider.shutdown();
    },
  };
}
