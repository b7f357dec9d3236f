// One fixture for both ways the workbench runs: the browser host in Chromium (here, and in CI) and
// the real Electron app (wherever its binary exists). Each test gets a fresh data folder and waits
// for the app's own ready signal, never a sleep.
import { test as base, expect, _electron, type ElectronApplication, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Workbench {
  page: Page;
  dataDir: string;
  /** Calls a channel exactly as the renderer's transport would, with any payload at all. */
  invokeRaw(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } }>;
  /** Reloads the app (the page, or the Electron window) and waits until it is ready. */
  reload(): Promise<void>;
  /** Opens the app again in a new page (browser only), after the old one was closed. */
  reopen(): Promise<void>;
  /**
   * Quits the app, lets `meanwhile` do something to the data folder (damage the store, say), and
   * starts it again on the same folder. Waits for the page, not for "ready": it may open on recovery.
   */
  restart(meanwhile: (dataDir: string) => void): Promise<void>;
}

export type Target = 'browser' | 'electron';

async function startHost(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'out', 'main', 'serve.js'), '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines = createInterface({ input: child.stdout! });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}): ${stderr}`)));
  });
  return { child, url };
}

export async function waitReady(page: Page): Promise<void> {
  // A cold start on a busy 2-core machine can take a while; the app says when it is ready.
  await expect(page.locator('html[data-app-state="ready"]')).toHaveCount(1, { timeout: 30_000 });
}

export const test = base.extend<{ target: Target; workbench: Workbench }>({
  target: ['browser', { option: true }],
  workbench: async ({ target, browser }, use, testInfo) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'summit-e2e-'));
    const invokeRaw = (current: () => Page) => (channel: string, input: unknown) =>
      current().evaluate(
        async ([c, i]) => {
          if (window.workbench) return window.workbench.invoke(c, i);
          const token = sessionStorage.getItem('summit-workbench-token') ?? '';
          const response = await fetch(`/api/invoke/${c}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(i) });
          return response.json();
        },
        [channel, input] as const,
      );
    try {
      if (target === 'electron') {
        let app: ElectronApplication;
        try {
          app = await _electron.launch({ args: [ROOT, '--data-dir', dataDir], cwd: ROOT });
        } catch (error) {
          testInfo.skip(true, `The Electron binary is not available on this machine (${(error as Error).message.split('\n')[0]}); these specs ran against the browser host instead.`);
          return;
        }
        const wb: Workbench = {
          page: await app.firstWindow(),
          dataDir,
          invokeRaw: invokeRaw(() => wb.page),
          reopen: () => Promise.reject(new Error('reopen() is for the browser host')),
          reload: async () => {
            await wb.page.evaluate(() => delete document.documentElement.dataset.appState);
            await wb.page.reload();
            await waitReady(wb.page);
          },
          restart: async (meanwhile) => {
            await app.close();
            meanwhile(dataDir);
            app = await _electron.launch({ args: [ROOT, '--data-dir', dataDir], cwd: ROOT });
            wb.page = await app.firstWindow();
            await wb.page.waitForLoadState();
          },
        };
        await waitReady(wb.page);
        await use(wb);
        await app.close();
      } else {
        let { child, url } = await startHost(dataDir);
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
        const first = await context.newPage();
        await first.goto(url);
        await waitReady(first);
        const wb: Workbench = {
          page: first,
          dataDir,
          invokeRaw: invokeRaw(() => wb.page),
          reload: async () => {
            await wb.page.reload();
            await waitReady(wb.page);
          },
          reopen: async () => {
            wb.page = await context.newPage();
            await wb.page.goto(url);
            await waitReady(wb.page);
          },
          restart: async (meanwhile) => {
            const exited = new Promise((resolve) => child.once('exit', resolve));
            child.kill('SIGTERM');
            await exited;
            meanwhile(dataDir);
            ({ child, url } = await startHost(dataDir));
            await wb.page.goto(url);
            await wb.page.waitForLoadState();
          },
        };
        await use(wb);
        await context.close();
        child.kill('SIGTERM');
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

export { expect };

declare global {
  interface Window {
    workbench?: { invoke(channel: string, input: unknown): Promise<never> };
  }
}
