import { CompressionError } from '@ssh/wire';
import { Deflater } from './deflate.js';
import { Inflater } from './inflate.js';

/** Compression algorithm names (RFC 4253 §6.2, OpenSSH PROTOCOL §1.2). */
export const COMPRESSION_NONE = 'none';
export const COMPRESSION_ZLIB = 'zlib';
export const COMPRESSION_ZLIB_DELAYED = 'zlib@openssh.com';

/** Every compression algorithm, preferred first, and the ones offered by default (AsyncSSH's). */
export const COMPRESSION_SUPPORTED = [COMPRESSION_ZLIB_DELAYED, COMPRESSION_ZLIB, COMPRESSION_NONE];
export const COMPRESSION_DEFAULT = [COMPRESSION_ZLIB_DELAYED, COMPRESSION_NONE];

/**
 * One direction's zlib stream: each payload is compressed and flushed to a
 * byte boundary, so the peer can inflate it at once; the window carries over
 * from packet to packet for the life of the connection.
 */
export class PacketCompressor {
  private readonly deflater = new Deflater();

  compress(payload: Uint8Array): Uint8Array {
    return this.deflater.deflate(payload);
  }
}

/** The receiving direction's zlib stream. */
export class PacketDecompressor {
  private readonly inflater = new Inflater();

  decompress(payload: Uint8Array, maxLength: number): Uint8Array {
    const result = this.inflater.inflate(payload, maxLength);
    if (result.length === 0) throw new CompressionError('a compressed packet inflated to nothing');
    return result;
  }
}
