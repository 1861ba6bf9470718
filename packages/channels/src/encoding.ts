import { ValueError } from '@ssh/wire';

/** Data on a channel: text when the channel has an encoding, bytes when `encoding` is null. */
export type ChannelData = string | Uint8Array;

/** What to do with bytes that are not valid in the channel's encoding (AsyncSSH `errors`). */
export type ErrorsPolicy = 'strict' | 'replace' | 'ignore';

/** Default text encoding of sessions. */
export const DEFAULT_ENCODING = 'utf-8';

const encoder = new TextEncoder();

function checkEncoding(encoding: string): void {
  const e = encoding.toLowerCase();
  if (e !== 'utf-8' && e !== 'utf8') {
    throw new ValueError(`unsupported encoding ${encoding}: only utf-8 (or null for bytes)`);
  }
}

/** Turns application data into bytes for the wire and back, per channel encoding. */
export class ChannelCodec {
  readonly encoding: string | null;
  readonly errors: ErrorsPolicy;

  constructor(encoding: string | null = DEFAULT_ENCODING, errors: ErrorsPolicy = 'strict') {
    if (encoding !== null) checkEncoding(encoding);
    this.encoding = encoding;
    this.errors = errors;
  }

  /** Bytes of `data`: a string is encoded (only allowed with an encoding), bytes pass through. */
  encode(data: ChannelData): Uint8Array {
    if (typeof data === 'string') {
      if (this.encoding === null) throw new TypeError('string written to a channel with encoding null');
      return encoder.encode(data);
    }
    return data;
  }

  /** A stateful decoder: feed chunks in order; a character split across chunks is joined. */
  decoder(): StreamDecoder {
    return new StreamDecoder(this.encoding, this.errors);
  }
}

/** Decodes one stream of chunks (one datatype of a channel). */
export class StreamDecoder {
  private readonly text: TextDecoder | null;
  private readonly ignore: boolean;

  constructor(encoding: string | null, errors: ErrorsPolicy) {
    this.text = encoding === null ? null : new TextDecoder('utf-8', { fatal: errors === 'strict' });
    this.ignore = errors === 'ignore';
  }

  /** Decode a chunk (`final` flushes a trailing partial character). Throws TypeError in strict mode. */
  decode(chunk: Uint8Array, final = false): ChannelData {
    if (!this.text) return chunk;
    const s = this.text.decode(chunk, { stream: !final });
    return this.ignore ? s.replaceAll('\ufffd', '') : s;
  }
}

/** Concatenate byte chunks into one array. */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
