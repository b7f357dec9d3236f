// The same handlers over HTTP on 127.0.0.1, serving the built renderer: what the end-to-end tests
// drive, and what `npm start` falls back to where Electron cannot run. Only this machine can reach
// it, and only a caller holding this run's token may call the store.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, join, normalize, sep } from 'node:path';
import { dispatch, type DispatchOptions } from './ipc/dispatch';
import type { Handlers } from './ipc/handlers';
import type { Envelope, ExportRequest } from './ipc/contract';
import { exportFileName, parseExportRequest } from './exports';
import { parseImportRequest, type W3cImportRequest, type W3cImportResult } from './imports';
import type { Writable } from 'node:stream';
import type { ImportProgress } from '../common/progress';
import { fileTooLarge, MAX_IMPORT_BYTES } from '../common/importLimits';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The largest request body accepted: a 10 MB document as JSON, with room for escaping. */
export const MAX_BODY_BYTES = 32 * 1024 * 1024;

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

export interface HostOptions extends DispatchOptions {
  handlers: Handlers;
  /** Streams a CSV export into the response (the browser saves it as a download). */
  exportCsv?: (request: ExportRequest, out: Writable) => Promise<{ rows: number }>;
  countRows?: (request: ExportRequest) => number;
  /** Imports W3C Web Annotations in steps, telling how far it has got (streamed as lines of JSON). */
  importW3c?: (request: W3cImportRequest, onProgress: (progress: ImportProgress) => void) => Promise<Envelope<W3cImportResult>>;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface Host {
  server: Server;
  port: number;
  token: string;
  /** The address to open, carrying the token in the fragment (never sent over the wire or in logs). */
  url: string;
  close(): Promise<void>;
}

function headers(type: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    ...extra,
  };
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, headers(type, extra));
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json');
}

/**
 * The request's body, up to `limit` bytes. A larger body is read to its end and thrown away, and
 * only then refused, so that the caller can answer 413 with its reason: answering while the client
 * is still sending, and closing the connection, reaches the browser as a dropped connection. A
 * body many times over the limit is cut off instead of being read for ever.
 */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit * DRAIN_FACTOR) {
        reject(new Error('too large'));
        req.destroy();
      } else if (size > limit) chunks.length = 0;
      else chunks.push(chunk);
    });
    req.on('end', () => (size > limit ? reject(new Error('too large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

/** How far past its limit a body is read (and discarded) so that the refusal reaches the client. */
const DRAIN_FACTOR = 4;

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on another name that resolves here must not reach the store.
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) {
        sendError(res, 403, 'forbidden', 'This workbench only answers requests addressed to 127.0.0.1.');
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) {
        sendError(res, 403, 'forbidden', 'Requests from other sites are refused.');
        return;
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

      if (url.pathname.startsWith('/api/')) {
        const auth = req.headers.authorization ?? '';
        if (!auth.startsWith('Bearer ') || !sameToken(auth.slice(7), token)) {
          sendError(res, 401, 'forbidden', 'This request lacks the workbench token for this run. Open the address the workbench printed when it started.');
          return;
        }
        if (url.pathname === '/api/export' && req.method === 'POST' && options.exportCsv) {
          let raw: unknown;
          try {
            raw = JSON.parse((await readBody(req)).toString('utf8'));
          } catch {
            sendError(res, 400, 'invalid_input', 'The export request is not valid JSON. Nothing was written.');
            return;
          }
          const parsed = parseExportRequest(raw);
          if (!parsed.ok) {
            send(res, 400, JSON.stringify(parsed.error), 'application/json');
            return;
          }
          res.writeHead(
            200,
            headers('text/csv; charset=utf-8', {
              'content-disposition': `attachment; filename="${exportFileName(parsed.request.kind)}"`,
              'x-row-count': String(options.countRows?.(parsed.request) ?? ''),
            }),
          );
          await options.exportCsv(parsed.request, res);
          res.end();
          return;
        }
        if (url.pathname === '/api/import-w3c' && req.method === 'POST' && options.importW3c) {
          // The body is the file itself; the document for other tools' annotations is in the query.
          let body: Buffer;
          try {
            body = await readBody(req, MAX_IMPORT_BYTES);
          } catch {
            sendError(res, 413, 'invalid_input', `${fileTooLarge()} Nothing was imported.`);
            return;
          }
          const documentId = url.searchParams.get('documentId');
          const parsed = parseImportRequest({ text: body.toString('utf8'), ...(documentId === null ? {} : { documentId: Number(documentId) }) });
          if (!parsed.ok) {
            send(res, 400, JSON.stringify(parsed.error), 'application/json');
            return;
          }
          // One JSON object per line: {"type":"progress",...} while it works, then {"type":"result","ok":...}.
          res.writeHead(200, headers('application/x-ndjson; charset=utf-8'));
          const line = (value: object) => {
            if (!res.destroyed) res.write(`${JSON.stringify(value)}\n`);
          };
          const result = await options.importW3c(parsed.request, (progress) => line({ type: 'progress', ...progress }));
          line({ type: 'result', ...result });
          res.end();
          return;
        }
        const match = /^\/api\/invoke\/([A-Za-z0-9.]+)$/.exec(url.pathname);
        if (!match || req.method !== 'POST') {
          sendError(res, 404, 'unknown_channel', 'There is no such request.');
          return;
        }
        let body: Buffer;
        try {
          body = await readBody(req);
        } catch {
          sendError(res, 413, 'invalid_input', `The request is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB and was refused. Nothing was changed.`);
          return;
        }
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          sendError(res, 400, 'invalid_input', 'The request is not valid JSON. Nothing was changed.');
          return;
        }
        const envelope = dispatch(options.handlers, match[1], input, options);
        send(res, 200, JSON.stringify(envelope), 'application/json');
        return;
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendError(res, 405, 'forbidden', 'Only GET is served here.');
        return;
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = normalize(join(options.rendererDir, relative));
      if (!file.startsWith(options.rendererDir + sep)) {
        sendError(res, 404, 'not_found', 'Not found.');
        return;
      }
      let content: Buffer;
      try {
        // Read at once (a few small local files): an asynchronous read would let the page's
        // first data requests, answered synchronously, run ahead of the code that shows them.
        content = readFileSync(file);
      } catch {
        sendError(res, 404, 'not_found', 'Not found.');
        return;
      }
      const type = types[extname(file)] ?? 'application/octet-stream';
      // The built code and fonts are named by their content (vite's hashes), so the browser may
      // keep them, and V8 its compiled code with them: a reload then skips most of the parsing.
      // The page itself and every answer from the store are never kept.
      const kept: Record<string, string> = relative.startsWith('assets/') ? { 'cache-control': 'public, max-age=31536000, immutable' } : {};
      send(res, 200, content, type, type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-frame-options': 'DENY' } : kept);
    } catch (error) {
      options.onInternalError?.('http', error);
      if (!res.headersSent) sendError(res, 500, 'internal', 'The workbench host failed to answer; see the log file in the data folder.');
    }
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        server,
        port,
        token,
        url: `http://127.0.0.1:${port}/#token=${token}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
