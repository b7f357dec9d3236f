/** Tells whoever waits (people watching a spinner, end-to-end tests) that the view shows its data. */
export function markReady(): void {
  document.documentElement.dataset.appState = 'ready';
}
