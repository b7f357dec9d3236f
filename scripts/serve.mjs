#!/usr/bin/env node
// `npm run serve -- [--data-dir DIR] [--port N]`: build if needed, then the browser host.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

export function serve(args) {
  ensureBuild();
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'serve.js'), ...args], { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 1));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    serve(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
