import type { ChannelData } from '../encoding.js';
import { SSHReader } from '../stream/reader.js';
import { SSHWriter } from '../stream/writer.js';

/** Redirect markers: an interactive pipe (default), nothing, or stderr merged into stdout. */
export const PIPE = 'pipe';
export const DEVNULL = 'devnull';
export const STDOUT = 'stdout';

/** A destination for output: write each chunk (awaited for back-pressure), then end. */
export interface RedirectSink {
  write(chunk: ChannelData): unknown | Promise<unknown>;
  end?(): unknown | Promise<unknown>;
}

/** Where a process's stdin comes from. */
export type StdinSource =
  | typeof PIPE
  | typeof DEVNULL
  | SSHReader
  | ReadableStream<ChannelData>
  | AsyncIterable<ChannelData>;

/** Where a process's stdout or stderr goes. */
export type OutputTarget =
  | typeof PIPE
  | typeof DEVNULL
  | SSHWriter
  | WritableStream<ChannelData>
  | RedirectSink;

/** Where stderr goes: as output, or STDOUT to merge it into stdout. */
export type StderrTarget = OutputTarget | typeof STDOUT;

/** Chunks of a source, read `bufsize` at a time from SSH readers. */
export async function* sourceChunks(
  src: Exclude<StdinSource, 'pipe' | 'devnull'>,
  bufsize: number,
): AsyncGenerator<ChannelData> {
  if (src instanceof SSHReader) {
    for (;;) {
      const chunk = await src.read(bufsize);
      if (chunk.length === 0) return;
      yield chunk;
    }
  }
  if (typeof ReadableStream !== 'undefined' && src instanceof ReadableStream) {
    const reader = src.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  }
  yield* src as AsyncIterable<ChannelData>;
}

/** A RedirectSink over any output target. */
export function toSink(target: Exclude<OutputTarget, 'pipe' | 'devnull'>): RedirectSink {
  if (target instanceof SSHWriter) {
    return {
      write: async (chunk) => {
        target.write(chunk);
        await target.drain();
      },
      end: () => target.writeEof(),
    };
  }
  if (typeof WritableStream !== 'undefined' && target instanceof WritableStream) {
    const w = target.getWriter();
    return {
      write: async (chunk) => {
        await w.ready;
        await w.write(chunk);
      },
      end: () => w.close(),
    };
  }
  return target as RedirectSink;
}
