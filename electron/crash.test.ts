// Crash safety of the store behind the real browser host: stream writes at `out/main/serve.js` over
// HTTP, SIGKILL it mid-stream with several requests in flight, restart it on the same data folder
// and check that every write it acknowledged is there, exactly as acknowledged, that nothing half-
// written is, and that SQLite's integrity check passes. Five rounds, each killed at a different
// (seeded, reproducible) point; CRASH_SEED overrides the seed.
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../db/testing/random';
import { makeTempDirs } from '../db/testing/tempDir';
import type { Annotation, Note, NoteSummary } from './ipc/contract';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVE = join(ROOT, 'out', 'main', 'serve.js');
const SEED = Number(process.env.CRASH_SEED ?? 0xc0ffee);
const ROUNDS = 5;
const CONCURRENCY = 6;

const tempDir = makeTempDirs();

// ---------------------------------------------------------------------------------------------
// The host as a child process.

interface RunningHost {
  child: ChildProcess;
  port: number;
  token: string;
  url: string;
  stderr: () => string;
}

const children = new Set<ChildProcess>();

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function killAll(): Promise<void> {
  for (const child of [...children]) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited(child);
    children.delete(child);
  }
}

afterEach(killAll);
afterAll(killAll);

function startHost(dataDir: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The host did not print its address within 30 s. stdout: ${out} stderr: ${err}`)), 30_000);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The host exited (${code ?? signal}) before listening. stdout: ${out} stderr: ${err}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:(\d+)\/)#token=([A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, url: m[1]!, port: Number(m[2]), token: m[3]!, stderr: () => err });
      }
    });
  });
}

interface Envelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

function invoke(host: RunningHost, agent: Agent, channel: string, input: unknown): Promise<Envelope> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: `/api/invoke/${channel}`,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${host.token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (!res.complete) return reject(new Error(`incomplete response to ${channel}`));
          if (res.statusCode !== 200) return reject(new Error(`${channel} answered HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          try {
            resolve(JSON.parse(text) as Envelope);
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function call<T>(host: RunningHost, channel: string, input: unknown = {}): Promise<T> {
  const agent = new Agent({ keepAlive: false });
  try {
    const envelope = await invoke(host, agent, channel, input);
    if (!envelope.ok) throw new Error(`${channel} was refused: ${JSON.stringify(envelope.error)}`);
    return envelope.value as T;
  } finally {
    agent.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The writes: annotations and notes, each carrying a unique marker so it can be found again.


type Write =
  | { kind: 'annotation'; marker: string; input: { documentId: number; start: number; end: number; codeIds: number[]; comment: string } }
  | { kind: 'note'; marker: string; input: { title: string; body: string; codeIds: number[] } };

interface Acked {
  write: Write;
  value: Annotation | Note;
}

const WORDS = ['summit', 'Vostochny', 'rail', 'munitions', 'satellite', 'Пхеньян', '金正恩', 'Владивосток', 'grade B2', '🚂', 'naïve', 'quote “here”', 'tab\there', 'line\nbreak', '\\ backslash', "it's", '"dq"', '%_'];

function words(rnd: () => number, n: number): string {
  return Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
}

function subset(rnd: () => number, ids: readonly number[]): number[] {
  const n = Math.floor(rnd() * 4);
  return [...new Set(Array.from({ length: n }, () => ids[Math.floor(rnd() * ids.length)]!))].sort((a, b) => a - b);
}

function makeWrite(rnd: () => number, marker: string, doc: { id: number; length: number }, codeIds: readonly number[]): Write {
  if (rnd() < 0.5) {
    const start = Math.floor(rnd() * (doc.length - 1));
    const end = Math.min(doc.length, start + 1 + Math.floor(rnd() * 300));
    return { kind: 'annotation', marker, input: { documentId: doc.id, start, end, codeIds: subset(rnd, codeIds), comment: `${marker} ${words(rnd, 1 + Math.floor(rnd() * 12))}` } };
  }
  // Some notes are large, so that the host is often in the middle of a longer commit at the kill.
  const big = rnd() < 0.2 ? words(rnd, 2000 + Math.floor(rnd() * 20000)) : '';
  return { kind: 'note', marker, input: { title: `Crash note ${marker}`, body: `${words(rnd, 1 + Math.floor(rnd() * 40))}\n${big}`, codeIds: subset(rnd, codeIds) } };
}

/** Streams writes with CONCURRENCY requests in flight; SIGKILLs the host once killAfter are acknowledged. */
async function streamAndKill(host: RunningHost, round: number, killAfter: number, rnd: () => number, doc: { id: number; length: number }, codeIds: readonly number[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const acked: Acked[] = [];
  const sent: Write[] = [];
  let killed = false;
  let inFlight = 0;
  let inFlightAtKill = 0;
  let lostAfterKill = 0;
  let n = 0;

  async function worker(): Promise<void> {
    while (!killed) {
      const write = makeWrite(rnd, `r${round}-w${n++}-${Math.floor(rnd() * 1e9).toString(36)}`, doc, codeIds);
      sent.push(write);
      inFlight++;
      let envelope: Envelope;
      try {
        envelope = await invoke(host, agent, write.kind === 'annotation' ? 'annotations.create' : 'notes.create', write.input);
      } catch (error) {
        inFlight--;
        if (!killed) throw error; // before the kill, every write must be answered
        lostAfterKill++;
        continue;
      }
      inFlight--;
      // A complete ok answer is an acknowledgement, even one read off the socket after the kill.
      if (!envelope.ok) throw new Error(`round ${round}: ${write.kind} ${write.marker} was refused: ${JSON.stringify(envelope.error)}`);
      acked.push({ write, value: envelope.value as Annotation | Note });
      if (!killed && acked.length >= killAfter) {
        killed = true;
        inFlightAtKill = inFlight;
        host.child.kill('SIGKILL');
      }
    }
  }

  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await exited(host.child);
  agent.destroy();
  return { acked, sent, inFlightAtKill, lostAfterKill, signal: host.child.signalCode };
}

// ---------------------------------------------------------------------------------------------

function checkIntegrity(file: string, readonly: boolean): void {
  const db = new Database(file, { readonly, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  } finally {
    db.close();
  }
}

/** Every acknowledged write is there as acknowledged; every other write is there whole or not at all. */
async function verify(host: RunningHost, acked: readonly Acked[], sent: readonly Write[], context: string): Promise<void> {
  const annotations = await call<Annotation[]>(host, 'annotations.list', {});
  const notes = await call<NoteSummary[]>(host, 'notes.list', {});
  const annotationById = new Map(annotations.map((a) => [a.id, a]));
  const noteById = new Map(notes.map((x) => [x.id, x]));

  const missing: string[] = [];
  for (const { write, value } of acked) {
    if (write.kind === 'annotation') {
      const found = annotationById.get(value.id);
      if (!found) missing.push(`annotation ${value.id} (${write.marker})`);
      else expect(found, `${context}: annotation ${value.id} (${write.marker})`).toEqual(value);
    } else {
      const found = noteById.get(value.id);
      const v = value as Note;
      if (!found) missing.push(`note ${value.id} (${write.marker})`);
      else expect({ title: found.title, body: found.body, codeIds: found.codeIds, created: found.created, updated: found.updated }, `${context}: note ${value.id}`).toEqual({
        title: v.title,
        body: v.body,
        codeIds: v.codeIds,
        created: v.created,
        updated: v.updated,
      });
    }
  }
  expect(missing, `${context}: acknowledged writes lost`).toEqual([]);

  // Writes in flight at a kill may or may not have landed, but never in part, and never twice.
  const markerOf = (text: string) => /r\d+-w\d+-[0-9a-z]+/.exec(text)?.[0];
  const byMarker = new Map(sent.map((w) => [w.marker, w]));
  const seen = new Set<string>();
  for (const a of annotations) {
    const marker = markerOf(a.comment);
    if (!marker) continue;
    expect(seen.has(marker), `${context}: ${marker} stored twice`).toBe(false);
    seen.add(marker);
    const w = byMarker.get(marker);
    expect(w?.kind, `${context}: annotation ${a.id} with marker ${marker} was never sent`).toBe('annotation');
    if (w?.kind === 'annotation') expect({ documentId: a.documentId, start: a.start, end: a.end, codeIds: a.codeIds, comment: a.comment }, `${context}: annotation ${a.id}`).toEqual(w.input);
  }
  for (const x of notes) {
    const marker = markerOf(x.title);
    if (!marker) continue;
    expect(seen.has(marker), `${context}: ${marker} stored twice`).toBe(false);
    seen.add(marker);
    const w = byMarker.get(marker);
    expect(w?.kind, `${context}: note ${x.id} with marker ${marker} was never sent`).toBe('note');
    if (w?.kind === 'note') expect({ title: x.title, body: x.body, codeIds: x.codeIds }, `${context}: note ${x.id}`).toEqual(w.input);
  }
}

describe('crash safety of the browser host’s store', () => {
  beforeAll(() => {
    // Unit tests may run before `npm run build`: build now if any source is newer than out/.
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-build.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 170_000 });
    expect(result.status, `ensure-build failed: ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}`).toBe(0);
  }, 180_000);

  it(
    `keeps every acknowledged write, whole, through ${ROUNDS} SIGKILLs mid-stream`,
    async () => {
      const started = performance.now();
      const dataDir = tempDir();
      const storeFile = join(dataDir, 'workbench.sqlite');
      const rnd = mulberry32(SEED);
      const acked: Acked[] = [];
      const sent: Write[] = [];

      let host = await startHost(dataDir);
      expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/); // the address it prints is loopback
      const doc = (await call<{ id: number; length: number }[]>(host, 'documents.list'))[0]!;
      const codeIds = (await call<{ id: number }[]>(host, 'codes.list')).map((c) => c.id);
      expect(doc.length).toBeGreaterThan(1000);
      expect(codeIds.length).toBeGreaterThan(3);

      const killPoints = new Set<number>();
      while (killPoints.size < ROUNDS) killPoints.add(20 + Math.floor(rnd() * 181));
      const summary: string[] = [];

      let round = 0;
      for (const killAfter of killPoints) {
        round++;
        const r = await streamAndKill(host, round, killAfter, rnd, doc, codeIds);
        expect(r.signal, `round ${round}: the host was killed`).toBe('SIGKILL');
        expect(r.inFlightAtKill, `round ${round}: requests in flight at the kill`).toBeGreaterThanOrEqual(2);
        acked.push(...r.acked);
        sent.push(...r.sent);
        summary.push(`round ${round}: killed after ${killAfter} acks (${r.acked.length} acked in all, ${r.inFlightAtKill} in flight, ${r.lostAfterKill} cut off)`);

        // Restart on the same folder: SQLite recovers from its WAL; then everything acknowledged must be there.
        host = await startHost(dataDir);
        await verify(host, acked, sent, `after kill ${round}`);
        checkIntegrity(storeFile, true); // a read-only look while the host runs
      }

      // Stop the last host cleanly and look at the file directly.
      host.child.kill('SIGTERM');
      await exited(host.child);
      expect(host.child.exitCode, `the host stopped cleanly: ${host.stderr()}`).toBe(0);
      checkIntegrity(storeFile, false);
      const db = new Database(storeFile, { readonly: true });
      const stored = db.prepare("SELECT count(*) AS n FROM annotations WHERE comment GLOB 'r[0-9]*-w[0-9]*'").get() as { n: number };
      db.close();
      expect(stored.n).toBeGreaterThanOrEqual(acked.filter((a) => a.write.kind === 'annotation').length);

      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`crash (seed ${SEED}): ${acked.length} acknowledged writes of ${sent.length} sent survived ${ROUNDS} SIGKILLs in ${seconds} s\n  ${summary.join('\n  ')}`);
    },
    120_000,
  );
});
