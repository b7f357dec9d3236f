import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededStore } from '../db/testing/seeded';
import { makeTempDirs } from '../db/testing/tempDir';
import { createHandlers } from './ipc/handlers';
import { startHost, type Host } from './host';

const tempDir = makeTempDirs();
const hosts: Host[] = [];
afterEach(async () => {
  for (const h of hosts.splice(0)) await h.close();
});

async function setup() {
  const dir = tempDir();
  const store = seededStore(dir);
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Summit Workbench</title>');
  const host = await startHost({ handlers: createHandlers(store, { version: 't', dataDir: dir, transport: 'http' }), rendererDir });
  hosts.push(host);
  return host;
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
});
