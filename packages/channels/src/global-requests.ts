import { ConnectionLost, type PacketReader, ProtocolError } from '@ssh/wire';
import { encodeGlobalReply, encodeGlobalRequest } from './messages.js';
import type { SSHConnection } from './mux.js';

/**
 * Answers one global request: true or a Uint8Array (response data) accepts,
 * false refuses. May return a Promise; replies still go out in order.
 */
export type GlobalRequestHandler = (
  data: PacketReader,
) => boolean | Uint8Array | Promise<boolean | Uint8Array>;

/**
 * Global requests (RFC 4254 §4) in both directions. Replies to our requests
 * arrive in the order the requests were sent; replies to the peer's requests
 * go out in the order they arrived. Unknown names (keepalive@openssh.com among
 * them) are refused, which is the reply OpenSSH expects.
 */
export class GlobalRequests {
  private readonly conn: SSHConnection;
  private readonly handlers = new Map<string, GlobalRequestHandler>();
  private readonly waiters: { resolve(v: Uint8Array | null): void; reject(e: Error): void }[] = [];
  private chain: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(conn: SSHConnection) {
    this.conn = conn;
  }

  /** Register (or with null remove) the handler of a request name. */
  register(name: string, handler: GlobalRequestHandler | null): void {
    if (handler) this.handlers.set(name, handler);
    else this.handlers.delete(name);
  }

  /** Send a request; see SSHConnection.globalRequest. */
  send(name: string, data: Uint8Array | undefined, wantReply: boolean): Promise<Uint8Array | null> {
    if (this.conn.isClosed) return Promise.reject(new ConnectionLost('connection is closed'));
    this.conn.sendPacket(encodeGlobalRequest(name, wantReply, data));
    if (!wantReply) return Promise.resolve(null);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** REQUEST_SUCCESS or REQUEST_FAILURE arrived: a reply to our oldest request. */
  reply(ok: boolean, r: PacketReader): void {
    const w = this.waiters.shift();
    if (!w) throw new ProtocolError('global request reply received with no request outstanding');
    w.resolve(ok ? r.readRemaining() : null);
  }

  /** A GLOBAL_REQUEST arrived. */
  receive(r: PacketReader): void {
    const name = r.readUtf8('request name');
    const wantReply = r.readBoolean('want reply');
    const handler = this.handlers.get(name);
    let result: boolean | Uint8Array | Promise<boolean | Uint8Array> = false;
    const run = (): boolean | Uint8Array | Promise<boolean | Uint8Array> => {
      try {
        return handler ? handler(r) : false;
      } catch (err) {
        this.conn.logger.debug1(
          'Global request %s failed: %s',
          name,
          err instanceof Error ? err.message : err,
        );
        return false;
      }
    };
    if (this.inFlight === 0) {
      result = run();
      if (!(result instanceof Promise)) {
        this.answer(wantReply, result);
        return;
      }
    }
    this.inFlight++;
    const pending = this.inFlight === 1 && result instanceof Promise ? result : this.chain.then(run);
    this.chain = Promise.resolve(pending)
      .catch(() => false as const)
      .then((v) => {
        this.inFlight--;
        this.answer(wantReply, v);
      });
  }

  /** The connection closed: reject every request still waiting. */
  cancel(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  private answer(wantReply: boolean, v: boolean | Uint8Array): void {
    if (!wantReply || this.conn.isClosed) return;
    this.conn.sendPacket(encodeGlobalReply(v !== false, v instanceof Uint8Array ? v : undefined));
  }
}
