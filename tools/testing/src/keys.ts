import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Key types `ssh-keygen -t` makes that every peer generation here accepts. */
export type KeygenType = 'ed25519' | 'ecdsa' | 'rsa' | 'dsa';

/** A key pair written by `ssh-keygen`, with its public line. */
export interface KeyFiles {
  readonly type: KeygenType;
  /** Private key path on this machine. */
  readonly path: string;
  /** The `type base64 comment` public line. */
  readonly publicLine: string;
}

/** Generate a key with the machine's `ssh-keygen` (no passphrase unless given). */
export function sshKeygen(
  type: KeygenType,
  file: string,
  opts: { bits?: number; passphrase?: string; comment?: string } = {},
): KeyFiles {
  const args = [
    '-q',
    '-t',
    type,
    '-N',
    opts.passphrase ?? '',
    '-C',
    opts.comment ?? `test-${type}`,
    '-f',
    file,
  ];
  if (opts.bits) args.push('-b', String(opts.bits));
  execFileSync('ssh-keygen', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return { type, path: file, publicLine: readFileSync(`${file}.pub`, 'utf8').trim() };
}

/** The SSH algorithm name a host key of this type is offered under (RSA: the SHA-2 one). */
export function hostKeyAlgorithm(type: KeygenType): string {
  switch (type) {
    case 'ed25519':
      return 'ssh-ed25519';
    case 'ecdsa':
      return 'ecdsa-sha2-nistp256';
    case 'rsa':
      return 'rsa-sha2-256';
    case 'dsa':
      return 'ssh-dss';
  }
}
