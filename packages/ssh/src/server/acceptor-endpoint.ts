import type { AddressInfo, Server } from 'node:net';
import type { SSHListener } from '@ssh/channels';

/** Where an acceptor listens: local Node servers, or a listener on another SSH connection. */
export interface AcceptorEndpoint {
  /** The addresses listened on, as [address, port]. */
  addresses(): [string, number][];
  /** Stop listening. */
  close(): void;
  /** Resolves once listening has stopped. */
  waitClosed(): Promise<void>;
}

/** One or more listening Node servers (a host name may resolve to several addresses). */
export function nodeServersEndpoint(servers: readonly Server[]): AcceptorEndpoint {
  return {
    addresses() {
      return servers.flatMap((s) => {
        const a = s.address();
        return a && typeof a !== 'string' ? [[(a as AddressInfo).address, (a as AddressInfo).port]] : [];
      }) as [string, number][];
    },
    close() {
      for (const s of servers) if (s.listening) s.close();
    },
    async waitClosed() {
      await Promise.all(
        servers.map((s) => (s.listening ? new Promise<void>((r) => s.once('close', () => r())) : undefined)),
      );
    },
  };
}

/** A remote listener (tcpip-forward) opened on an SSH connection for `host`. */
export function sshListenerEndpoint(listener: SSHListener, host: string): AcceptorEndpoint {
  let closed = false;
  return {
    addresses: () => (closed ? [] : [[host, listener.getPort()]]),
    close() {
      closed = true;
      listener.close();
    },
    waitClosed: () => (closed ? listener.waitClosed() : new Promise<void>(() => {})),
  };
}
