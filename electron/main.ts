// Electron entry: the window, the menu and the app's lifecycle. The only place that wires Electron
// to the rest; everything it calls also runs without Electron (see boot.ts and host.ts).
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from './args';
import { defaultDataDir } from './dataDir';
import { Session as WorkbenchSession } from './session';
import { dispatch } from './ipc/dispatch';
import { ELECTRON_EXPORT, ELECTRON_IMPORT_W3C, ELECTRON_INVOKE, ELECTRON_MENU, ELECTRON_PROGRESS } from './ipc/bridge';
import { exportFileName, exportToFile, parseExportRequest } from './exports';
import { importW3cWithProgress, parseImportRequest } from './imports';
import { APP_ROOT, PRELOAD_FILE, RENDERER_DIR } from './paths';
import { requestLogging } from './log';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://workbench`;

// Served from a privileged custom scheme rather than file://, so the renderer has a real origin
// that the sender check and the CSP can name.
// codeCache: V8 keeps the compiled renderer code between launches, as it does for web pages.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

// One data folder for the desktop app, the browser host and the command line.
app.setPath('userData', defaultDataDir());

let workbench: WorkbenchSession | undefined;
let mainWindow: BrowserWindow | undefined;

/** better-sqlite3 built for Electron's ABI, kept beside the Node build (see scripts/start.mjs). */
function electronNativeBinding(): string | undefined {
  const file = join(APP_ROOT, '.electron-native', `better_sqlite3-${process.versions.modules}.node`);
  return existsSync(file) ? file : undefined;
}

function isOwnFrame(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).origin === ORIGIN;
  } catch {
    return false;
  }
}

/** Tells the page that made call `callId` how far its export or import has got. */
function sendProgress(page: WebContents, callId: unknown, progress: object): void {
  if (!page.isDestroyed()) page.send(ELECTRON_PROGRESS, callId, progress);
}

function sendMenu(command: string): void {
  mainWindow?.webContents.send(ELECTRON_MENU, command);
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Import Article…', accelerator: 'CmdOrCtrl+O', click: () => sendMenu('import-document') },
        { label: 'Export Notes…', accelerator: 'CmdOrCtrl+E', click: () => sendMenu('export-notes') },
        { type: 'separator' },
        { label: 'Restore from Backup…', click: () => sendMenu('restore-backup') },
        { label: 'Show Data Folder', click: () => workbench && void shell.openPath(workbench.dataDir) },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      // Undo and redo go to the page, which sends them to a text field being typed in or else to
      // the workbench's own history of annotations, codes, facts and notes.
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => sendMenu('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: () => sendMenu('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Article', accelerator: 'CmdOrCtrl+1', click: () => sendMenu('view:article') },
        { label: 'Facts', accelerator: 'CmdOrCtrl+2', click: () => sendMenu('view:facts') },
        { label: 'Entities', accelerator: 'CmdOrCtrl+3', click: () => sendMenu('view:entities') },
        { label: 'Notes', accelerator: 'CmdOrCtrl+4', click: () => sendMenu('view:notes') },
        { label: 'Annotations', accelerator: 'CmdOrCtrl+5', click: () => sendMenu('view:annotations') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    title: 'Summit Workbench',
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#f7f7f5',
    webPreferences: {
      preload: PRELOAD_FILE,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.on('will-redirect', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    // Links in notes open in the person's own browser, never inside the app.
    if (/^https?:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  void mainWindow.loadURL(`${ORIGIN}/index.html`);
}

function showStartupError(error: unknown): void {
  dialog.showErrorBox('Summit Workbench cannot open its data', (error as Error).message ?? String(error));
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.whenReady().then(() => {
  const args = parseArgs(process.argv.slice(app.isPackaged ? 1 : 2));
  const dataDir = args.dataDir ?? app.getPath('userData');
  // A damaged store opens the window on the recovery screen rather than failing.
  const wb = new WorkbenchSession(dataDir, 'electron', electronNativeBinding());
  workbench = wb;

  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // Written out (not imported) so that scanners can read it; the browser host sends the same policy with 'self'.
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src app://workbench; style-src app://workbench; img-src app://workbench data:; font-src app://workbench data:; connect-src app://workbench; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
  protocol.handle(SCHEME, (request) => {
    const { pathname } = new URL(request.url);
    const file = join(RENDERER_DIR, decodeURIComponent(pathname));
    if (!file.startsWith(RENDERER_DIR + sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });

  const reporting = requestLogging(wb.log);

  ipcMain.handle(ELECTRON_INVOKE, (event, channel: unknown, input: unknown) => {
    // Only our own page, in our own window, may talk to the store.
    if (!isOwnFrame(event.senderFrame?.url)) {
      wb.log.error(`Refused a call to ${String(channel)} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
      return { ok: false, error: { code: 'forbidden', message: 'This page may not use the workbench store.' } };
    }
    return dispatch(wb.handlers, channel, input, reporting);
  });

  ipcMain.handle(ELECTRON_EXPORT, async (event, callId: unknown, raw: unknown) => {
    if (!isOwnFrame(event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: 'This page may not export from the workbench store.' } };
    const parsed = parseExportRequest(raw);
    if (!parsed.ok) return parsed.error;
    const choice = await dialog.showSaveDialog(mainWindow!, {
      title: `Export ${parsed.request.kind} to CSV`,
      defaultPath: join(app.getPath('documents'), exportFileName(parsed.request.kind)),
      filters: [{ name: 'CSV (comma-separated values)', extensions: ['csv'] }],
    });
    if (choice.canceled || !choice.filePath) return { ok: true, value: { rows: 0, file: null } };
    if (!wb.store) return { ok: false, error: { code: 'unavailable', message: 'The store is not open; restore a backup first.' } };
    const result = await exportToFile(wb.store, parsed.request, choice.filePath, (progress) => sendProgress(event.sender, callId, progress));
    if (!result.ok) wb.log.error(`Export of ${parsed.request.kind} to ${choice.filePath} failed: ${result.error.message}`);
    return result;
  });

  ipcMain.handle(ELECTRON_IMPORT_W3C, async (event, callId: unknown, raw: unknown) => {
    if (!isOwnFrame(event.senderFrame?.url)) return { ok: false, error: { code: 'forbidden', message: 'This page may not import into the workbench store.' } };
    const parsed = parseImportRequest(raw);
    if (!parsed.ok) return parsed.error;
    return importW3cWithProgress(wb.store, parsed.request, (progress) => sendProgress(event.sender, callId, progress), reporting);
  });

  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}, showStartupError);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => workbench?.close());
