import type { Socket } from 'node:net';
import type { ChannelData } from '@ssh/channels';
import { SSHForwarder } from '../pump/forwarder.js';

// X Window System protocol, "Connection Setup": the client's first message.
const SETUP_HEADER = 12;
const LSB_FIRST = 0x6c; // 'l'

const pad4 = (n: number) => (n + 3) & ~3;

function read16(b: Uint8Array, at: number, le: boolean): number {
  return le
    ? (b[at] as number) | ((b[at + 1] as number) << 8)
    : ((b[at] as number) << 8) | (b[at + 1] as number);
}

function write16(b: Uint8Array, at: number, v: number, le: boolean): void {
  b[at] = le ? v & 255 : v >> 8;
  b[at + 1] = le ? v >> 8 : v & 255;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Forwards one X11 channel to the local X server: the connection setup must
 * carry the fake cookie sent in x11-req, which is replaced by the real one
 * (or by no authorization when there is none) before it reaches the X server.
 */
export class X11Forwarder extends SSHForwarder {
  private pending: Uint8Array | null = new Uint8Array(0);
  private readonly protocol: string;
  private readonly fakeCookie: Uint8Array;
  private readonly real: { name: string; data: Uint8Array } | null;

  constructor(
    socket: Socket,
    protocol: string,
    fakeCookie: Uint8Array,
    real: { name: string; data: Uint8Array } | null,
    extra: Record<string, unknown> = {},
  ) {
    super(socket, extra);
    this.protocol = protocol;
    this.fakeCookie = fakeCookie;
    this.real = real;
  }

  /** @internal */
  override dataReceived(data: ChannelData): void {
    if (this.pending === null) {
      super.dataReceived(data);
      return;
    }
    const bytes = data as Uint8Array;
    const joined = new Uint8Array(this.pending.length + bytes.length);
    joined.set(this.pending);
    joined.set(bytes, this.pending.length);
    this.pending = joined;
    if (joined.length < SETUP_HEADER) return;
    const le = joined[0] === LSB_FIRST;
    const nameLen = read16(joined, 6, le);
    const dataLen = read16(joined, 8, le);
    const total = SETUP_HEADER + pad4(nameLen) + pad4(dataLen);
    if (joined.length < total) return;
    this.pending = null;
    const name = new TextDecoder().decode(joined.subarray(SETUP_HEADER, SETUP_HEADER + nameLen));
    const cookieAt = SETUP_HEADER + pad4(nameLen);
    const cookie = joined.subarray(cookieAt, cookieAt + dataLen);
    if (name !== this.protocol || !sameBytes(cookie, this.fakeCookie)) {
      // Not the cookie we handed out: refuse the connection (OpenSSH does the same).
      this.close();
      return;
    }
    const realName = new TextEncoder().encode(this.real?.name ?? '');
    const realData = this.real?.data ?? new Uint8Array(0);
    const out = new Uint8Array(
      SETUP_HEADER + pad4(realName.length) + pad4(realData.length) + joined.length - total,
    );
    out.set(joined.subarray(0, 6));
    write16(out, 6, realName.length, le);
    write16(out, 8, realData.length, le);
    out.set(realName, SETUP_HEADER);
    out.set(realData, SETUP_HEADER + pad4(realName.length));
    out.set(joined.subarray(total), SETUP_HEADER + pad4(realName.length) + pad4(realData.length));
    super.dataReceived(out);
  }
}
