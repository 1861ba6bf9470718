import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Which generation of a peer to run: `debian12` is the machine's own packages
 * (OpenSSH 9.2, AsyncSSH 2.10, Dropbear 2022.83); `debian13` runs the same
 * programs from a Debian 13 root made by `debootstrap` (OpenSSH 10.0 with
 * ML-KEM, AsyncSSH 2.20, Dropbear 2025.89).
 */
export type Generation = 'debian12' | 'debian13';

/** Every generation, oldest first. */
export const GENERATIONS: readonly Generation[] = ['debian12', 'debian13'];

/** Where the Debian 13 root is cached between test runs. */
export function peerCacheDir(): string {
  return process.env.SSH_TEST_PEERS_CACHE ?? '/var/cache/ssh-test-peers';
}

/** The Debian 13 root, or undefined when it has not been built. */
export function debian13Root(): string | undefined {
  const root = path.join(peerCacheDir(), 'trixie');
  return existsSync(path.join(root, 'usr/sbin/sshd')) ? root : undefined;
}

/**
 * A place to run one peer: the file-system root its programs see, and how a
 * command line is spelled to run there.
 */
export interface PeerHost {
  readonly generation: Generation;
  /** Absolute path of the root on this machine ('/' for debian12). */
  readonly root: string;
  /** The command and arguments that run `argv` inside the root. */
  command(argv: readonly string[]): { file: string; args: string[] };
  /** The path on this machine of a path as the peer sees it. */
  hostPath(peerPath: string): string;
  /** Whether `peerPath` (an absolute path inside the root) exists. */
  has(peerPath: string): boolean;
}

/** The host for a generation, or undefined when it is not installed. */
export function peerHost(generation: Generation): PeerHost | undefined {
  if (generation === 'debian12') {
    return {
      generation,
      root: '/',
      command: (argv) => ({ file: argv[0] as string, args: argv.slice(1) }),
      hostPath: (p) => p,
      has: (p) => existsSync(p),
    };
  }
  const root = debian13Root();
  if (!root) return undefined;
  return {
    generation,
    root,
    command: (argv) => ({ file: 'chroot', args: [root, ...argv] }),
    hostPath: (p) => path.join(root, p),
    has: (p) => existsSync(path.join(root, p)),
  };
}
