import type { Generation } from '../generation.js';
import type { KeyFiles } from '../keys.js';
import type { PeerProcess } from '../process.js';
import type { PeerWorkdir } from '../workdir.js';

/** A real SSH server a test started on 127.0.0.1. */
export interface RunningServer {
  /** 'openssh', 'dropbear' or 'asyncssh'. */
  readonly kind: 'openssh' | 'dropbear' | 'asyncssh';
  readonly generation: Generation;
  readonly host: '127.0.0.1';
  readonly port: number;
  /** The user the client key may log in as. */
  readonly user: string;
  /** Host keys the server offers. */
  readonly hostKeys: readonly KeyFiles[];
  /** A client key the server accepts for `user`. */
  readonly clientKey: KeyFiles;
  /** A known_hosts file (on this machine) listing the host keys as `[127.0.0.1]:port`. */
  readonly knownHostsPath: string;
  readonly workdir: PeerWorkdir;
  readonly process: PeerProcess;
  /** The server's log so far. */
  log(): string;
  /** Stop the server by its pid and remove its files. */
  stop(): Promise<void>;
}

/** The known_hosts lines for a server's host keys. */
export function knownHostsLines(port: number, hostKeys: readonly KeyFiles[]): string {
  return `${hostKeys.map((k) => `[127.0.0.1]:${port} ${k.publicLine.split(' ').slice(0, 2).join(' ')}`).join('\n')}\n`;
}

/** Wait until a server's log matches `pattern` (sshd logs after it answers); rejects after `timeoutMs`. */
export async function waitForLog(
  server: Pick<RunningServer, 'log'>,
  pattern: RegExp,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.log())) {
    if (Date.now() > deadline)
      throw new Error(`server log never matched ${pattern}; it ends with: ${server.log().slice(-800)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
