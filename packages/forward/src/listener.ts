import { ValueError } from '@ssh/wire';

/**
 * A forwarding listener (AsyncSSH's SSHListener): local listeners made by
 * forwardLocal* and forwardSocks, remote ones made by forwardRemote*.
 */
export interface ForwardListener {
  /** The TCP port listened on (the one picked when 0 was asked for); 0 for a UNIX socket. */
  getPort(): number;
  /** Every [address, port] listened on; for a UNIX socket one [path, 0]. */
  getAddresses(): [string, number][];
  /** Stop listening for new connections; forwardings already set up stay open. */
  close(): void;
  /** Resolves once the listener has stopped. */
  waitClosed(): Promise<void>;
  /** `await using listener = ...` closes it. */
  [Symbol.asyncDispose](): Promise<void>;
}

/** Decides on a connection to a local listener from origHost:origPort: true forwards it, false drops it. */
export type AcceptHandler = (origHost: string, origPort: number) => boolean | Promise<boolean>;

/** Reject a port number that is not an integer 0..65535. */
export function checkPort(port: number, what: string): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ValueError(`${what} must be an integer from 0 to 65535, got ${String(port)}`);
  }
}
