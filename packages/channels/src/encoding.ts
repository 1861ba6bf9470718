import { ValueError } from '@ssh/wire';
import type { Charset, ChunkDecoder } from './charset/charset.js';
import { lookupCharset } from './charset/lookup.js';
import { ERRORS_POLICIES, type ErrorsPolicy } from './encoding-policy.js';

export type { ErrorsPolicy };

/** Data on a channel: text when the channel has an encoding, bytes when `encoding` is null. */
export type ChannelData = string | Uint8Array;

/** Default text encoding of sessions. */
export const DEFAULT_ENCODING = 'utf-8';

/**
 * Turns application data into bytes for the wire and back, per channel
 * encoding: UTF-8 by default, any encoding TextDecoder knows (plus Python's
 * 'latin-1' and 'ascii'), or null for Uint8Array. `errors` says what happens
 * to text or bytes the encoding cannot handle: 'strict' throws
 * UnicodeEncodeError / UnicodeDecodeError, 'replace' puts '?' when encoding
 * and U+FFFD when decoding, 'ignore' drops them.
 */
export class ChannelCodec {
  private enc: string | null = null;
  private policy: ErrorsPolicy = 'strict';
  private charset: Charset | null = null;

  constructor(encoding: string | null = DEFAULT_ENCODING, errors: ErrorsPolicy = 'strict') {
    this.switchTo(encoding, errors);
  }

  /** The text encoding, or null when data is exchanged as bytes. */
  get encoding(): string | null {
    return this.enc;
  }

  /** The policy for undecodable bytes. */
  get errors(): ErrorsPolicy {
    return this.policy;
  }

  /**
   * Change the encoding (null: bytes). Only before any data has been decoded:
   * a server switches a session to bytes when the client asks for SFTP or SCP.
   */
  switchTo(encoding: string | null, errors: ErrorsPolicy = 'strict'): void {
    if (!ERRORS_POLICIES.includes(errors)) {
      throw new ValueError(`unknown errors policy ${String(errors)}: use strict, replace or ignore`);
    }
    this.charset = encoding === null ? null : lookupCharset(encoding);
    this.enc = encoding;
    this.policy = errors;
  }

  /** Bytes of `data`: a string is encoded (only allowed with an encoding), bytes pass through. */
  encode(data: ChannelData): Uint8Array {
    if (typeof data === 'string') {
      if (this.charset === null) throw new TypeError('string written to a channel with encoding null');
      return this.charset.encode(data, this.errors);
    }
    return data;
  }

  /** A stateful decoder: feed chunks in order; a character split across chunks is joined. */
  decoder(): StreamDecoder {
    return new StreamDecoder(this.charset, this.errors);
  }
}

/** Decodes one stream of chunks (one datatype of a channel). */
export class StreamDecoder {
  private readonly text: ChunkDecoder | null;

  constructor(charset: Charset | null, errors: ErrorsPolicy) {
    this.text = charset === null ? null : charset.decoder(errors);
  }

  /** Decode a chunk (`final` flushes a trailing partial character). Throws UnicodeDecodeError in strict mode. */
  decode(chunk: Uint8Array, final = false): ChannelData {
    if (!this.text) return chunk;
    return this.text.decode(chunk, final);
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
