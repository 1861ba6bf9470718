import type { Duplex } from 'node:stream';
import type { ByteStream, ByteStreamSink } from '../stream/byte-stream.js';

/**
 * Bytes Node may hold unsent before `write` asks the transport to wait: eight
 * full 32 KiB data packets. Node's own default for sockets (16 KiB) is less
 * than one, which stopped the sender after every packet.
 */
const WRITE_BUFFER_LIMIT = 256 * 1024;

/**
 * Adapt a Node duplex stream (a `net.Socket` for TCP or UNIX sockets, or any
 * `stream.Duplex`) to the transport's byte stream. Chunks are handed on as
 * the `Buffer`s Node reads (no copy). Packets written in the same tick go to
 * the stream together (one `writev` on a socket), and writing pauses only once
 * 256 KiB (or the stream's own high-water mark, if larger) is waiting.
 */
export function fromNodeStream(stream: Duplex): ByteStream {
  let attached = false;
  let corked = false;
  const limit = Math.max(WRITE_BUFFER_LIMIT, stream.writableHighWaterMark ?? 0);
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    stream.uncork();
  };
  return {
    attach(sink: ByteStreamSink) {
      if (attached) throw new Error('byte stream already attached');
      attached = true;
      let closed = false;
      let lastError: Error | undefined;
      stream.on('data', (chunk: Buffer) => sink.data(chunk));
      stream.on('drain', () => sink.drain());
      stream.on('end', () => sink.end());
      stream.on('error', (err: Error) => {
        lastError = err;
      });
      stream.on('close', () => {
        if (closed) return;
        closed = true;
        sink.close(lastError);
      });
    },
    write: (data) => {
      if (!corked && !stream.writableEnded && !stream.destroyed) {
        corked = true;
        stream.cork();
        process.nextTick(uncork);
      }
      // When Node answers false it also promises a 'drain' event, so a false from us is always followed by one.
      return stream.write(data) || stream.writableLength < limit;
    },
    end: () => {
      stream.end();
    },
    destroy: (error) => {
      // Hand what this tick wrote to the stream first, as an uncorked write would have.
      uncork();
      stream.destroy(error);
    },
    pause: () => {
      stream.pause();
    },
    resume: () => {
      stream.resume();
    },
  };
}
