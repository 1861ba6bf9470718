import { skEcdsaFactory, skEd25519Factory } from '../certs/sk-keys.js';
import { UnknownAlgorithmError } from '../errors.js';
import { dsaFactory } from './dsa.js';
import { nistp256Factory, nistp384Factory, nistp521Factory, secp256k1Factory } from './ecdsa.js';
import { ed448Factory, ed25519Factory } from './eddsa.js';
import type { KeyFactory } from './key-impl.js';
import { rsaFactory } from './rsa.js';

/** Every key type, by the name that starts its public blob. A new type is one line here. */
const KEY_FACTORIES: ReadonlyMap<string, KeyFactory> = new Map(
  [
    ed25519Factory,
    ed448Factory,
    nistp521Factory,
    nistp384Factory,
    nistp256Factory,
    secp256k1Factory,
    rsaFactory,
    dsaFactory,
    skEcdsaFactory,
    skEd25519Factory,
  ].map((f) => [f.keyType, f]),
);

/** Signature algorithms supported, in preference order (AsyncSSH 2.21's list for these key types). */
export const SUPPORTED_SIGNATURE_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ssh-ed448',
  'ecdsa-sha2-nistp521',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-1.3.132.0.10',
  'rsa-sha2-256',
  'rsa-sha2-512',
  'ssh-rsa-sha224@ssh.com',
  'ssh-rsa-sha256@ssh.com',
  'ssh-rsa-sha384@ssh.com',
  'ssh-rsa-sha512@ssh.com',
  'ssh-rsa',
  'ssh-dss',
];

/** Signature algorithms that stay supported but are off by default (SHA-1: OpenSSH 10 disables them). */
export const INSECURE_SIGNATURE_ALGORITHMS: readonly string[] = ['ssh-rsa', 'ssh-dss'];

/** Signature algorithms on by default: the supported list minus the insecure ones. */
export const DEFAULT_SIGNATURE_ALGORITHMS: readonly string[] = SUPPORTED_SIGNATURE_ALGORITHMS.filter(
  (a) => !INSECURE_SIGNATURE_ALGORITHMS.includes(a),
);

/**
 * Host key / public key algorithms (the names in KEXINIT and userauth), for plain keys.
 * Certificate and X.509 algorithms are added by the certificate code.
 */
export const SUPPORTED_PUBLIC_KEY_ALGORITHMS: readonly string[] = SUPPORTED_SIGNATURE_ALGORITHMS;
/** Host key / public key algorithms off by default. */
export const INSECURE_PUBLIC_KEY_ALGORITHMS: readonly string[] = INSECURE_SIGNATURE_ALGORITHMS;
/** Host key / public key algorithms on by default. */
export const DEFAULT_PUBLIC_KEY_ALGORITHMS: readonly string[] = DEFAULT_SIGNATURE_ALGORITHMS;

const KEY_TYPE_OF_SIG = new Map<string, string>();
for (const f of KEY_FACTORIES.values())
  for (const alg of f.sigAlgorithms) KEY_TYPE_OF_SIG.set(alg, f.keyType);

/** The factory of a key type; throws UnknownAlgorithmError for unknown names. */
export function getKeyFactory(keyType: string): KeyFactory {
  const f = KEY_FACTORIES.get(keyType);
  if (!f) throw new UnknownAlgorithmError('public key', keyType);
  return f;
}

/** Every key type name known. */
export function keyTypes(): string[] {
  return [...KEY_FACTORIES.keys()];
}

/**
 * The key type ('ssh-rsa', ...) that makes signatures of algorithm `sigAlg`
 * ('rsa-sha2-256', ...). Throws UnknownAlgorithmError for unknown names.
 */
export function keyTypeForSignatureAlgorithm(sigAlg: string): string {
  const t = KEY_TYPE_OF_SIG.get(sigAlg);
  if (t === undefined) throw new UnknownAlgorithmError('signature', sigAlg);
  return t;
}

/** True when `sigAlg` is a known signature algorithm. */
export function isSignatureAlgorithm(sigAlg: string): boolean {
  return KEY_TYPE_OF_SIG.has(sigAlg);
}
