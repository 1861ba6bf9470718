import { CompressionError } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketCompressor, PacketDecompressor } from './zlib-stream.js';

describe('zlib packet streams', () => {
  it('every payload inflates right after its own packet, with the dictionary shared', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 1, maxLength: 5000 }), { minLength: 1, maxLength: 8 }),
        (payloads) => {
          const c = new PacketCompressor();
          const d = new PacketDecompressor();
          for (const p of payloads) expect(d.decompress(c.compress(p), 1 << 20)).toEqual(p);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('garbage is a CompressionError', () => {
    const d = new PacketDecompressor();
    expect(() => d.decompress(Uint8Array.of(0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0x00), 1 << 20)).toThrow(
      CompressionError,
    );
  });

  it('a packet that inflates past the limit is a CompressionError', () => {
    const c = new PacketCompressor();
    const d = new PacketDecompressor();
    expect(() => d.decompress(c.compress(new Uint8Array(100_000)), 65536)).toThrow(/inflated past/);
  });
});

describe('inflating what zlib itself writes with Z_PARTIAL_FLUSH, as OpenSSH does', () => {
  it('decodes a node:zlib stream flushed after each packet', async () => {
    const zlib = await import('node:zlib');
    const deflate = zlib.createDeflate({ level: 6 });
    const chunks: Buffer[] = [];
    deflate.on('data', (c: Buffer) => chunks.push(c));
    const flushOne = (data: Uint8Array) =>
      new Promise<Uint8Array>((resolve) => {
        chunks.length = 0;
        deflate.write(data);
        deflate.flush(zlib.constants.Z_PARTIAL_FLUSH, () => resolve(Buffer.concat(chunks)));
      });
    const d = new PacketDecompressor();
    const texts = [
      'hello hello hello',
      'x'.repeat(70000),
      'the quick brown fox jumps over the lazy dog '.repeat(50),
      'hello hello again',
    ];
    for (const t of texts) {
      const data = new TextEncoder().encode(t);
      expect(new TextDecoder().decode(d.decompress(await flushOne(data), 1 << 20))).toBe(t);
    }
    const random = crypto.getRandomValues(new Uint8Array(20000));
    expect(d.decompress(await flushOne(random), 1 << 20)).toEqual(random);
    deflate.end();
  });
});

describe('what we compress, zlib itself inflates', () => {
  it('node:zlib inflates our flushed packets in one stream', async () => {
    const zlib = await import('node:zlib');
    const c = new PacketCompressor();
    const texts = [
      'hello hello hello',
      'y'.repeat(5000),
      'the quick brown fox '.repeat(300),
      'hello hello hello',
    ];
    const packets = texts.map((t) => c.compress(new TextEncoder().encode(t)));
    const all = Buffer.concat(packets.map((p) => Buffer.from(p)));
    expect(zlib.inflateSync(all, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString()).toBe(
      texts.join(''),
    );
    expect(all.length).toBeLessThan(texts.join('').length / 4);
  });
});
