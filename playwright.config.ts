import { defineConfig } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The same specs run against the real Electron app wherever its binary is installed. Say once,
// plainly, why that project is skipped when it is not.
function electronMissing(): string | null {
  try {
    const binary = createRequire(import.meta.url)('electron') as string;
    return existsSync(binary) ? null : `Electron's binary ${binary} is missing`;
  } catch (error) {
    return (error as Error).message;
  }
}
const missing = electronMissing();
if (missing && !process.env.PLAYWRIGHT_QUIET_ELECTRON) {
  process.env.PLAYWRIGHT_QUIET_ELECTRON = '1'; // workers re-read this file; print once
  console.log(`[e2e] The "electron" project will be skipped: ${missing}. The "browser" project runs the same specs against the browser host.`);
}

export default defineConfig<{ target: 'browser' | 'electron' }>({
  testDir: 'e2e',
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1440, height: 900 },
    launchOptions: { executablePath: chromium, args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser', use: { target: 'browser' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
});
