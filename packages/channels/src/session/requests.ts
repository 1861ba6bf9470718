import { decodeTermModes, encodeTermModes, type PacketReader, PacketWriter, type TermModes } from '@ssh/wire';

/** Session channel request payloads (RFC 4254 §6, RFC 4335), after the request type and want-reply. */

/** Terminal size: (columns, rows, pixel width, pixel height). */
export type TermSize = readonly [number, number] | readonly [number, number, number, number];

/** A decoded pty-req. */
export interface PtyRequest {
  termType: string;
  termSize: [number, number, number, number];
  termModes: Record<number, number>;
}

/** The (signal, coreDumped, msg, lang) of an exit-signal. */
export type ExitSignal = [signal: string, coreDumped: boolean, msg: string, lang: string];

/** X11 forwarding request fields (x11-req, RFC 4254 §6.3.1). */
export interface X11Request {
  singleConnection: boolean;
  authProtocol: string;
  authCookie: string;
  screen: number;
}

/** Signal numbers of the RFC 4254 §6.10 names, as POSIX systems number them (for returncode). */
export const SIGNAL_NUMBERS: Readonly<Record<string, number>> = {
  HUP: 1,
  INT: 2,
  QUIT: 3,
  ILL: 4,
  ABRT: 6,
  FPE: 8,
  KILL: 9,
  USR1: 10,
  SEGV: 11,
  USR2: 12,
  PIPE: 13,
  ALRM: 14,
  TERM: 15,
};

/** The RFC 4254 name of a signal given by name (with or without SIG) or number. */
export function signalName(signal: string | number): string {
  if (typeof signal === 'number') {
    for (const [name, n] of Object.entries(SIGNAL_NUMBERS)) if (n === signal) return name;
    throw new RangeError(`unknown signal number ${signal}`);
  }
  return signal.startsWith('SIG') ? signal.slice(3) : signal;
}

function sizeOf(size: TermSize): [number, number, number, number] {
  return [size[0], size[1], size[2] ?? 0, size[3] ?? 0];
}

export function encodePtyReq(termType: string, size: TermSize, modes: TermModes): Uint8Array {
  const [c, r, w, h] = sizeOf(size);
  return new PacketWriter()
    .writeString(termType)
    .writeUint32(c)
    .writeUint32(r)
    .writeUint32(w)
    .writeUint32(h)
    .writeString(encodeTermModes(modes))
    .toBytes();
}

export function decodePtyReq(r: PacketReader): PtyRequest {
  const termType = r.readUtf8('TERM');
  const termSize: [number, number, number, number] = [
    r.readUint32('width'),
    r.readUint32('height'),
    r.readUint32('pixel width'),
    r.readUint32('pixel height'),
  ];
  const termModes = decodeTermModes(r.readString('terminal modes'), { reserved: 'stop' });
  return { termType, termSize, termModes };
}

export function encodeWindowChange(size: TermSize): Uint8Array {
  const [c, r, w, h] = sizeOf(size);
  return new PacketWriter(16).writeUint32(c).writeUint32(r).writeUint32(w).writeUint32(h).toBytes();
}

export function decodeWindowChange(r: PacketReader): [number, number, number, number] {
  return [
    r.readUint32('width'),
    r.readUint32('height'),
    r.readUint32('pixel width'),
    r.readUint32('pixel height'),
  ];
}

/** One string argument: exec command, subsystem name, signal name. */
export function encodeStringArg(value: string | Uint8Array): Uint8Array {
  return new PacketWriter().writeString(value).toBytes();
}

export function encodeEnv(name: string | Uint8Array, value: string | Uint8Array): Uint8Array {
  return new PacketWriter().writeString(name).writeString(value).toBytes();
}

export function encodeUint32Arg(v: number): Uint8Array {
  return new PacketWriter(4).writeUint32(v).toBytes();
}

export function encodeBooleanArg(v: boolean): Uint8Array {
  return new PacketWriter(1).writeBoolean(v).toBytes();
}

export function encodeExitSignal(signal: string, coreDumped: boolean, msg: string, lang: string): Uint8Array {
  return new PacketWriter()
    .writeString(signal)
    .writeBoolean(coreDumped)
    .writeString(msg)
    .writeString(lang)
    .toBytes();
}

export function decodeExitSignal(r: PacketReader): ExitSignal {
  const signal = r.readUtf8('signal name');
  const core = r.readBoolean('core dumped');
  const msg = r.atEnd ? '' : r.readUtf8('error message');
  const lang = r.atEnd ? '' : r.readUtf8('language tag');
  return [signal, core, msg, lang];
}

export function encodeX11Req(x: X11Request): Uint8Array {
  return new PacketWriter()
    .writeBoolean(x.singleConnection)
    .writeString(x.authProtocol)
    .writeString(x.authCookie)
    .writeUint32(x.screen)
    .toBytes();
}

export function decodeX11Req(r: PacketReader): X11Request {
  return {
    singleConnection: r.readBoolean('single connection'),
    authProtocol: r.readUtf8('x11 authentication protocol'),
    authCookie: r.readUtf8('x11 authentication cookie'),
    screen: r.readUint32('x11 screen number'),
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode a UTF-8 string if valid, else null. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}
