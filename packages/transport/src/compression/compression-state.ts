import {
  COMPRESSION_ZLIB,
  COMPRESSION_ZLIB_DELAYED,
  PacketCompressor,
  PacketDecompressor,
} from './zlib-stream.js';

/**
 * Which direction compresses, and the zlib streams. `zlib` starts with the
 * new keys; `zlib@openssh.com` waits for user authentication to succeed. A
 * stream, once started, lives as long as the connection (rekeys keep it).
 */
export class CompressionState {
  /** The negotiated algorithm per direction. */
  outAlg = 'none';
  inAlg = 'none';
  out: PacketCompressor | undefined;
  in: PacketDecompressor | undefined;
  private authDone = false;

  /** Start or stop the streams the negotiated algorithms call for now. */
  update(): void {
    const active = (alg: string) =>
      alg === COMPRESSION_ZLIB || (alg === COMPRESSION_ZLIB_DELAYED && this.authDone);
    this.out = active(this.outAlg) ? (this.out ?? new PacketCompressor()) : undefined;
    this.in = active(this.inAlg) ? (this.in ?? new PacketDecompressor()) : undefined;
  }

  /** User authentication succeeded: delayed compression may start. */
  authenticated(): void {
    this.authDone = true;
    this.update();
  }
}
