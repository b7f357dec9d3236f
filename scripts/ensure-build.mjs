#!/usr/bin/env node
// Builds the app (electron-vite build) when any source is newer than the last build, so that
// `npm start`, `npm run serve` and the tests never run stale code.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'out', '.build-stamp');
const inputs = ['electron', 'db', 'common', 'renderer', 'resources', 'electron.vite.config.ts', 'package.json', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name.endsWith('.test.ts')) continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

export function ensureBuild({ quiet = false } = {}) {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...inputs.map((p) => newest(join(root, p))));
  if (built && changed <= built) return;
  if (!quiet) process.stdout.write('Building Summit Workbench…\n');
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: quiet ? 'pipe' : ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(String(result.stderr ?? ''));
    throw new Error('The build failed (see the messages above). Run `npm install` and try again.');
  }
  writeFileSync(stamp, new Date().toISOString());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureBuild();
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
