// What the message area holds. One confirmation at a time: a new one takes the place of the last
// (pressing Ctrl+Z five times shows one notice that follows along, not five), and it fades. Errors
// stay until dismissed; the same error again counts up instead of stacking, and only the newest
// few are shown at once, with a line saying how many wait behind them.

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
  action?: { label: string; run: () => void } | undefined;
  /** How many times this message came in a row (shown as ×N from the second). */
  repeats: number;
  /**
   * For an error about one thing (a fact's cell): a newer error about it takes this one's place,
   * and it goes once that thing is saved after all.
   */
  about?: string | undefined;
}

export interface NoticeState {
  info: Notice | null;
  /** Oldest first. */
  errors: Notice[];
}

export const NO_NOTICES: NoticeState = { info: null, errors: [] };

/** How many errors are shown at once; older ones wait until newer ones are dismissed. */
export const VISIBLE_ERRORS = 3;

export function addNotice(state: NoticeState, notice: Omit<Notice, 'repeats'>): NoticeState {
  if (notice.kind === 'info') {
    const repeats = state.info?.message === notice.message ? state.info.repeats + 1 : 1;
    return { ...state, info: { ...notice, repeats } };
  }
  const same = state.errors.find((e) => e.message === notice.message);
  const kept = state.errors.filter((e) => e !== same && (notice.about === undefined || e.about !== notice.about));
  return { ...state, errors: [...kept, { ...notice, repeats: (same?.repeats ?? 0) + 1 }] };
}

/** Takes away the errors about `about`: what they spoke of has now been saved. */
export function resolveNotices(state: NoticeState, about: string): NoticeState {
  return state.errors.some((e) => e.about === about) ? { ...state, errors: state.errors.filter((e) => e.about !== about) } : state;
}

export function dismissNotice(state: NoticeState, id: number): NoticeState {
  return { info: state.info?.id === id ? null : state.info, errors: state.errors.filter((e) => e.id !== id) };
}

export function dismissErrors(state: NoticeState): NoticeState {
  return { ...state, errors: [] };
}

/** The errors on screen (newest few, oldest first) and how many wait behind them. */
export function shownErrors(state: NoticeState): { shown: Notice[]; waiting: number } {
  const shown = state.errors.slice(-VISIBLE_ERRORS);
  return { shown, waiting: state.errors.length - shown.length };
}
