import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GENERATIONS, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProcess,
  createSubprocess,
  DEVNULL,
  ProcessError,
  run,
  type SSHConnection,
  SSHSubprocessProtocol,
  STDOUT,
  TimeoutError,
  toReadableStream,
  toWritableStream,
} from '../../src/index.js';
import { fileSink, fileSource, toNodeReadable, toNodeWritable } from '../../src/node.js';
import { connectTo } from './connect.js';

const MiB = 1 << 20;

/** `n` bytes of a pattern that does not repeat every power of two. */
function pattern(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 7 + (i >>> 13)) & 255;
  return b;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

for (const generation of GENERATIONS) {
  const present = peerHost(generation)?.has('/usr/sbin/sshd');
  const skip = present
    ? false
    : missingPeer(`OpenSSH sshd (${generation})`, 'apt-get install openssh-server; pnpm peers').skip;
  describe.skipIf(skip)(
    `processes, redirection and stream adapters over OpenSSH sshd (${generation})`,
    () => {
      let server: RunningServer;
      let conn: SSHConnection;
      let dir: string;
      beforeAll(async () => {
        server = await startOpenSshd({ generation });
        conn = await connectTo(server);
        dir = mkdtempSync(path.join(tmpdir(), 'chan-redirect-'));
      });
      afterAll(async () => {
        conn?.close();
        await server?.stop();
        rmSync(dir, { recursive: true, force: true });
      });

      it('run(): input, check (ProcessError with the output) and timeout (TimeoutError with the output so far)', async () => {
        expect((await run(conn, 'tr a-z A-Z', { input: 'shout\n', check: true })).stdout).toBe('SHOUT\n');
        const failed = await run(conn, 'echo partial; echo why >&2; exit 3', { check: true }).catch(
          (e: unknown) => e,
        );
        expect(failed).toBeInstanceOf(ProcessError);
        expect(failed).toMatchObject({ code: 3, stdout: 'partial\n', stderr: 'why\n' });
        const slow = await run(conn, 'echo started; sleep 20', { timeout: 1 }).catch((e: unknown) => e);
        expect(slow).toBeInstanceOf(TimeoutError);
        expect((slow as TimeoutError).stdout).toBe('started\n');
      });

      it('stdin from a file, stdout and stderr to files', async () => {
        const input = pattern(3 * MiB + 17);
        writeFileSync(path.join(dir, 'in'), input);
        const proc = await createProcess(conn, 'cat; echo done >&2', {
          encoding: null,
          stdin: fileSource(path.join(dir, 'in')),
          stdout: fileSink(path.join(dir, 'out')),
          stderr: fileSink(path.join(dir, 'err')),
        });
        const r = await proc.wait({ check: true });
        expect([r.stdout, r.stderr]).toEqual([null, null]);
        expect(sha(readFileSync(path.join(dir, 'out')))).toBe(sha(input));
        expect(readFileSync(path.join(dir, 'err'), 'utf8')).toBe('done\n');
      });

      it('stderr merged into stdout (STDOUT), stdin from DEVNULL', async () => {
        const r = await run(conn, 'cat; echo out; echo err >&2', { stdin: DEVNULL, stderr: STDOUT });
        expect(r.stderr).toBeNull();
        expect((r.stdout as string).split('\n').sort()).toEqual(['', 'err', 'out']);
      });

      it("one remote process's stdout into another's stdin", async () => {
        const a = await createProcess(conn, 'head -c 2000000 /dev/zero | tr "\\0" x', { encoding: null });
        const b = await createProcess(conn, 'wc -c', { stdin: a.stdout });
        expect((await b.wait({ check: true })).stdout).toMatch(/^\s*2000000\n$/);
      });

      it('Node stream.pipeline both ways with a slow consumer: nothing lost, bounded buffering', async () => {
        const input = pattern(8 * MiB);
        const proc = await createProcess(conn, 'cat', { encoding: null });
        const readable = toNodeReadable(proc.stdout);
        let got = 0;
        let maxQueued = 0;
        const hash = createHash('sha256');
        const slow = new Writable({
          highWaterMark: 64 * 1024,
          write(chunk: Buffer, _e, cb) {
            maxQueued = Math.max(maxQueued, readable.readableLength);
            got += chunk.length;
            hash.update(chunk);
            // Yield to the event loop every chunk so the producer can run ahead if it would.
            setImmediate(cb);
          },
        });
        const chunks = function* () {
          for (let off = 0; off < input.length; off += 256 * 1024)
            yield input.subarray(off, off + 256 * 1024);
        };
        await Promise.all([
          pipeline(Readable.from(chunks()), toNodeWritable(proc.stdin)),
          pipeline(readable, slow),
        ]);
        expect(got).toBe(input.length);
        expect(hash.digest('hex')).toBe(sha(input));
        // The adapter holds at most about its high-water mark plus one read, never the whole stream.
        expect(maxQueued).toBeLessThanOrEqual(2 * 65536);
      });

      it('createSubprocess: a protocol gets stdout and stderr by fd, the pipes end, then the exit', async () => {
        const events: unknown[] = [];
        let exited!: () => void;
        const done = new Promise<void>((r) => {
          exited = r;
        });
        class Proto extends SSHSubprocessProtocol {
          override pipeDataReceived(fd: 1 | 2, data: string | Uint8Array): void {
            events.push([fd, data]);
          }
          override pipeConnectionLost(fd: 1 | 2, exc: Error | null): void {
            events.push(['lost', fd, exc]);
          }
          override processExited(): void {
            exited();
          }
        }
        const [transport] = await createSubprocess(
          conn,
          () => new Proto(),
          'read x; echo "got $x"; echo oops >&2; exit 6',
        );
        const stdin = transport.getPipeTransport(0);
        stdin.write('it\n');
        stdin.writeEof();
        await done;
        expect(events).toContainEqual([1, 'got it\n']);
        expect(events).toContainEqual([2, 'oops\n']);
        expect(events.slice(-2)).toEqual([
          ['lost', 1, null],
          ['lost', 2, null],
        ]);
        expect(transport.getReturncode()).toBe(6);
      });

      it('Web streams: a ReadableStream into stdin and stdout as a ReadableStream through sshd', async () => {
        const input = pattern(5 * MiB);
        const proc = await createProcess(conn, 'cat', { encoding: null });
        const source = new ReadableStream<Uint8Array>({
          start(c) {
            for (let off = 0; off < input.length; off += 100_000)
              c.enqueue(input.subarray(off, off + 100_000));
            c.close();
          },
        });
        const piping = source.pipeTo(toWritableStream(proc.stdin));
        const parts: Uint8Array[] = [];
        for await (const chunk of toReadableStream(proc.stdout) as unknown as AsyncIterable<Uint8Array>) {
          parts.push(chunk);
        }
        await piping;
        expect(sha(Buffer.concat(parts))).toBe(sha(input));
      });
    },
  );
}
