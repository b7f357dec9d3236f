import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededStore } from '../db/testing/seeded';
import { makeTempDirs } from '../db/testing/tempDir';
import { createHandlers } from './ipc/handlers';
import { MAX_BODY_BYTES, startHost, type Host } from './host';
import { importW3cWithProgress } from './imports';

const tempDir = makeTempDirs();
const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function setup() {
  return (await setupWithStore()).host;
}

async function setupWithStore() {
  const dir = tempDir();
  const store = seededStore(dir);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Summit Workbench</title>');
  const host = await startHost({
    handlers: createHandlers(store, { version: 't', dataDir: dir, transport: 'http' }),
    rendererDir,
    importW3c: (request, onProgress) => importW3cWithProgress(store, request, onProgress),
  });
  hosts.push(host);
  return { host, store, rendererDir };
}

function send(host: Host, options: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += String(d)));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const invoke = (host: Host, headers: Record<string, string>, body = '{}') =>
  send(host, { path: '/api/invoke/documents.list', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the loopback host', () => {
  it('binds to 127.0.0.1 only', async () => {
    const host = await setup();
    expect(host.server.address()).toMatchObject({ address: '127.0.0.1' });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
  });

  it('answers a call that carries this run’s token', async () => {
    const host = await setup();
    const res = await invoke(host, { authorization: `Bearer ${host.token}` });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: [{ title: 'Kim Jong Un arrives in Russia for summit with Putin' }] });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    const host = await setup();
    expect((await invoke(host, {})).status).toBe(401);
    expect((await invoke(host, { authorization: 'Bearer guess' })).status).toBe(401);
    expect((await invoke(host, { authorization: `Bearer ${host.token}x` })).status).toBe(401);
  });

  it('refuses another Host header (DNS rebinding) and another Origin (cross-site)', async () => {
    const host = await setup();
    const auth = { authorization: `Bearer ${host.token}` };
    expect((await invoke(host, { ...auth, host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await invoke(host, { ...auth, origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke(host, { ...auth, origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  it('answers a request over the size limit with 413 and its reason, instead of dropping the connection', async () => {
    const { host, store } = await setupWithStore();
    const before = store.annotations.list().length;
    const oversize = JSON.stringify({ documentId: 1, start: 0, end: 11, comment: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await send(host, { path: '/api/invoke/annotations.create', method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` }, body: oversize });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('larger than 32 MB') } });
    expect(store.annotations.list()).toHaveLength(before);
    // The host goes on answering.
    expect((await invoke(host, { authorization: `Bearer ${host.token}` })).status).toBe(200);
  });

  it('refuses a body that is not JSON, with a reason', async () => {
    const host = await setup();
    const res = await invoke(host, { authorization: `Bearer ${host.token}` }, '{not json');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/not valid JSON/);
  });

  it('serves the renderer with a strict Content-Security-Policy, and nothing outside it', async () => {
    const host = await setup();
    const page = await send(host, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect((await send(host, { path: '/../workbench.sqlite' })).status).toBe(404);
    expect((await send(host, { path: '/%2e%2e/workbench.sqlite' })).status).toBe(404);
  });

  it('lets the browser keep the built code (its names change with its content), never the page or the data', async () => {
    const { host, rendererDir } = await setupWithStore();
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'assets', 'boot-Ab12Cd34.js'), 'export {};');
    expect((await send(host, { path: '/assets/boot-Ab12Cd34.js' })).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await send(host, { path: '/' })).headers['cache-control']).toBe('no-store');
    expect((await invoke(host, { authorization: `Bearer ${host.token}` })).headers['cache-control']).toBe('no-store');
  });
});

describe('the W3C import stream', () => {
  const importFile = (host: Host, body: string, headers: Record<string, string> = { authorization: `Bearer ${host.token}` }, query = '') =>
    send(host, { path: `/api/import-w3c${query}`, method: 'POST', headers: { 'content-type': 'application/ld+json', ...headers }, body });
  /** The response's lines of JSON. */
  const lines = (body: string) => body.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const annotationCount = (store: ReturnType<typeof seededStore>) => store.annotations.list().length;

  function fileOf(n: number, documentId = 1) {
    return JSON.stringify({
      type: 'AnnotationPage',
      items: Array.from({ length: n }, () => ({ type: 'Annotation', body: 'plain', target: { source: `urn:summit-workbench:document:${documentId}`, selector: { type: 'TextQuoteSelector', exact: 'Kim Jong Un' } } })),
    });
  }

  it('streams progress by step, then the counts, and the annotations are there', async () => {
    const { host, store } = await setupWithStore();
    const res = await importFile(host, fileOf(1200));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const all = lines(res.body);
    expect(all[0]).toEqual({ type: 'progress', phase: 'reading', done: 0, total: 0 });
    expect(all.filter((l) => l.phase === 'anchoring').at(-1)).toEqual({ type: 'progress', phase: 'anchoring', done: 1200, total: 1200 });
    expect(all.filter((l) => l.phase === 'anchoring').length).toBeGreaterThan(1);
    expect(all.at(-2)).toEqual({ type: 'progress', phase: 'saving', done: 1200, total: 1200 });
    expect(all.at(-1)).toEqual({ type: 'result', ok: true, value: { anchored: 1200, fuzzy: 0, orphaned: 0, imported: 1200, skipped: 0, codesCreated: [] } });
    expect(annotationCount(store)).toBe(1200);
  });

  it('refuses a call without this run’s token, or from another site, and imports nothing', async () => {
    const { host, store } = await setupWithStore();
    expect((await importFile(host, fileOf(1), {})).status).toBe(401);
    expect((await importFile(host, fileOf(1), { authorization: 'Bearer guess' })).status).toBe(401);
    expect((await importFile(host, fileOf(1), { authorization: `Bearer ${host.token}`, origin: 'http://evil.example' })).status).toBe(403);
    expect((await importFile(host, fileOf(1), { authorization: `Bearer ${host.token}`, host: `evil.example:${host.port}` })).status).toBe(403);
    expect(annotationCount(store)).toBe(0);
  });

  it('ends with a clear error for a file that is not JSON, and imports nothing', async () => {
    const { host, store } = await setupWithStore();
    const res = await importFile(host, '{"type": "Annot');
    expect(res.status).toBe(200);
    const last = lines(res.body).at(-1)!;
    expect(last).toMatchObject({ type: 'result', ok: false, error: { code: 'invalid_input' } });
    expect((last.error as { message: string }).message).toMatch(/^The file is not JSON: .+ Nothing was changed\.$/);
    expect(annotationCount(store)).toBe(0);
  });

  it('says which annotation is wrong when one late in the file is, after anchoring the rest, and imports nothing', async () => {
    const { host, store } = await setupWithStore();
    const file = JSON.parse(fileOf(1200)) as { items: unknown[] };
    file.items[1100] = { type: 'Annotation', target: { source: 'urn:summit-workbench:document:1' } };
    const all = lines((await importFile(host, JSON.stringify(file))).body);
    expect(all.some((l) => l.phase === 'anchoring' && (l.done as number) >= 1000)).toBe(true);
    expect(all.at(-1)).toMatchObject({ type: 'result', ok: false, error: { message: expect.stringContaining('Annotation 1,101 of 1,200 has no TextQuoteSelector or TextPositionSelector') } });
    expect(annotationCount(store)).toBe(0);
  });

  it('refuses a document that is not a number before reading the file, and one the store does not hold with a reason', async () => {
    const { host, store } = await setupWithStore();
    const bad = await importFile(host, fileOf(1), undefined, '?documentId=first');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'documentId' } });
    const missing = lines((await importFile(host, fileOf(1, 999), undefined, '?documentId=998')).body).at(-1)!;
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringContaining('There is no document 998 to import into') } });
    expect(annotationCount(store)).toBe(0);
  });
});
