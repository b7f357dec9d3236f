// Command-line options shared by the desktop app, the browser host and the headless command line.
import { resolve } from 'node:path';

export interface CommonOptions {
  dataDir: string | undefined;
  port: number | undefined;
  rest: string[];
  flags: Map<string, string | true>;
}

/** Parses --name value / --name=value / --flag; positional words go to rest. */
export function parseArgs(argv: readonly string[]): CommonOptions {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else if (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) flags.set(a.slice(2), argv[++i]!);
      else flags.set(a.slice(2), true);
    } else rest.push(a);
  }
  const dir = flags.get('data-dir');
  const envDir = process.env.WORKBENCH_DATA_DIR;
  const port = flags.get('port');
  let portNumber: number | undefined;
  if (typeof port === 'string') {
    portNumber = Number(port);
    if (!Number.isInteger(portNumber) || portNumber < 0 || portNumber > 65535) throw new Error(`--port must be a number from 0 to 65535, not “${port}”.`);
  }
  return {
    dataDir: typeof dir === 'string' ? resolve(dir) : envDir ? resolve(envDir) : undefined,
    port: portNumber,
    rest,
    flags,
  };
}
