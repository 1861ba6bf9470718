import type { Transport } from '@ssh/transport';
import { PacketReader } from '@ssh/wire';
import { SSHConnection, type SSHConnectionOptions } from '../src/index.js';
import { transportPair } from './pair.js';

/** A hand-driven peer: sends whatever payload a test writes and records what arrives. */
export class RawPeer {
  readonly transport: Transport;
  private readonly inbox: Uint8Array[] = [];
  private waiter: (() => void) | null = null;

  constructor(transport: Transport) {
    this.transport = transport;
    transport.setMessageHandler((p) => {
      this.inbox.push(p.slice());
      const w = this.waiter;
      this.waiter = null;
      w?.();
    });
  }

  send(payload: Uint8Array): void {
    this.transport.send(payload);
  }

  /** The next message of type `msg` (earlier ones of other types are dropped), as a reader after the type byte. */
  async next(msg: number): Promise<PacketReader> {
    for (;;) {
      const i = this.inbox.findIndex((p) => p[0] === msg);
      if (i >= 0) {
        const [p] = this.inbox.splice(i, 1);
        return new PacketReader(p as Uint8Array, 1);
      }
      await new Promise<void>((res) => {
        this.waiter = res;
      });
    }
  }

  /** Every message type received so far (and not taken by `next`). */
  get types(): number[] {
    return this.inbox.map((p) => p[0] as number);
  }
}

/** Our connection layer (in `role`) against a raw peer. */
export async function rawPair(
  role: 'client' | 'server',
  options: SSHConnectionOptions = {},
): Promise<{ conn: SSHConnection; peer: RawPeer; ours: Transport }> {
  const t = await transportPair();
  const ours = role === 'client' ? t.client : t.server;
  const theirs = role === 'client' ? t.server : t.client;
  const conn = new SSHConnection(ours, options);
  t.drains[role] = () => conn.transportDrained();
  return { conn, peer: new RawPeer(theirs), ours };
}
