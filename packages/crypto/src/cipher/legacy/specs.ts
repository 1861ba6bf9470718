import type { BlockCipherCore } from './block-core.js';
import { createBlowfishCore } from './blowfish.js';
import { createCast128Core } from './cast128.js';
import { createSeedCore } from './seed.js';

/** One of the legacy SSH ciphers: its sizes, its OpenSSL name, and how the portable path builds it. */
export interface LegacyCipherSpec {
  readonly name: string;
  readonly keyLength: number;
  /** 0 for RC4, which takes no IV. */
  readonly ivLength: number;
  /** The padding unit: the cipher block, or 8 for RC4 (RFC 4253 §6). */
  readonly blockSize: number;
  /** OpenSSL's name; OpenSSL 3 has these in its legacy provider only. */
  readonly openssl: string;
  /** CBC over this block core; absent for RC4. */
  readonly core?: (key: Uint8Array) => BlockCipherCore;
  /** Keystream bytes RC4 throws away before the first packet. */
  readonly discard?: number;
}

/** RFC 4345 §4: arcfour128 and arcfour256 discard the first 1536 bytes of keystream. */
const ARCFOUR_DISCARD = 1536;

/**
 * The ciphers AsyncSSH supports but does not offer by default beyond AES and
 * 3DES: RFC 4253 §6.3 (blowfish-cbc, cast128-cbc, arcfour), RFC 4345
 * (arcfour128, arcfour256) and SSH Communications' seed-cbc@ssh.com (SEED,
 * RFC 4269, in CBC mode with a 16-byte IV).
 */
export const LEGACY_CIPHER_SPECS: readonly LegacyCipherSpec[] = [
  {
    name: 'blowfish-cbc',
    keyLength: 16,
    ivLength: 8,
    blockSize: 8,
    openssl: 'bf-cbc',
    core: createBlowfishCore,
  },
  {
    name: 'cast128-cbc',
    keyLength: 16,
    ivLength: 8,
    blockSize: 8,
    openssl: 'cast5-cbc',
    core: createCast128Core,
  },
  {
    name: 'seed-cbc@ssh.com',
    keyLength: 16,
    ivLength: 16,
    blockSize: 16,
    openssl: 'seed-cbc',
    core: createSeedCore,
  },
  { name: 'arcfour256', keyLength: 32, ivLength: 0, blockSize: 8, openssl: 'rc4', discard: ARCFOUR_DISCARD },
  { name: 'arcfour128', keyLength: 16, ivLength: 0, blockSize: 8, openssl: 'rc4', discard: ARCFOUR_DISCARD },
  { name: 'arcfour', keyLength: 16, ivLength: 0, blockSize: 8, openssl: 'rc4' },
];
