import { WireError } from '../errors.js';

// Encoded terminal mode opcodes (RFC 4254 §8, RFC 4250 §4.5.2; IUTF8 from RFC 8160).
/** Ends the list of terminal modes. */
export const PTY_OP_END = 0;
/** Interrupt character. */
export const PTY_VINTR = 1;
/** Quit character. */
export const PTY_VQUIT = 2;
/** Erase the character to the left of the cursor. */
export const PTY_VERASE = 3;
/** Kill the current input line. */
export const PTY_VKILL = 4;
/** End-of-file character. */
export const PTY_VEOF = 5;
/** End-of-line character. */
export const PTY_VEOL = 6;
/** Additional end-of-line character. */
export const PTY_VEOL2 = 7;
/** Continue paused output. */
export const PTY_VSTART = 8;
/** Pause output. */
export const PTY_VSTOP = 9;
/** Suspend the current program. */
export const PTY_VSUSP = 10;
/** Another suspend character. */
export const PTY_VDSUSP = 11;
/** Reprint the current input line. */
export const PTY_VREPRINT = 12;
/** Erase a word left of the cursor (RFC name VWERASE; AsyncSSH spells it PTY_WERASE). */
export const PTY_WERASE = 13;
/** The RFC 4254 spelling of PTY_WERASE. */
export const PTY_VWERASE = PTY_WERASE;
/** Enter the next character literally. */
export const PTY_VLNEXT = 14;
/** Character to flush output. */
export const PTY_VFLUSH = 15;
/** Switch to a different shell layer. */
export const PTY_VSWTCH = 16;
/** Print system status line. */
export const PTY_VSTATUS = 17;
/** Toggle the flushing of terminal output. */
export const PTY_VDISCARD = 18;
/** Ignore parity errors. */
export const PTY_IGNPAR = 30;
/** Mark parity and framing errors. */
export const PTY_PARMRK = 31;
/** Enable checking of parity errors. */
export const PTY_INPCK = 32;
/** Strip the 8th bit of characters. */
export const PTY_ISTRIP = 33;
/** Map NL into CR on input. */
export const PTY_INLCR = 34;
/** Ignore CR on input. */
export const PTY_IGNCR = 35;
/** Map CR to NL on input. */
export const PTY_ICRNL = 36;
/** Translate uppercase characters to lowercase. */
export const PTY_IUCLC = 37;
/** Enable output flow control. */
export const PTY_IXON = 38;
/** Any character restarts after a stop. */
export const PTY_IXANY = 39;
/** Enable input flow control. */
export const PTY_IXOFF = 40;
/** Ring the bell on input queue full. */
export const PTY_IMAXBEL = 41;
/** The terminal input and output are UTF-8 (RFC 8160). */
export const PTY_IUTF8 = 42;
/** Enable signals INTR, QUIT, [D]SUSP. */
export const PTY_ISIG = 50;
/** Canonicalize input lines. */
export const PTY_ICANON = 51;
/** Enable input and output of uppercase characters by preceding them with a backslash. */
export const PTY_XCASE = 52;
/** Enable echoing. */
export const PTY_ECHO = 53;
/** Visually erase chars. */
export const PTY_ECHOE = 54;
/** Kill character discards the current line. */
export const PTY_ECHOK = 55;
/** Echo NL even if ECHO is off. */
export const PTY_ECHONL = 56;
/** Don't flush after interrupt. */
export const PTY_NOFLSH = 57;
/** Stop background jobs from output. */
export const PTY_TOSTOP = 58;
/** Enable extensions. */
export const PTY_IEXTEN = 59;
/** Echo control characters as ^(Char). */
export const PTY_ECHOCTL = 60;
/** Visual erase for line kill. */
export const PTY_ECHOKE = 61;
/** Retype pending input. */
export const PTY_PENDIN = 62;
/** Enable output processing. */
export const PTY_OPOST = 70;
/** Convert lowercase to uppercase on output. */
export const PTY_OLCUC = 71;
/** Map NL to CR-NL on output. */
export const PTY_ONLCR = 72;
/** Translate carriage return to newline on output. */
export const PTY_OCRNL = 73;
/** Translate newline to carriage return-newline on output. */
export const PTY_ONOCR = 74;
/** Newline performs a carriage return on output. */
export const PTY_ONLRET = 75;
/** 7 bit mode. */
export const PTY_CS7 = 90;
/** 8 bit mode. */
export const PTY_CS8 = 91;
/** Parity enable. */
export const PTY_PARENB = 92;
/** Odd parity, else even. */
export const PTY_PARODD = 93;
/** Input baud rate in bits per second. */
export const PTY_OP_ISPEED = 128;
/** Output baud rate in bits per second. */
export const PTY_OP_OSPEED = 129;
/** First opcode with no defined argument (160-255 are undefined, RFC 4254 §8). */
export const PTY_OP_RESERVED = 160;

