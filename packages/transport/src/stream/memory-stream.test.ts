import { describe, expect, it } from 'vitest';
import type { ByteStream, ByteStreamSink } from './byte-stream.js';
import { createMemoryStreamPair } from './memory-stream.js';

function collect(stream: ByteStream) {
  const got: number[] = [];
  const events: string[] = [];
  const sink: ByteStreamSink = {
    data: (c) => got.push(...c),
    drain: () => events.push('drain'),
    end: () => events.push('end'),
    close: (e) => events.push(e ? `close:${e.message}` : 'close'),
  };
  stream.attach(sink);
  return { got, events };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('in-memory byte stream pair', () => {
  it('delivers bytes in order, then end and close once both sides ended', async () => {
    const [a, b] = createMemoryStreamPair();
    const ra = collect(a);
    const rb = collect(b);
    a.write(Uint8Array.of(1, 2));
    a.write(Uint8Array.of(3));
    a.end();
    await tick();
    expect(rb.got).toEqual([1, 2, 3]);
    expect(rb.events).toEqual(['end']);
    b.write(Uint8Array.of(9));
    b.end();
    await tick();
    expect(ra.got).toEqual([9]);
    expect(ra.events).toContain('close');
    expect(rb.events).toContain('close');
  });

  it('asks the writer to wait past the high-water mark and drains when read', async () => {
    const [a, b] = createMemoryStreamPair();
    const ra = collect(a);
    b.pause();
    const rb = collect(b);
    let ok = true;
    let writes = 0;
    while (ok) {
      ok = a.write(new Uint8Array(64 * 1024));
      writes++;
    }
    await tick();
    expect(rb.got.length).toBe(0);
    expect(ra.events).not.toContain('drain');
    b.resume();
    await tick();
    expect(rb.got.length).toBe(writes * 64 * 1024);
    expect(ra.events).toContain('drain');
  });

  it('destroy closes both sides with the error on the destroying side', async () => {
    const [a, b] = createMemoryStreamPair();
    const ra = collect(a);
    const rb = collect(b);
    a.destroy(new Error('boom'));
    await tick();
    expect(ra.events).toEqual(['close:boom']);
    expect(rb.events).toEqual(['close']);
    expect(b.write(Uint8Array.of(1))).toBe(false);
  });
});
