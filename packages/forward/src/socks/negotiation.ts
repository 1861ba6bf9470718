// SOCKS 4 (and the 4a extension) and SOCKS 5 (RFC 1928), CONNECT only, no authentication.

const SOCKS4 = 0x04;
const SOCKS5 = 0x05;
/** CONNECT, in both versions. */
const CMD_CONNECT = 0x01;
// SOCKS 4 reply codes: request granted, rejected or failed.
const SOCKS4_GRANTED = 0x5a;
const SOCKS4_REJECTED = 0x5b;
// RFC 1928 §3: method "no authentication required", and "no acceptable methods".
const AUTH_NONE = 0x00;
const AUTH_NO_ACCEPTABLE = 0xff;
// RFC 1928 §5: address types.
const ATYP_IPV4 = 0x01;
const ATYP_DOMAIN = 0x03;
const ATYP_IPV6 = 0x04;
// RFC 1928 §6: reply codes.
export const SOCKS5_SUCCEEDED = 0x00;
export const SOCKS5_GENERAL_FAILURE = 0x01;
export const SOCKS5_NOT_ALLOWED = 0x02;
export const SOCKS5_CONNECTION_REFUSED = 0x05;
const SOCKS5_COMMAND_NOT_SUPPORTED = 0x07;
const SOCKS5_ADDRESS_NOT_SUPPORTED = 0x08;

/** The longest handshake accepted before the client is dropped (a user id or host name that never ends). */
const MAX_HANDSHAKE = 1024;

/** What the handshake asks of its driver next. */
export type SocksStep =
  /** Wait for more bytes. */
  | { type: 'need' }
  /** Send `data` to the client; when `close`, end the connection after it. */
  | { type: 'reply'; data: Uint8Array; close: boolean }
  /** Open a tunnel to host:port, then answer with `reply(code)`; `rest` is what the client sent after the request. */
  | { type: 'connect'; version: 4 | 5; host: string; port: number; rest: Uint8Array };

/** The reply to a CONNECT: success, or a failure (SOCKS 5 code; SOCKS 4 has only "rejected"). */
export function connectReply(version: 4 | 5, code: number): Uint8Array {
  if (version === 4) {
    return Uint8Array.of(0, code === SOCKS5_SUCCEEDED ? SOCKS4_GRANTED : SOCKS4_REJECTED, 0, 0, 0, 0, 0, 0);
  }
  // The bound address is not meaningful through SSH: 0.0.0.0:0.
  return Uint8Array.of(SOCKS5, code, 0, ATYP_IPV4, 0, 0, 0, 0, 0, 0);
}

function ipv6Text(b: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((b[i] as number) << 8) | (b[i + 1] as number)).toString(16));
  return groups.join(':');
}

/** A SOCKS server handshake fed with the bytes the client sends. */
export class SocksNegotiation {
  private buf = new Uint8Array(0);
  private greeted = false;
  private done = false;

  /** Add bytes from the client. */
  feed(chunk: Uint8Array): void {
    const next = new Uint8Array(this.buf.length + chunk.length);
    next.set(this.buf);
    next.set(chunk, this.buf.length);
    this.buf = next;
  }

  /** The next step; call again after a 'reply' that does not close. */
  next(): SocksStep {
    if (this.done) return { type: 'need' };
    const b = this.buf;
    if (b.length === 0) return { type: 'need' };
    const step = this.greeted
      ? this.socks5Request()
      : b[0] === SOCKS4
        ? this.socks4()
        : this.socks5Greeting();
    if (step.type === 'need' && this.buf.length > MAX_HANDSHAKE) return this.fail(Uint8Array.of());
    return step;
  }

  private fail(data: Uint8Array): SocksStep {
    this.done = true;
    return { type: 'reply', data, close: true };
  }

  private consume(n: number): void {
    this.buf = this.buf.subarray(n);
  }

  private connect(version: 4 | 5, host: string, port: number, used: number): SocksStep {
    this.done = true;
    const rest = this.buf.slice(used);
    this.buf = new Uint8Array(0);
    return { type: 'connect', version, host, port, rest };
  }

  private socks4(): SocksStep {
    const b = this.buf;
    if (b.length < 9) return { type: 'need' };
    const userEnd = b.indexOf(0, 8);
    if (userEnd < 0) return { type: 'need' };
    const port = ((b[2] as number) << 8) | (b[3] as number);
    if (b[1] !== CMD_CONNECT) return this.fail(connectReply(4, SOCKS5_COMMAND_NOT_SUPPORTED));
    // SOCKS 4a: an address 0.0.0.x (x nonzero) means a host name follows the user id.
    if (b[4] === 0 && b[5] === 0 && b[6] === 0 && b[7] !== 0) {
      const nameEnd = b.indexOf(0, userEnd + 1);
      if (nameEnd < 0) return { type: 'need' };
      const host = new TextDecoder().decode(b.subarray(userEnd + 1, nameEnd));
      if (host.length === 0) return this.fail(connectReply(4, SOCKS5_ADDRESS_NOT_SUPPORTED));
      return this.connect(4, host, port, nameEnd + 1);
    }
    return this.connect(4, `${b[4]}.${b[5]}.${b[6]}.${b[7]}`, port, userEnd + 1);
  }

  private socks5Greeting(): SocksStep {
    const b = this.buf;
    if (b[0] !== SOCKS5) return this.fail(Uint8Array.of());
    if (b.length < 2) return { type: 'need' };
    const n = b[1] as number;
    if (b.length < 2 + n) return { type: 'need' };
    const methods = b.subarray(2, 2 + n);
    if (!methods.includes(AUTH_NONE)) return this.fail(Uint8Array.of(SOCKS5, AUTH_NO_ACCEPTABLE));
    this.consume(2 + n);
    this.greeted = true;
    return { type: 'reply', data: Uint8Array.of(SOCKS5, AUTH_NONE), close: false };
  }

  private socks5Request(): SocksStep {
    const b = this.buf;
    if (b.length < 5) return { type: 'need' };
    if (b[0] !== SOCKS5) return this.fail(connectReply(5, SOCKS5_GENERAL_FAILURE));
    if (b[1] !== CMD_CONNECT) return this.fail(connectReply(5, SOCKS5_COMMAND_NOT_SUPPORTED));
    let host: string;
    let at: number;
    switch (b[3]) {
      case ATYP_IPV4:
        if (b.length < 10) return { type: 'need' };
        host = `${b[4]}.${b[5]}.${b[6]}.${b[7]}`;
        at = 8;
        break;
      case ATYP_DOMAIN: {
        const len = b[4] as number;
        if (b.length < 5 + len + 2) return { type: 'need' };
        host = new TextDecoder().decode(b.subarray(5, 5 + len));
        at = 5 + len;
        break;
      }
      case ATYP_IPV6:
        if (b.length < 22) return { type: 'need' };
        host = ipv6Text(b.subarray(4, 20));
        at = 20;
        break;
      default:
        return this.fail(connectReply(5, SOCKS5_ADDRESS_NOT_SUPPORTED));
    }
    const port = ((b[at] as number) << 8) | (b[at + 1] as number);
    return this.connect(5, host, port, at + 2);
  }
}
