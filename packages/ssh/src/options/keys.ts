import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  importCertificate,
  importPrivateKey,
  PassphraseRequiredError,
  SSHCertificate,
  type SSHKey,
  SSHKeyPair,
} from '@ssh/crypto';

/** A private key as options accept it: a key or key pair (with a certificate), a file path, or the key file's text or bytes. */
export type PrivateKeyArg = SSHKey | SSHKeyPair | string | Uint8Array;

/** The default client key files, as AsyncSSH and OpenSSH look for them in ~/.ssh. */
export const DEFAULT_KEY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

function looksLikeKeyText(s: string): boolean {
  return s.includes('-----BEGIN') || s.includes('PuTTY-User-Key-File');
}

/** Load one private key; a string is a file path unless it holds the key itself. */
export function loadPrivateKey(arg: PrivateKeyArg, passphrase?: string): SSHKey | SSHKeyPair {
  if (typeof arg === 'string') {
    const data = looksLikeKeyText(arg) ? arg : readFileSync(arg);
    return importPrivateKey(data, passphrase);
  }
  if (arg instanceof Uint8Array) return importPrivateKey(arg, passphrase);
  return arg;
}

/** How client keys are loaded. */
export interface ClientKeyOptions {
  passphrase?: string | undefined;
  /** Certificates to pair with the keys they certify. */
  certs?: readonly CertificateArg[] | undefined;
  /** Skip encrypted keys that have no passphrase (default: true for the default keys, false for given ones). */
  ignoreEncrypted?: boolean | undefined;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A key file with the certificate OpenSSH keeps beside it (`<file>-cert.pub`), when there is one. */
function withCertFile(key: SSHKey | SSHKeyPair, file: string): SSHKey | SSHKeyPair {
  const certFile = `${file}-cert.pub`;
  if (!existsSync(certFile) || key instanceof SSHKeyPair) return key;
  try {
    return new SSHKeyPair(key, importCertificate(readFileSync(certFile)));
  } catch {
    return key;
  }
}

/**
 * The client keys to try: the given ones, or by default the keys found in
 * ~/.ssh (id_ed25519, id_ecdsa, id_rsa), each with its `-cert.pub` file;
 * then `certs` are paired with the keys they certify. Encrypted keys without
 * a passphrase are skipped when `ignoreEncrypted` (the default for the
 * default keys, as AsyncSSH does) and are an error otherwise.
 */
export function loadClientKeys(
  keys: readonly PrivateKeyArg[] | null | undefined,
  opts: ClientKeyOptions = {},
): (SSHKey | SSHKeyPair)[] {
  if (keys === null) return [];
  const defaults = keys === undefined;
  const ignoreEncrypted = opts.ignoreEncrypted ?? defaults;
  const sources: PrivateKeyArg[] = defaults
    ? DEFAULT_KEY_FILES.map((n) => path.join(homedir(), '.ssh', n)).filter((f) => existsSync(f))
    : [...keys];
  const found: (SSHKey | SSHKeyPair)[] = [];
  for (const arg of sources) {
    try {
      const key = loadPrivateKey(arg, opts.passphrase);
      found.push(typeof arg === 'string' && !looksLikeKeyText(arg) ? withCertFile(key, arg) : key);
    } catch (err) {
      if (err instanceof PassphraseRequiredError && ignoreEncrypted) continue;
      // A default key file we cannot read is skipped, as OpenSSH does.
      if (defaults && !(err instanceof PassphraseRequiredError)) continue;
      throw err;
    }
  }
  for (const c of opts.certs ?? []) {
    const cert = loadCertificate(c);
    const i = found.findIndex((k) =>
      same((k instanceof SSHKeyPair ? k.key : k).publicData, cert.key.publicData),
    );
    if (i < 0) throw new TypeError('clientCerts: a certificate matches none of the client keys');
    const k = found[i] as SSHKey | SSHKeyPair;
    found[i] = new SSHKeyPair(k instanceof SSHKeyPair ? k.key : k, cert);
  }
  return found;
}

/** A certificate as options accept it: the object, a file path, or the certificate's text or bytes. */
export type CertificateArg = SSHCertificate | string | Uint8Array;

/** Load one certificate; a string is a file path unless it holds the certificate itself. */
export function loadCertificate(arg: CertificateArg): SSHCertificate {
  if (arg instanceof SSHCertificate) return arg;
  if (typeof arg === 'string') {
    const text =
      /-cert-v01@openssh\.com\s+[A-Za-z0-9+/]/.test(arg) || arg.includes('-----BEGIN')
        ? arg
        : readFileSync(arg);
    return importCertificate(text);
  }
  return importCertificate(arg);
}
