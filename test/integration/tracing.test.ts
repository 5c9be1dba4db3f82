import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/config/logger';
import { startTracing, type Tracing } from '../../src/http/tracing';
import type { TestServer } from '../helpers/test-server';

/**
 * OpenTelemetry tracing of HTTP, GraphQL and PostgreSQL, when configured. Tracing starts before the
 * server's modules are loaded (as main.ts does), so pg and graphql are instrumented; spans go to an
 * in-memory exporter instead of OTLP.
 */
let tracing: Tracing;
let exporter: InMemorySpanExporter;
let server: TestServer;

beforeAll(async () => {
  const sdk = await import('@opentelemetry/sdk-trace-node');
  exporter = new sdk.InMemorySpanExporter();
  tracing = await startTracing(
    loadConfig({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_SERVICE_NAME: 'samverkan-test' }).http,
    createLogger('silent'),
    exporter,
  );
  const { startTestServer } = await import('../helpers/test-server.js');
  server = await startTestServer({ seed: true });
});
afterAll(async () => {
  await server?.stop();
  await tracing?.stop();
});

describe('OpenTelemetry tracing', () => {
  it('continues the caller’s trace through HTTP, GraphQL and pg spans, and the response names the server span', async () => {
    const token = await server.login('socialsekreterare@danderyd.example');
    await tracing.flush();
    exporter.reset();
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const response = await fetch(
      `${server.url}/graphql?query=${encodeURIComponent('query Q($x: String!) { areas { id name } __type(name: $x) { name } }')}&variables=${encodeURIComponent('{"x":"Hemligt-värde"}')}`,
      {
        headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-b7ad6b7169203331-01` },
      },
    );
    expect(response.status).toBe(200);
    await tracing.flush();
    const spans: ReadableSpan[] = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const names = spans.map((s) => s.name);
    const server_ = spans.find((s) => s.kind === 1 /* SpanKind.SERVER */);
    expect(server_, names.join(', ')).toBeDefined();
    expect(server_!.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    const scopes = new Set(spans.map((s) => s.instrumentationScope.name));
    expect([...scopes].sort()).toEqual([
      '@opentelemetry/instrumentation-graphql',
      '@opentelemetry/instrumentation-http',
      '@opentelemetry/instrumentation-pg',
    ]);
    expect(names).toContain('query Q');
    expect(names.some((n) => n.startsWith('pg.query'))).toBe(true);
    expect(response.headers.get('traceparent')).toBe(`00-${traceId}-${server_!.spanContext().spanId}-01`);
    // No variables in any span: not the URL's query string, not GraphQL argument values.
    expect(JSON.stringify(spans.map((s) => s.attributes))).not.toContain('Hemligt');
    expect(spans.every((s) => s.resource.attributes['service.name'] === 'samverkan-test')).toBe(true);
  });
});
