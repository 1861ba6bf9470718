import type { SSHChannel } from './channel.js';
import type { ChannelData, ErrorsPolicy } from './encoding.js';
import type { DataType } from './inbound.js';

/** What a channel calls on its session handler (AsyncSSH's SSHSession callbacks). */
export interface SessionHandler {
  connectionMade?(channel: SSHChannel): void;
  connectionLost?(exc: Error | null): void;
  sessionStarted?(): void;
  dataReceived?(data: ChannelData, datatype: DataType): void;
  /** Return true to stay half open; otherwise the channel closes. */
  eofReceived?(): boolean | undefined;
  pauseWriting?(): void;
  resumeWriting?(): void;
}

/** Per-channel settings: text encoding, error policy, receive window and max packet. */
export interface ChannelOptions {
  /** Text encoding of the data (default utf-8); null exchanges Uint8Array. */
  encoding?: string | null;
  /** What to do with undecodable bytes (default 'strict'). */
  errors?: ErrorsPolicy;
  /** Receive window in bytes (default 2 MiB). */
  window?: number;
  /** Largest data packet we accept (default 32 KiB). */
  maxPktsize?: number;
}
