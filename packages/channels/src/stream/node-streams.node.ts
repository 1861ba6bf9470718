import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import type { ChannelData } from '../encoding.js';
import type { RedirectSink } from '../process/redirect.js';
import type { SSHReader } from './reader.js';
import type { SSHWriter } from './writer.js';

/**
 * A Node Readable over an SSHReader, for `stream.pipeline`. It reads only
 * when Node asks (`_read`), so back-pressure reaches the peer through the window.
 * Text channels give string chunks (utf8), byte channels Buffers.
 */
export function toNodeReadable(reader: SSHReader, chunkSize = 65536): Readable {
  const text = reader.channel.codec.encoding !== null;
  return new Readable({
    highWaterMark: chunkSize,
    ...(text ? { encoding: 'utf8' as const } : {}),
    read() {
      reader.read(chunkSize).then(
        (chunk) => {
          this.push(chunk.length === 0 ? null : typeof chunk === 'string' ? chunk : asBuffer(chunk));
        },
        (err: Error) => this.destroy(err),
      );
    },
  });
}

/**
 * A Node Writable over an SSHWriter, for `stream.pipeline`: each write's
 * callback waits for `drain()`. Ending sends EOF; destroying with an error
 * aborts the channel.
 */
export function toNodeWritable(writer: SSHWriter): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      try {
        writer.write(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (err) {
        cb(err as Error);
        return;
      }
      writer.drain().then(() => cb(), cb);
    },
    final(cb) {
      writer.writeEof();
      cb();
    },
    destroy(err, cb) {
      if (err) writer.channel.abort();
      cb(err);
    },
  });
}

/** A RedirectSink over a Node Writable (waits for 'drain'; ends it at EOF). */
export function nodeSink(stream: NodeJS.WritableStream): RedirectSink {
  return {
    async write(chunk: ChannelData) {
      if (!stream.write(typeof chunk === 'string' ? chunk : asBuffer(chunk))) await once(stream, 'drain');
    },
    end: () => new Promise<void>((res) => stream.end(res)),
  };
}

/** A stdin source reading the file at `path` (AsyncSSH's redirect to a path name). */
export function fileSource(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path);
}

/** An output sink writing (or with `append`, appending) to the file at `path`. */
export function fileSink(path: string, options: { append?: boolean } = {}): RedirectSink {
  return nodeSink(createWriteStream(path, { flags: options.append ? 'a' : 'w' }));
}

/** A Buffer over the same bytes (no copy). */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
