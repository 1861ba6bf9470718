import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import { acceptSessions, createProcess } from '../index.js';
import { nodeSink, toNodeReadable } from '../node.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

const TOTAL = 300_000;
const pattern = (n: number, from = 0): Uint8Array => new Uint8Array(n).map((_, i) => ((from + i) * 7) & 255);

/** A server whose sessions send TOTAL bytes of a known pattern in 40 KB writes, then exit. */
async function patternServer() {
  const p = await connectionPair({}, {});
  close = p.close;
  acceptSessions(p.server, {
    encoding: null,
    processFactory: async (proc) => {
      for (let at = 0; at < TOTAL; at += 40_000) {
        proc.stdout.write(pattern(Math.min(40_000, TOTAL - at), at));
        await proc.stdout.drain();
      }
      proc.exit(0);
    },
  });
  return p.client;
}

function expectPattern(got: Uint8Array): void {
  expect(got.length).toBe(TOTAL);
  expect(Buffer.from(got).equals(pattern(TOTAL))).toBe(true);
}

describe('reading bytes in pieces smaller than the packets', () => {
  it('read(n) and readexactly(n) return every byte once, in order', async () => {
    const proc = await createProcess(await patternServer(), 'x', { encoding: null });
    const parts: Uint8Array[] = [];
    for (let i = 0; ; i++) {
      const d = (
        i % 2 ? await proc.stdout.read(1000) : await proc.stdout.readexactly(777).catch((e) => e.partial)
      ) as Uint8Array;
      if (d.length === 0) break;
      parts.push(d);
    }
    expectPattern(Buffer.concat(parts));
  });

  it('a Node Readable over stdout, and stdout redirected into a Node Writable', async () => {
    const client = await patternServer();
    const viaReadable: Buffer[] = [];
    const a = await createProcess(client, 'x', { encoding: null });
    await pipeline(
      toNodeReadable(a.stdout, 5000),
      new Writable({
        write(chunk: Buffer, _e, cb) {
          viaReadable.push(chunk);
          cb();
        },
      }),
    );
    expectPattern(Buffer.concat(viaReadable));

    const viaSink: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _e, cb) {
        viaSink.push(Buffer.from(chunk));
        cb();
      },
    });
    const b = await createProcess(client, 'x', { encoding: null, stdout: nodeSink(out), bufsize: 3000 });
    await b.wait();
    expectPattern(Buffer.concat(viaSink));
  });
});
