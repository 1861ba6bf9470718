import type { SSHReader, SSHWriter } from '@ssh/channels';
import { SCP_OK } from './protocol.js';

/** Bytes in, bytes out: the two directions of an SCP session. */
export interface ScpByteStream {
  /** Up to `n` bytes; empty at EOF. */
  read(n: number): Promise<Uint8Array>;
  /** One line including its '\n'; what is left (without '\n') at EOF. */
  readline(): Promise<Uint8Array>;
  write(data: Uint8Array): void;
  /** Wait until what was written has room in the channel. */
  drain(): Promise<void>;
  /** Signal EOF to the peer and close our end. */
  close(): Promise<void>;
  /** What the remote program printed on stderr so far (a remote scp explaining why it stopped). */
  diagnostics?(): string;
}

/** Refuse channels that deliver text: SCP carries raw file bytes. */
function checkBytes(reader: SSHReader): void {
  if (reader.channel.codec.encoding !== null) {
    throw new TypeError('SCP needs a channel opened with encoding: null (it carries raw bytes)');
  }
}

/** An ScpByteStream over a session's reader and writer (the channel must have `encoding: null`). */
export function scpStreamOf(reader: SSHReader, writer: SSHWriter, closeChannel: boolean): ScpByteStream {
  checkBytes(reader);
  const r = reader as SSHReader<Uint8Array>;
  const w = writer as SSHWriter<Uint8Array>;
  return {
    read: (n) => r.read(n),
    readline: () => r.readline(),
    write: (data) => {
      if (!w.isClosing()) w.write(data);
    },
    drain: () => w.drain(),
    close: async () => {
      if (w.isClosing()) return;
      if (closeChannel) {
        if (w.canWriteEof()) w.writeEof();
        w.close();
        await w.waitClosed();
      }
    },
  };
}

/** The single OK status byte. */
export const OK_BYTE: Uint8Array = Uint8Array.of(SCP_OK);
