import { describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import {
  acceptSessions,
  createSubprocess,
  SSHSubprocessProtocol,
  type SSHSubprocessTransport,
} from '../index.js';

describe('createSubprocess', () => {
  it('drives a protocol: data per fd, pipe ends, exit and return code', async () => {
    const p = await connectionPair();
    acceptSessions(p.server, {
      processFactory: async (proc) => {
        const input = await proc.stdin.read();
        proc.stdout.write(`echo:${input}`);
        proc.stderr.write('warn');
        proc.exit(2);
      },
    });
    const events: unknown[] = [];
    let exited!: () => void;
    const done = new Promise<void>((r) => {
      exited = r;
    });
    class Proto extends SSHSubprocessProtocol {
      override connectionMade(t: SSHSubprocessTransport): void {
        events.push(['made', t.getPid()]);
      }
      override pipeDataReceived(fd: 1 | 2, data: string | Uint8Array): void {
        events.push([fd, data]);
      }
      override pipeConnectionLost(fd: 1 | 2): void {
        events.push(['lost', fd]);
      }
      override processExited(): void {
        exited();
      }
    }
    const [transport] = await createSubprocess(p.client, () => new Proto(), 'cmd');
    const stdin = transport.getPipeTransport(0);
    stdin.write('hi');
    stdin.writeEof();
    await done;
    expect(events).toEqual([
      ['made', null],
      [1, 'echo:hi'],
      [2, 'warn'],
      ['lost', 1],
      ['lost', 2],
    ]);
    expect(transport.getReturncode()).toBe(2);
    p.close();
  });
});
