// The workbench as a running app sees it: a store that may or may not open. A damaged store, or
// one from a newer version, leaves the app in recovery, where it can explain the problem and
// restore a backup; it never shows a blank window and never overwrites the damaged file.
import { backupStore, listBackups, restoreBackup } from '../db/backup';
import { StoreError, UnavailableError } from '../db/errors';
import { isChannel, channels, type ChannelName } from './ipc/contract';
import type { Handlers, HostInfo, Recovery } from './ipc/handlers';
import { APP_VERSION, openWorkbench, type Workbench } from './boot';
import type { Log } from './log';
import { openLog } from './log';

const RECOVERY_CHANNELS: readonly ChannelName[] = ['app.status', 'backups.list', 'backups.restore'];

export class Session implements Recovery {
  readonly log: Log;
  private workbench: Workbench | null = null;
  private problem: string | null = null;
  /** The backup taken at the last (re)open, settled either way. */
  backedUp: Promise<void> = Promise.resolve();
  /** Stable for the life of the app: each call goes to the store that is open now. */
  readonly handlers: Handlers;

  constructor(
    readonly dataDir: string,
    private readonly transport: HostInfo['transport'],
    private readonly nativeBinding?: string,
  ) {
    this.log = openLog(dataDir);
    this.open();
    const delegate = (channel: ChannelName) => (input: unknown) => {
      const current = this.current();
      return (current[channel] as (input: unknown) => unknown)(input);
    };
    this.handlers = Object.fromEntries(Object.keys(channels).filter(isChannel).map((c) => [c, delegate(c)])) as unknown as Handlers;
  }

  get store() {
    return this.workbench?.store ?? null;
  }

  private current(): Handlers {
    if (this.workbench) return this.workbench.handlers;
    const problem = this.problem ?? 'The store is not open.';
    const refuse = () => {
      throw new UnavailableError(`${problem} Restore a backup to go on.`);
    };
    const recovery: Partial<Record<ChannelName, (input: never) => unknown>> = {
      'app.status': () => this.status(),
      'backups.list': () => this.listBackups(),
      'backups.restore': ({ name }: { name: string }) => this.restore(name),
    };
    return Object.fromEntries(Object.keys(channels).map((c) => [c, RECOVERY_CHANNELS.includes(c as ChannelName) ? recovery[c as ChannelName] : refuse])) as unknown as Handlers;
  }

  private open(): void {
    try {
      this.workbench = openWorkbench({ dataDir: this.dataDir, transport: this.transport, ...(this.nativeBinding ? { nativeBinding: this.nativeBinding } : {}) }, this);
      this.problem = null;
      // A fresh backup at every start, taken online while the app works.
      this.backedUp = backupStore(this.workbench.store.db, this.dataDir).then(
        (b) => this.log.info(`Backed up the store to backups/${b.name}`),
        (error: unknown) => this.log.error('Could not back up the store', error),
      );
    } catch (error) {
      this.workbench = null;
      this.problem = error instanceof StoreError ? error.message : `The store could not be opened: ${(error as Error).message}.`;
      this.log.error('Starting in recovery', error);
    }
  }

  status() {
    return this.workbench ? ({ state: 'ready' } as const) : ({ state: 'recovery', problem: this.problem ?? '', dataDir: this.dataDir, backups: this.listBackups() } as const);
  }

  listBackups() {
    return listBackups(this.dataDir);
  }

  /** Closes the store, puts the backup in its place (keeping the old file aside) and reopens. */
  restore(name: string) {
    const damaged = this.workbench === null;
    this.workbench?.store.close();
    this.workbench = null;
    try {
      const { keptAside } = restoreBackup(this.dataDir, name, damaged ? 'damaged' : 'restored', this.nativeBinding);
      this.log.info(`Restored backups/${name}${keptAside ? `; the previous store was kept as ${keptAside}` : ''}`);
      this.open();
      if (!this.workbench) throw new UnavailableError(`The backup was put in place but could not be opened: ${this.problem}`);
      return { restored: name, keptAside };
    } catch (error) {
      if (!this.workbench) this.open();
      throw error;
    }
  }

  close(): void {
    this.workbench?.store.close();
  }

  get version(): string {
    return APP_VERSION;
  }
}
