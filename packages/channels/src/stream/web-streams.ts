import type { ChannelData } from '../encoding.js';
import type { SSHReader } from './reader.js';
import type { SSHWriter } from './writer.js';

/**
 * A Web ReadableStream over an SSHReader. It pulls only when its consumer
 * reads (highWaterMark 0), so a slow consumer leaves data in the channel
 * buffer and the peer is stopped by the window. Cancelling closes the channel.
 */
export function toReadableStream<T extends ChannelData>(
  reader: SSHReader<T>,
  chunkSize = 65536,
): ReadableStream<T> {
  return new ReadableStream<T>(
    {
      async pull(controller) {
        const chunk = await reader.read(chunkSize);
        if (chunk.length === 0) controller.close();
        else controller.enqueue(chunk);
      },
      cancel() {
        reader.channel.close();
      },
    },
    { highWaterMark: 0 },
  );
}

/** What closing the WritableStream does: send EOF (default) or close the channel. */
export interface WritableStreamOptions {
  onClose?: 'eof' | 'close';
}

/**
 * A Web WritableStream over an SSHWriter: each write waits for `drain()`, so
 * the producer is held back while the peer's window is closed. Closing sends
 * EOF (or closes the channel); aborting closes the channel at once.
 */
export function toWritableStream<T extends ChannelData>(
  writer: SSHWriter<T>,
  options: WritableStreamOptions = {},
): WritableStream<T> {
  return new WritableStream<T>(
    {
      async write(chunk) {
        writer.write(chunk);
        await writer.drain();
      },
      close() {
        if (options.onClose === 'close') writer.close();
        else writer.writeEof();
      },
      abort() {
        writer.channel.abort();
      },
    },
    { highWaterMark: 1 },
  );
}
