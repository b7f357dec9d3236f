const waiting: (() => void)[] = [];

/** Tells whoever waits (people watching a spinner, end-to-end tests) that the view shows its data. */
export function markReady(): void {
  document.documentElement.dataset.appState = 'ready';
  for (const run of waiting.splice(0)) run();
}

/** Runs `fn` once the first view shows its data (at once if one already has). */
export function afterFirstReady(fn: () => void): void {
  if (document.documentElement.dataset.appState === 'ready') fn();
  else waiting.push(fn);
}
