import { ConnectionLost, ProtocolError, ProtocolNotSupported } from '@ssh/wire';

/** Longest identification line, CR LF included (RFC 4253 §4.2). */
export const MAX_IDENTIFICATION_LENGTH = 255;
/** Most bytes of banner lines a server may send before its identification. */
export const MAX_BANNER_BYTES = 64 * 1024;
/** Most banner lines a server may send before its identification. */
export const MAX_BANNER_LINES = 1024;

/** A parsed identification string (RFC 4253 §4.2). */
export interface Identification {
  /** The whole line without CR LF, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3`. */
  readonly line: string;
  /** `2.0`, or `1.99` from a peer that also speaks SSH-1. */
  readonly protoVersion: string;
  /** e.g. `OpenSSH_9.2p1`. */
  readonly softwareVersion: string;
  /** Text after the first space, or '' when there is none. */
  readonly comments: string;
}

/** Our identification line with CR LF, e.g. `SSH-2.0-ssh_0.1 comment\r\n`. */
export function formatIdentification(softwareVersion: string, comments = ''): string {
  if (!/^[\x21-\x2c\x2e-\x7e]+$/.test(softwareVersion)) {
    throw new TypeError('software version must be printable US-ASCII without spaces or "-"');
  }
  const line = `SSH-2.0-${softwareVersion}${comments ? ` ${comments}` : ''}\r\n`;
  if (line.length > MAX_IDENTIFICATION_LENGTH || /[\r\n]/.test(comments)) {
    throw new TypeError(`identification line must be one line of at most ${MAX_IDENTIFICATION_LENGTH} bytes`);
  }
  return line;
}

/** Parse one identification line (without its line ending). */
export function parseIdentification(line: string): Identification {
  if (!line.startsWith('SSH-'))
    throw new ProtocolError(`not an SSH identification line: ${JSON.stringify(line.slice(0, 40))}`);
  const dash = line.indexOf('-', 4);
  if (dash < 0)
    throw new ProtocolError(`identification line has no software version: ${JSON.stringify(line)}`);
  const protoVersion = line.slice(4, dash);
  if (protoVersion !== '2.0' && protoVersion !== '1.99') {
    throw new ProtocolNotSupported(`unsupported SSH protocol version ${JSON.stringify(protoVersion)}`);
  }
  const rest = line.slice(dash + 1);
  const space = rest.indexOf(' ');
  const softwareVersion = space < 0 ? rest : rest.slice(0, space);
  if (softwareVersion.length === 0)
    throw new ProtocolError('identification line has an empty software version');
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x20 || c > 0x7e)
      throw new ProtocolError(
        `identification line contains a control or non-ASCII byte (0x${c.toString(16)})`,
      );
  }
  return { line, protoVersion, softwareVersion, comments: space < 0 ? '' : rest.slice(space + 1) };
}

/** What the version reader found once the peer's identification has arrived. */
export interface VersionResult {
  readonly identification: Identification;
  /** Lines a server sent before its identification (RFC 4253 §4.2). */
  readonly banner: readonly string[];
  /** Bytes after the identification line: the start of the binary packet stream. */
  readonly rest: Uint8Array;
}

/**
 * Reads the peer's identification from the first bytes of a connection. A
 * client (reading a server) accepts banner lines before it; a server accepts
 * none. Lines may end in CR LF or a bare LF, as OpenSSH allows.
 */
export class VersionReader {
  private pending = new Uint8Array(0);
  private readonly banner: string[] = [];
  private bannerBytes = 0;

  /** @param peerIsServer true on the client side, where banner lines may precede the version. */
  constructor(private readonly peerIsServer: boolean) {}

  /** What arrived before the connection ended without an identification: a clear error. */
  endedEarly(): Error {
    const seen = [
      ...this.banner,
      ...(this.pending.length ? [latin1(this.pending, 0, Math.min(this.pending.length, 60))] : []),
    ];
    if (seen.length === 0) return new ConnectionLost('connection closed before the SSH identification');
    return new ProtocolError(
      `peer is not an SSH ${this.peerIsServer ? 'server' : 'client'}: it sent ${JSON.stringify((seen[0] as string).slice(0, 60))}`,
    );
  }

  /** Feed bytes; returns the result once the identification line is complete. */
  push(chunk: Uint8Array): VersionResult | undefined {
    let buf = chunk;
    if (this.pending.length > 0) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending);
      buf.set(chunk, this.pending.length);
    }
    let start = 0;
    for (;;) {
      const lf = buf.indexOf(0x0a, start);
      const isVersion = startsWithSsh(buf, start);
      if (lf < 0) {
        const partial = buf.length - start;
        if (isVersion && partial >= MAX_IDENTIFICATION_LENGTH) {
          throw new ProtocolError(`identification line is longer than ${MAX_IDENTIFICATION_LENGTH} bytes`);
        }
        this.checkBanner(partial, isVersion, buf, start);
        this.pending = buf.slice(start);
        return undefined;
      }
      const end = lf > start && buf[lf - 1] === 0x0d ? lf - 1 : lf;
      const text = latin1(buf, start, end);
      if (isVersion) {
        if (lf + 1 - start > MAX_IDENTIFICATION_LENGTH) {
          throw new ProtocolError(`identification line is longer than ${MAX_IDENTIFICATION_LENGTH} bytes`);
        }
        this.pending = new Uint8Array(0);
        return { identification: parseIdentification(text), banner: this.banner, rest: buf.subarray(lf + 1) };
      }
      this.checkBanner(lf + 1 - start, false, buf, start);
      this.bannerBytes += lf + 1 - start;
      this.banner.push(text);
      if (this.banner.length > MAX_BANNER_LINES)
        throw new ProtocolError('too many lines before the SSH identification');
      start = lf + 1;
    }
  }

  private checkBanner(len: number, isVersion: boolean, buf: Uint8Array, start: number): void {
    if (isVersion) return;
    const mayStillBeVersion = buf.length - start < 4 && isPrefixOfSsh(buf, start);
    if (!this.peerIsServer && !mayStillBeVersion) {
      throw new ProtocolError(
        `peer is not an SSH client: it sent ${JSON.stringify(latin1(buf, start, Math.min(buf.length, start + 40)))}`,
      );
    }
    if (this.bannerBytes + len > MAX_BANNER_BYTES) {
      throw new ProtocolError('peer is not an SSH server: no identification within the first 64 KiB');
    }
  }
}

const SSH_DASH = [0x53, 0x53, 0x48, 0x2d];

function startsWithSsh(buf: Uint8Array, at: number): boolean {
  return buf.length - at >= 4 && isPrefixOfSsh(buf, at);
}

function isPrefixOfSsh(buf: Uint8Array, at: number): boolean {
  for (let i = 0; i < 4 && at + i < buf.length; i++) if (buf[at + i] !== SSH_DASH[i]) return false;
  return true;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}