/** Terminal modes as {opcode: value}: a plain object or a Map, values uint32. */
export type TermModes = Readonly<Record<number, number>> | ReadonlyMap<number, number>;

/** How `decodeTermModes` treats an opcode of 160-255, whose argument length is undefined. */
export interface DecodeTermModesOptions {
  /** 'reject' (default) throws WireError; 'stop' ends parsing there, as RFC 4254 §8 allows. */
  readonly reserved?: 'reject' | 'stop';
}

const FIELD = 'terminal modes';

function entriesOf(modes: TermModes): Iterable<readonly [number | string, number]> {
  return modes instanceof Map ? modes.entries() : Object.entries(modes);
}

/**
 * Pack terminal modes into the RFC 4254 §8 string sent in a pty-req: each
 * opcode (1-159) followed by its uint32 value, then PTY_OP_END.
 * Throws WireError for an opcode outside 1-159 or a value that is not a uint32.
 */
export function encodeTermModes(modes: TermModes): Uint8Array {
  const list: Array<readonly [number, number]> = [];
  for (const [key, value] of entriesOf(modes)) {
    const op = Number(key);
    if (!Number.isInteger(op) || op <= PTY_OP_END || op >= PTY_OP_RESERVED) {
      throw new WireError(FIELD, -1, `opcode ${String(key)} is not in 1..159`);
    }
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new WireError(FIELD, -1, `value ${value} of opcode ${op} is not a uint32`);
    }
    list.push([op, value]);
  }
  const out = new Uint8Array(list.length * 5 + 1);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const [op, value] of list) {
    out[at] = op;
    view.setUint32(at + 1, value);
    at += 5;
  }
  out[at] = PTY_OP_END;
  return out;
}

/**
 * Unpack the terminal modes string of a pty-req into {opcode: value}.
 * Tolerates what real clients send: an empty string, a missing PTY_OP_END,
 * bytes after PTY_OP_END (ignored), opcodes this library does not name, and
 * repeated opcodes (the last wins). A truncated argument, or an opcode of
 * 160-255 (unless `reserved: 'stop'`), throws WireError.
 */
export function decodeTermModes(
  bytes: Uint8Array,
  options: DecodeTermModesOptions = {},
): Record<number, number> {
  const modes: Record<number, number> = {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at < bytes.length) {
    const op = bytes[at] as number;
    if (op === PTY_OP_END) break;
    if (op >= PTY_OP_RESERVED) {
      if (options.reserved === 'stop') break;
      throw new WireError(FIELD, at, `opcode ${op} has no defined argument length (160-255 are reserved)`);
    }
    if (at + 5 > bytes.length) {
      throw new WireError(
        FIELD,
        at,
        `opcode ${op} needs a 4-byte argument, only ${bytes.length - at - 1} left`,
      );
    }
    modes[op] = view.getUint32(at + 1);
    at += 5;
  }
  return modes;
}
