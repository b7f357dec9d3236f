// Errors the store raises for people: each message says what happened and what to do.

export class StoreError extends Error {
  constructor(
    readonly code: 'too_new' | 'corrupt' | 'unreadable',
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A request the store refuses (bad reference, out-of-range passage...): nothing was written. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The store is not open (it is damaged or from a newer version): only recovery can proceed. */
export class UnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnavailableError';
  }
}
