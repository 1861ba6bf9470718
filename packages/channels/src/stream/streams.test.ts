import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import {
  acceptSessions,
  createProcess,
  IncompleteReadError,
  type SSHServerProcess,
  toReadableStream,
  toWritableStream,
} from '../index.js';
import { toNodeReadable, toNodeWritable } from '../node.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function echoPair(factory?: (p: SSHServerProcess) => unknown, window?: number) {
  const p = await connectionPair({}, {});
  close = p.close;
  acceptSessions(p.server, {
    encoding: null,
    processFactory:
      factory ??
      (async (proc) => {
        for (;;) {
          const d = await proc.stdin.read(65536);
          if (d.length === 0) break;
          proc.stdout.write(d);
          await proc.stdout.drain();
        }
        proc.exit(0);
      }),
  });
  return { client: p.client, window };
}

describe('SSHReader', () => {
  it('readline, readuntil (list, RegExp), readexactly with IncompleteReadError, async iteration', async () => {
    const { client } = await echoPair((p) => {
      p.stdout.write(new TextEncoder().encode('one\ntwo;three::four\nfive\nsix'));
      p.exit(0);
    });
    const proc = await createProcess(client, 'x');
    expect(await proc.stdout.readline()).toBe('one\n');
    expect(await proc.stdout.readuntil([';', '::'])).toBe('two;');
    expect(await proc.stdout.readuntil(/:+/)).toBe('three::');
    expect(await proc.stdout.readexactly(5)).toBe('four\n');
    const rest: string[] = [];
    for await (const line of proc.stdout) rest.push(line as string);
    expect(rest).toEqual(['five\n', 'six']);
    const err = await proc.stdout.readexactly(1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IncompleteReadError);
    expect(proc.stdout.atEof()).toBe(true);
  });

  it('feedData and feedEof inject input', async () => {
    const { client } = await echoPair((p) => p.exit(0));
    const proc = await createProcess(client, 'x');
    await proc.wait();
    proc.stdout.feedData('injected\n');
    expect(await proc.stdout.readline()).toBe('injected\n');
  });
});

describe('back-pressure', () => {
  it('a reader that does not read stops the sender through the window; nothing is lost', async () => {
    const total = 1 << 20;
    const win = 65536;
    let serverQueued = () => 0;
    const { client } = await echoPair((p) => {
      serverQueued = () => p.channel.getWriteBufferSize();
      p.stdout.write(new Uint8Array(total).map((_, i) => i & 255));
      p.exit(0);
    });
    const proc = await createProcess(client, 'x', { encoding: null, window: win, maxPktsize: 16384 });
    // The sender holds what the window does not admit: at most two windows are in flight or buffered here.
    await vi.waitFor(() => expect(serverQueued()).toBeGreaterThanOrEqual(total - 2 * win));
    expect(proc.channel.getWriteBufferSize()).toBe(0);
    let got = 0;
    let ok = true;
    for (;;) {
      const d = (await proc.stdout.read(100_000)) as Uint8Array;
      if (d.length === 0) break;
      for (let i = 0; i < d.length; i++) ok &&= d[i] === ((got + i) & 255);
      got += d.length;
    }
    expect(got).toBe(total);
    expect(ok).toBe(true);
  });
});

describe('stream adapters', () => {
  it('Web streams: a ReadableStream piped into stdin, stdout read as a ReadableStream', async () => {
    const { client } = await echoPair();
    const proc = await createProcess(client, 'cat', { encoding: null });
    const chunks = [1, 2, 3].map((n) => new Uint8Array(50_000).fill(n));
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        for (const ch of chunks) c.enqueue(ch);
        c.close();
      },
    });
    const piping = source.pipeTo(toWritableStream(proc.stdin));
    let total = 0;
    const reader = toReadableStream(proc.stdout).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      total += (value as Uint8Array).length;
    }
    await piping;
    expect(total).toBe(150_000);
  });

  it('Node streams: stream.pipeline into stdin and out of stdout', async () => {
    const { client } = await echoPair();
    const proc = await createProcess(client, 'cat', { encoding: null });
    const parts: Buffer[] = [];
    await Promise.all([
      pipeline(Readable.from([Buffer.alloc(200_000, 7), Buffer.alloc(1000, 8)]), toNodeWritable(proc.stdin)),
      pipeline(
        toNodeReadable(proc.stdout),
        new Writable({
          write(chunk: Buffer, _e, cb) {
            parts.push(chunk);
            cb();
          },
        }),
      ),
    ]);
    const all = Buffer.concat(parts);
    expect(all.length).toBe(201_000);
    expect(all[0]).toBe(7);
    expect(all[200_999]).toBe(8);
  });

  it('redirect: one process’s stdout into another’s stdin', async () => {
    const { client } = await echoPair();
    const a = await createProcess(client, 'cat', { encoding: null });
    const b = await createProcess(client, 'cat', { encoding: null, stdin: a.stdout });
    a.stdin.write(new Uint8Array(100_000).fill(9));
    a.stdin.writeEof();
    const r = await b.wait();
    expect((r.stdout as Uint8Array).length).toBe(100_000);
  });
});
