#!/usr/bin/env node
// `npm run workbench -- <command> …`: build if needed, then the headless command line.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
try {
  ensureBuild({ quiet: true });
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [join(root, 'out', 'main', 'cli.js'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: process.env.INIT_CWD ?? process.cwd() });
process.exit(result.status ?? 1);
