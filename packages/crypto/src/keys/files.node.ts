import { readFile } from 'node:fs/promises';
import type { Passphrase, PrivateKeyExportOptions } from '../formats/types.js';
import { type ImportPrivateKeyOptions, makeKeyApi } from './api.js';
import { nodeBackend } from './backend.node.js';
import { nodeFileIO } from './file-io.node.js';
import { type KeyLoader, makeKeyLoader } from './load.js';
import type { SSHKey } from './ssh-key.js';

const api = makeKeyApi(nodeBackend);

async function readIfExists(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

const loader: KeyLoader = makeKeyLoader(nodeBackend, readIfExists);

/** Read one private key from a file, in any supported format (AsyncSSH read_private_key). */
export async function readPrivateKey(
  filename: string,
  passphrase?: Passphrase,
  options?: ImportPrivateKeyOptions,
): Promise<SSHKey> {
  return api.importPrivateKey(new Uint8Array(await readFile(filename)), passphrase, options);
}

/** Read one public key from a file (AsyncSSH read_public_key). */
export async function readPublicKey(filename: string): Promise<SSHKey> {
  return api.importPublicKey(new Uint8Array(await readFile(filename)));
}

/** Read every private key in a file; encrypted ones share the passphrase (AsyncSSH read_private_key_list). */
export async function readPrivateKeyList(
  filename: string,
  passphrase?: Passphrase,
  options?: ImportPrivateKeyOptions,
): Promise<SSHKey[]> {
  return api.importPrivateKeyList(new Uint8Array(await readFile(filename)), passphrase, options);
}

/** Read every public key in a file (AsyncSSH read_public_key_list). */
export async function readPublicKeyList(filename: string): Promise<SSHKey[]> {
  return api.importPublicKeyList(new Uint8Array(await readFile(filename)));
}

/**
 * Export a private key and write it to a file, created with mode 0600
 * (AsyncSSH SSHKey.write_private_key; also the method key.writePrivateKey).
 */
export async function writePrivateKey(
  key: SSHKey,
  filename: string,
  format = 'openssh',
  passphrase?: Passphrase,
  options?: PrivateKeyExportOptions,
): Promise<void> {
  const data = key.exportPrivateKey(format, passphrase, options);
  await nodeFileIO.writeFile(filename, data, { append: false, mode: 0o600 });
}

/** Export a public key and write it to a file (AsyncSSH SSHKey.write_public_key). */
export async function writePublicKey(key: SSHKey, filename: string, format = 'openssh'): Promise<void> {
  await nodeFileIO.writeFile(filename, key.exportPublicKey(format), { append: false });
}

/** Export a private key and append it to a file (AsyncSSH SSHKey.append_private_key). */
export async function appendPrivateKey(
  key: SSHKey,
  filename: string,
  format = 'openssh',
  passphrase?: Passphrase,
  options?: PrivateKeyExportOptions,
): Promise<void> {
  const data = key.exportPrivateKey(format, passphrase, options);
  await nodeFileIO.writeFile(filename, data, { append: true, mode: 0o600 });
}

/** Export a public key and append it to a file (AsyncSSH SSHKey.append_public_key). */
export async function appendPublicKey(key: SSHKey, filename: string, format = 'openssh'): Promise<void> {
  await nodeFileIO.writeFile(filename, key.exportPublicKey(format), { append: true });
}

/**
 * Load private keys and certificates as key pairs (AsyncSSH load_keypairs):
 * file names, bytes, SSHKey / SSHKeyPair objects, [key, cert] tuples or a list
 * of these. A key read from a file is paired with `<file>-cert.pub` when it
 * exists; with a certificate, a key is returned both with and without it.
 */
export const loadKeypairs: KeyLoader['loadKeypairs'] = loader.loadKeypairs;

/** Load public keys from file names, bytes or SSHKey objects (AsyncSSH load_public_keys). */
export const loadPublicKeys: KeyLoader['loadPublicKeys'] = loader.loadPublicKeys;
