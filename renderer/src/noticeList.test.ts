import { describe, expect, it } from 'vitest';
import { NO_NOTICES, VISIBLE_ERRORS, addNotice, dismissErrors, dismissNotice, resolveNotices, shownErrors, type NoticeState } from './noticeList';

let next = 1;
const info = (message: string) => ({ id: next++, kind: 'info' as const, message });
const error = (message: string) => ({ id: next++, kind: 'error' as const, message });
const messages = (s: NoticeState) => ({ info: s.info && [s.info.message, s.info.repeats], errors: s.errors.map((e) => [e.message, e.repeats]) });

describe('the message area', () => {
  it('shows one confirmation at a time: repeated undos update one notice', () => {
    let s = NO_NOTICES;
    for (const label of ['Code “Kim Jong Un”', 'Delete fact “Putin met”', 'Add code “Logistics”']) s = addNotice(s, info(`Undid: ${label}`));
    expect(messages(s)).toEqual({ info: ['Undid: Add code “Logistics”', 1], errors: [] });
    s = addNotice(s, info('Nothing to undo.'));
    s = addNotice(s, info('Nothing to undo.'));
    expect(messages(s).info).toEqual(['Nothing to undo.', 2]);
  });

  it('drops a confirmation’s stale action when a newer one takes its place', () => {
    let s = addNotice(NO_NOTICES, { ...info('Fact deleted.'), action: { label: 'Undo', run: () => undefined } });
    s = addNotice(s, info('Undid: Delete fact “Putin met”'));
    expect(s.info?.action).toBeUndefined();
  });

  it('keeps errors beside the confirmation until each is dismissed, counting repeats of the same one', () => {
    let s = addNotice(NO_NOTICES, error('The store is busy.'));
    s = addNotice(s, info('Fact added.'));
    s = addNotice(s, error('A fact needs a relation.'));
    s = addNotice(s, error('The store is busy.'));
    expect(messages(s)).toEqual({
      info: ['Fact added.', 1],
      errors: [
        ['A fact needs a relation.', 1],
        ['The store is busy.', 2],
      ],
    });
    s = dismissNotice(s, s.errors[0]!.id);
    expect(messages(s).errors).toEqual([['The store is busy.', 2]]);
    s = dismissNotice(s, s.info!.id);
    expect(messages(s)).toEqual({ info: null, errors: [['The store is busy.', 2]] });
  });

  it('shows the newest few errors, says how many wait, and brings them back as others are dismissed', () => {
    let s = NO_NOTICES;
    for (let i = 1; i <= VISIBLE_ERRORS + 2; i++) s = addNotice(s, error(`Problem ${i}`));
    expect(shownErrors(s).shown.map((e) => e.message)).toEqual(['Problem 3', 'Problem 4', 'Problem 5']);
    expect(shownErrors(s).waiting).toBe(2);
    s = dismissNotice(s, shownErrors(s).shown[2]!.id);
    expect(shownErrors(s).shown.map((e) => e.message)).toEqual(['Problem 2', 'Problem 3', 'Problem 4']);
    expect(shownErrors(dismissErrors(s))).toEqual({ shown: [], waiting: 0 });
  });

  it('keeps one error per fact cell, and takes it away once that cell is saved', () => {
    let s = addNotice(NO_NOTICES, error('The store is busy.'));
    s = addNotice(s, { ...error('“2023-02-30” is not a date.'), about: 'fact 3 time' });
    s = addNotice(s, { ...error('“yesterday” is not a date.'), about: 'fact 3 time' });
    s = addNotice(s, { ...error('A fact needs a relation.'), about: 'fact 4 relation' });
    expect(messages(s).errors).toEqual([
      ['The store is busy.', 1],
      ['“yesterday” is not a date.', 1],
      ['A fact needs a relation.', 1],
    ]);
    s = resolveNotices(s, 'fact 3 time');
    expect(messages(s).errors).toEqual([
      ['The store is busy.', 1],
      ['A fact needs a relation.', 1],
    ]);
    expect(resolveNotices(s, 'fact 9 time')).toBe(s);
  });
});
