import { CHANNEL_OPEN_FAILURE_NAMES, DEFAULT_LANG, ValueError } from '@ssh/wire';

/** The peer (or a local session request) refused to open a channel; `code` is an OPEN_* value. */
export class ChannelOpenError extends Error {
  /** The OPEN_* reason code. */
  readonly code: number;
  /** A human-readable reason. */
  readonly reason: string;
  /** The language tag of the reason. */
  readonly lang: string;

  constructor(code: number, reason: string, lang: string = DEFAULT_LANG) {
    super(reason || CHANNEL_OPEN_FAILURE_NAMES[code] || `channel open failed (code ${code})`);
    this.name = 'ChannelOpenError';
    this.code = code;
    this.reason = reason;
    this.lang = lang;
  }
}

/** The peer refused to set up a remote listener. */
export class ChannelListenError extends Error {
  constructor(details: string) {
    super(details);
    this.name = 'ChannelListenError';
  }
}

/** Thrown from a server's stdin reader when the client sent a break. */
export class BreakReceived extends Error {
  /** Length of the break in milliseconds. */
  readonly msec: number;
  constructor(msec: number) {
    super(`Break for ${msec} msec`);
    this.name = 'BreakReceived';
    this.msec = msec;
  }
}

/** Thrown from a server's stdin reader when the client delivered a signal. */
export class SignalReceived extends Error {
  /** The signal name without the `SIG` prefix (e.g. `INT`). */
  readonly signal: string;
  constructor(signal: string) {
    super(`Signal: ${signal}`);
    this.name = 'SignalReceived';
    this.signal = signal;
  }
}

/** Thrown from a server's stdin reader when the client's terminal size changed. */
export class TerminalSizeChanged extends Error {
  readonly width: number;
  readonly height: number;
  readonly pixwidth: number;
  readonly pixheight: number;
  constructor(width: number, height: number, pixwidth: number, pixheight: number) {
    super(`Terminal size change: (${width}, ${height}, ${pixwidth}, ${pixheight})`);
    this.name = 'TerminalSizeChanged';
    this.width = width;
    this.height = height;
    this.pixwidth = pixwidth;
    this.pixheight = pixheight;
  }
  /** The new size as (width, height, pixwidth, pixheight). */
  get termSize(): [number, number, number, number] {
    return [this.width, this.height, this.pixwidth, this.pixheight];
  }
}

/**
 * A read ended at EOF (or at a signal) before it was satisfied; `partial`
 * holds what was read. The counterpart of asyncio's IncompleteReadError.
 */
export class IncompleteReadError<T = string | Uint8Array> extends Error {
  /** The data read before EOF. */
  readonly partial: T;
  /** How much was expected, or null when reading up to a separator. */
  readonly expected: number | null;
  constructor(partial: T, expected: number | null) {
    const got = typeof partial === 'string' || partial instanceof Uint8Array ? partial.length : 0;
    super(`${got} bytes read on a total of ${expected ?? 'undefined'} expected bytes`);
    this.name = 'IncompleteReadError';
    this.partial = partial;
    this.expected = expected;
  }
}

/** A separator was not found within the reader's buffer limit (asyncio's LimitOverrunError). */
export class LimitOverrunError extends Error {
  /** Bytes or characters buffered when the limit was hit. */
  readonly consumed: number;
  constructor(message: string, consumed: number) {
    super(message);
    this.name = 'LimitOverrunError';
    this.consumed = consumed;
  }
}

/** A write or request on a channel that is closing or closed. */
export class ChannelClosedError extends Error {
  constructor(message = 'channel is closed') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

/** Text that the channel's encoding cannot represent was written with `errors: 'strict'` (Python's UnicodeEncodeError). */
export class UnicodeEncodeError extends ValueError {
  /** The encoding that could not represent the text. */
  readonly encoding: string;
  /** Index in the string of the first character that could not be encoded. */
  readonly position: number;
  constructor(encoding: string, position: number, character: string) {
    const cp = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    super(`'${encoding}' cannot encode U+${cp} at position ${position}`);
    this.name = 'UnicodeEncodeError';
    this.encoding = encoding;
    this.position = position;
  }
}

/** Bytes that are not valid in the channel's encoding arrived with `errors: 'strict'` (Python's UnicodeDecodeError). */
export class UnicodeDecodeError extends ValueError {
  /** The encoding the bytes were not valid in. */
  readonly encoding: string;
  constructor(encoding: string) {
    super(`received data is not valid ${encoding}`);
    this.name = 'UnicodeDecodeError';
    this.encoding = encoding;
  }
}
