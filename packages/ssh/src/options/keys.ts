import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  importCertificate,
  importPrivateKey,
  SSHCertificate,
  type SSHKey,
  type SSHKeyPair,
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

/**
 * The client keys to try: the given ones, or by default the unencrypted
 * keys found in ~/.ssh (encrypted ones need a passphrase and are skipped
 * without one, as AsyncSSH's `ignore_encrypted` default does).
 */
export function loadClientKeys(
  keys: readonly PrivateKeyArg[] | null | undefined,
  passphrase?: string,
): (SSHKey | SSHKeyPair)[] {
  if (keys === null) return [];
  if (keys !== undefined) return keys.map((k) => loadPrivateKey(k, passphrase));
  const found: (SSHKey | SSHKeyPair)[] = [];
  for (const name of DEFAULT_KEY_FILES) {
    const file = path.join(homedir(), '.ssh', name);
    if (!existsSync(file)) continue;
    try {
      found.push(loadPrivateKey(file, passphrase));
    } catch {
      // An encrypted key without its passphrase, or an unsupported file: skip it.
    }
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
