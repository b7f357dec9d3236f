// The Admiralty (NATO) grading system, in the words analysts use for it.

export const RELIABILITY_MEANINGS = {
  A: 'Completely reliable',
  B: 'Usually reliable',
  C: 'Fairly reliable',
  D: 'Not usually reliable',
  E: 'Unreliable',
  F: 'Reliability cannot be judged',
} as const;

export const CREDIBILITY_MEANINGS = {
  1: 'Confirmed by other sources',
  2: 'Probably true',
  3: 'Possibly true',
  4: 'Doubtful',
  5: 'Improbable',
  6: 'Truth cannot be judged',
} as const;

export const STATUS_MEANINGS = {
  confirmed: 'Confirmed by the party or by independent sources',
  reported: 'Reported by a source, not independently confirmed',
  claimed: 'Asserted by an interested party',
  denied: 'Denied by the party concerned',
  assessed: 'An analytic judgement or estimate',
  expected: 'Expected to happen',
} as const;

/**
 * What can be a fact's source (“on whose authority”): someone who can say, report or claim it.
 * A place or an event cannot; a country speaking is its government or officials, an organisation.
 */
export const SOURCE_KINDS = ['person', 'organisation'] as const;

export function canBeSource(kind: string): boolean {
  return (SOURCE_KINDS as readonly string[]).includes(kind);
}

/** “a place”, “an event”: an entity kind in a sentence. */
export function aKind(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
}
