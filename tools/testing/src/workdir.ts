import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { PeerHost } from './generation.js';

/** A scratch folder a peer can read: `peer` is its path inside the peer's root, `local` on this machine. */
export interface PeerWorkdir {
  readonly peer: string;
  readonly local: string;
  /** Both paths of a file in the folder. */
  file(name: string): { peer: string; local: string };
  remove(): void;
}

/** Make a private scratch folder inside the peer's root (its /tmp). */
export function makePeerWorkdir(host: PeerHost, prefix: string): PeerWorkdir {
  const tmp = host.hostPath('/tmp');
  mkdirSync(tmp, { recursive: true, mode: 0o1777 });
  const local = mkdtempSync(path.join(tmp, `${prefix}-`));
  const peer = path.posix.join('/tmp', path.basename(local));
  return {
    peer,
    local,
    file: (name) => ({ peer: path.posix.join(peer, name), local: path.join(local, name) }),
    remove: () => rmSync(local, { recursive: true, force: true }),
  };
}
