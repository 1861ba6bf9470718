import { GENERATIONS, type Generation, peerHost } from '../generation.js';
import { DEBIAN13_HINT } from '../require-peer.js';
import { hasAsyncSsh, startAsyncSshServer } from './asyncssh.js';
import { startDropbear } from './dropbear.js';
import { startOpenSshd } from './openssh.js';
import type { RunningServer } from './running-server.js';

/** One real server a test can start, with how to tell if it is installed. */
export interface ServerPeer {
  /** e.g. 'OpenSSH sshd (debian13)'. */
  readonly name: string;
  readonly kind: RunningServer['kind'];
  readonly generation: Generation;
  /** Undefined when installed; otherwise what to install. */
  missing(): string | undefined;
  start(): Promise<RunningServer>;
}

const DEBIAN12_HINT: Record<RunningServer['kind'], string> = {
  openssh: 'apt-get install openssh-server openssh-client',
  dropbear: 'apt-get install dropbear-bin',
  asyncssh: 'apt-get install python3-asyncssh',
};

function hint(kind: RunningServer['kind'], generation: Generation): string {
  return generation === 'debian12' ? DEBIAN12_HINT[kind] : DEBIAN13_HINT;
}

/** Every real server peer of both generations: OpenSSH, AsyncSSH and Dropbear. */
export function serverPeers(): ServerPeer[] {
  const peers: ServerPeer[] = [];
  for (const generation of GENERATIONS) {
    peers.push(
      {
        name: `OpenSSH sshd (${generation})`,
        kind: 'openssh',
        generation,
        missing: () =>
          peerHost(generation)?.has('/usr/sbin/sshd') ? undefined : hint('openssh', generation),
        start: () => startOpenSshd({ generation }),
      },
      {
        name: `AsyncSSH server (${generation})`,
        kind: 'asyncssh',
        generation,
        missing: () => (hasAsyncSsh(generation) ? undefined : hint('asyncssh', generation)),
        start: () => startAsyncSshServer({ generation }),
      },
      {
        name: `Dropbear (${generation})`,
        kind: 'dropbear',
        generation,
        missing: () =>
          peerHost(generation)?.has('/usr/sbin/dropbear') ? undefined : hint('dropbear', generation),
        start: () => startDropbear({ generation }),
      },
    );
  }
  return peers;
}
