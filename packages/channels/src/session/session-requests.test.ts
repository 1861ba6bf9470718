import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import {
  acceptSessions,
  createSession,
  run,
  SSHClientSession,
  type SSHServerChannel,
  SSHServerSession,
  signalName,
  type X11Request,
} from '../index.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

describe('session channel requests', () => {
  it('x11-req, xon-xoff, an unhandled break, signals by number, and exit after output', async () => {
    const p = await connectionPair();
    close = p.close;
    const seen: unknown[] = [];
    class Server extends SSHServerSession {
      chan!: SSHServerChannel;
      override connectionMade(chan: unknown): void {
        this.chan = chan as SSHServerChannel;
      }
      override x11Requested(req: X11Request): boolean {
        seen.push(req);
        return true;
      }
      override shellRequested(): boolean {
        return true;
      }
      override sessionStarted(): void {
        this.chan.setXonXoff(true);
      }
      override signalReceived(signal: string): void {
        seen.push(signal);
        this.chan.write('bye\n');
        this.chan.exit(9);
      }
    }
    acceptSessions(p.server, { sessionRequested: () => new Server() });
    const events: unknown[] = [];
    let done!: () => void;
    const lost = new Promise<void>((r) => {
      done = r;
    });
    class Client extends SSHClientSession {
      override xonXoffRequested(v: boolean): void {
        events.push(['xon', v]);
      }
      override dataReceived(d: string | Uint8Array): void {
        events.push(d);
      }
      override exitStatusReceived(s: number): void {
        events.push(['exit', s]);
      }
      override connectionLost(): void {
        done();
      }
    }
    const x11 = {
      singleConnection: false,
      authProtocol: 'MIT-MAGIC-COOKIE-1',
      authCookie: 'abcd',
      screen: 0,
    };
    const [chan] = await createSession(p.client, () => new Client(), { x11 });
    expect(await chan.sendRequest('break', Uint8Array.of(0, 0, 0, 5), true)).toBe(false);
    expect(() => chan.sendSignal(99)).toThrow(RangeError);
    chan.sendSignal(2);
    await lost;
    expect(seen).toEqual([x11, 'INT']);
    expect(events).toEqual([['xon', true], 'bye\n', ['exit', 9]]);
    expect(signalName('SIGHUP')).toBe('HUP');
  });

  it("errors: 'replace' keeps going on bad UTF-8; 'strict' closes the channel with a ProtocolError", async () => {
    const p = await connectionPair();
    close = p.close;
    acceptSessions(p.server, {
      encoding: null,
      processFactory: (proc) => {
        proc.stdout.write(Uint8Array.of(0x61, 0xff, 0x62));
        proc.exit(0);
      },
    });
    expect((await run(p.client, 'x', { errors: 'replace' })).stdout).toBe('a\ufffdb');
    expect((await run(p.client, 'x', { errors: 'ignore' })).stdout).toBe('ab');
    await expect(run(p.client, 'x')).rejects.toMatchObject({ name: 'ProtocolError' });
  });
});
