import type { Duplex } from 'node:stream';
import type { ByteStream, ByteStreamSink } from '../stream/byte-stream.js';

/**
 * Adapt a Node duplex stream (a `net.Socket` for TCP or UNIX sockets, or any
 * `stream.Duplex`) to the transport's byte stream. Chunks are handed on as
 * the `Buffer`s Node reads (no copy).
 */
export function fromNodeStream(stream: Duplex): ByteStream {
  let attached = false;
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
    write: (data) => stream.write(data),
    end: () => {
      stream.end();
    },
    destroy: (error) => {
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
