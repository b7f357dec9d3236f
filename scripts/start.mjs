#!/usr/bin/env node
// `npm start`: build if needed, make sure Electron and an Electron build of better-sqlite3 are in
// place (fetching them on first run), and launch the desktop app. Where Electron cannot be had,
// say why in one sentence and serve the same workbench in the browser instead.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';
import { serve } from './serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Fetches the Electron binary the first time; returns why it failed, or null. */
function fetchElectron() {
  process.stdout.write('Fetching Electron for the first run (about 100 MB)…\n');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' },
  });
  if (result.status === 0 && electronBinary()) return null;
  const output = `${result.stderr ?? ''}\n${result.stdout ?? ''}`;
  const reason = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|network/i.test(output)
    ? 'its download server could not be reached from this machine'
    : result.error?.message ?? (output.trim().split('\n').filter(Boolean).pop() || 'the download failed');
  return reason;
}

/**
 * better-sqlite3 compiled for Electron's ABI, kept beside the Node build that `npm test` uses, so
 * neither run breaks the other (rebuilding the one copy in place is what causes NODE_MODULE_VERSION errors).
 */
function ensureElectronSqlite() {
  const abi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim();
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version;
  const target = join(root, '.electron-native', `better_sqlite3-${abi}.node`);
  if (existsSync(target)) return null;
  process.stdout.write(`Preparing the database module for Electron ${version} (first run only)…\n`);
  const work = join(root, '.electron-native', 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
  const env = { ...process.env };
  delete env.npm_config_nodedir; // a Node headers folder would build for Node's ABI, not Electron's
  const prebuilt = spawnSync(process.execPath, [require.resolve('prebuild-install/bin.js'), '--runtime=electron', `--target=${version}`, `--arch=${process.arch}`, `--platform=${process.platform}`], { cwd: work, env, encoding: 'utf8' });
  if (prebuilt.status !== 0) {
    const compiled = spawnSync('npx', ['--yes', 'node-gyp@11', 'rebuild', '--release', `--target=${version}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], { cwd: work, env, encoding: 'utf8', shell: process.platform === 'win32' });
    if (compiled.status !== 0) return 'the database module could not be built for Electron (no prebuilt download, and compiling it failed)';
  }
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  rmSync(work, { recursive: true, force: true });
  return null;
}

function fallBack(reason) {
  process.stdout.write(`\nThe desktop window cannot open because ${reason}, so Summit Workbench will run in your browser instead.\n\n`);
  serve(args);
}

try {
  ensureBuild();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

let binary = electronBinary();
const fetchProblem = binary ? null : fetchElectron();
binary = electronBinary();
if (!binary) {
  fallBack(`Electron is not installed and ${fetchProblem}`);
} else {
  const nativeProblem = ensureElectronSqlite();
  if (nativeProblem) fallBack(nativeProblem);
  else {
    const child = spawn(binary, [root, ...args], { stdio: 'inherit', cwd: process.env.INIT_CWD ?? process.cwd() });
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
    child.on('exit', (code) => process.exit(code ?? 0));
  }
}
