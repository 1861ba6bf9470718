import { ValueError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { ChannelCodec, type ErrorsPolicy, UnicodeDecodeError, UnicodeEncodeError } from '../index.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const roundTrip = (encoding: string, text: string) => {
  const c = new ChannelCodec(encoding);
  const wire = c.encode(text);
  const d = c.decoder();
  // Fed one byte at a time: characters split across chunks are joined.
  let out = '';
  for (const b of wire) out += d.decode(bytes(b)) as string;
  out += d.decode(new Uint8Array(0), true) as string;
  return { wire, out };
};

describe('channel encodings', () => {
  it('UTF-8 under its Python and WHATWG spellings', () => {
    for (const name of ['utf-8', 'UTF8', 'utf_8']) {
      expect(roundTrip(name, 'héllo €𝄞').out).toBe('héllo €𝄞');
    }
  });

  it('latin-1 is ISO 8859-1 as in Python (0x80-0x9F are C1 controls, not windows-1252)', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const c = new ChannelCodec('latin-1');
    const text = c.decoder().decode(all, true) as string;
    expect(text.charCodeAt(0x80)).toBe(0x80);
    expect(c.encode(text)).toEqual(all);
    expect(() => c.encode('€')).toThrow(UnicodeEncodeError);
  });

  it('windows-1252, KOI8-R, Shift_JIS, EUC-KR, GBK and Big5 both ways', () => {
    expect(roundTrip('cp1252', '€ café').wire).toEqual(bytes(0x80, 0x20, 0x63, 0x61, 0x66, 0xe9));
    expect(new ChannelCodec('windows-1252').decoder().decode(bytes(0x80, 0x9f, 0x81), true)).toBe('€Ÿ\u0081');
    expect(roundTrip('koi8-r', 'привет').out).toBe('привет');
    const sjis = roundTrip('shift_jis', 'こんにちは、ｶﾀｶﾅ');
    expect([...sjis.wire.subarray(0, 2)]).toEqual([0x82, 0xb1]);
    expect(sjis.out).toBe('こんにちは、ｶﾀｶﾅ');
    expect(roundTrip('euc-kr', '안녕하세요').out).toBe('안녕하세요');
    expect(roundTrip('gbk', '你好').out).toBe('你好');
    expect(roundTrip('big5', '你好').out).toBe('你好');
  });

  it('UTF-16LE and UTF-16BE, split between the bytes of a code unit', () => {
    expect(roundTrip('utf-16le', 'a€𝄞').wire.subarray(0, 2)).toEqual(bytes(0x61, 0));
    expect(roundTrip('utf_16_be', 'a€𝄞').wire.subarray(0, 2)).toEqual(bytes(0, 0x61));
    expect(roundTrip('utf-16be', 'a€𝄞').out).toBe('a€𝄞');
  });

  it('errors when encoding: strict throws, replace puts ?, ignore drops', () => {
    const cases: [ErrorsPolicy, string][] = [
      ['replace', 'a?b?c'],
      ['ignore', 'abc'],
    ];
    for (const [errors, want] of cases) {
      expect(
        new TextDecoder().decode(new ChannelCodec('ascii', errors).encode('aébc'.replace('bc', 'b€c'))),
      ).toBe(want);
      expect(new TextDecoder().decode(new ChannelCodec('shift_jis', errors).encode('a\u00e9b\u20acc'))).toBe(
        want,
      );
    }
    const err = (() => {
      try {
        new ChannelCodec('ascii').encode('abé');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnicodeEncodeError);
    expect(err).toBeInstanceOf(ValueError);
    expect(err).toMatchObject({ encoding: 'ascii', position: 2 });
    // A lone surrogate has no encoding in any Unicode form.
    expect(() => new ChannelCodec('utf-8').encode('a\ud800b')).toThrow(UnicodeEncodeError);
    expect(new ChannelCodec('utf-8', 'replace').encode('a\ud800b')).toEqual(bytes(0x61, 0x3f, 0x62));
    expect(new ChannelCodec('utf-16le', 'ignore').encode('a\udc00')).toEqual(bytes(0x61, 0));
  });

  it('errors when decoding: strict throws, replace gives U+FFFD, ignore drops', () => {
    const bad = bytes(0x61, 0xff, 0x62);
    expect(() => new ChannelCodec('utf-8').decoder().decode(bad, true)).toThrow(UnicodeDecodeError);
    expect(() => new ChannelCodec('ascii').decoder().decode(bad, true)).toThrow(UnicodeDecodeError);
    expect(new ChannelCodec('ascii', 'replace').decoder().decode(bad, true)).toBe('a\ufffdb');
    expect(new ChannelCodec('ascii', 'ignore').decoder().decode(bad, true)).toBe('ab');
    expect(new ChannelCodec('shift_jis', 'replace').decoder().decode(bytes(0x61, 0x82), true)).toBe(
      'a\ufffd',
    );
  });

  it("UTF-8 'ignore' drops only invalid bytes: a real U+FFFD stays, a split character is joined", () => {
    const d = new ChannelCodec('utf-8', 'ignore').decoder();
    const parts = [
      bytes(0xef, 0xbf, 0xbd, 0x80, 0xe2, 0x82),
      bytes(0xac, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x7a),
      bytes(0xf0, 0x9f),
    ];
    const out = parts.map((p, i) => d.decode(p, i === parts.length - 1)).join('');
    expect(out).toBe('\ufffd€z');
  });

  it('encoding null exchanges Uint8Array and refuses strings; bad names and policies are ValueErrors', () => {
    const c = new ChannelCodec(null);
    const b = bytes(1, 2, 0xff);
    expect(c.decoder().decode(b)).toBe(b);
    expect(() => c.encode('text')).toThrow(TypeError);
    expect(() => new ChannelCodec('no-such-charset')).toThrow(ValueError);
    expect(() => new ChannelCodec('utf-16')).toThrow(/utf-16le or utf-16be/);
    expect(() => new ChannelCodec('iso-2022-jp')).toThrow(ValueError);
    expect(() => new ChannelCodec('utf-8', 'backslashreplace' as ErrorsPolicy)).toThrow(/errors policy/);
  });
});
