// Where the built app finds its shipped resources and renderer, relative to its own file, so the
// same code works from out/main (development, the browser host) and inside a packaged app.
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder holding the app's package.json, found by walking up from this (bundled) file. */
function findAppRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Summit Workbench cannot find its own files; reinstall it.');
    dir = parent;
  }
  return dir;
}

export const APP_ROOT = findAppRoot();

export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged && existsSync(join(packaged, 'resources', 'codebook.json'))) return join(packaged, 'resources');
  return join(APP_ROOT, 'resources');
}

export const RENDERER_DIR = join(APP_ROOT, 'out', 'renderer');
export const PRELOAD_FILE = join(APP_ROOT, 'out', 'preload', 'preload.cjs');
