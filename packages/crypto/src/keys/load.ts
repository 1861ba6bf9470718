import { makeCertApi } from '../certs/cert-api.js';
import { SSHCertificate } from '../certs/ssh-certificate.js';
import { SSHX509Certificate, SSHX509CertificateChain } from '../certs/x509-certificate.js';
import { assembleX509Chain } from '../certs/x509-chain-build.js';
import { KeyImportError, PassphraseRequiredError } from '../errors.js';
import type { Passphrase } from '../formats/types.js';
import { type ImportPrivateKeyOptions, makeKeyApi } from './api.js';
import { SSHKeyPair } from './keypair.js';
import { SSHKey } from './ssh-key.js';
import type { KeyBackend } from './types.js';

/** A private key reference: a file name, bytes to import, a loaded private SSHKey, or a key pair. */
export type PrivateKeyRef = string | Uint8Array | SSHKey | SSHKeyPair;
/** A certificate reference: a file name, bytes to import, a loaded certificate, or null for none. */
export type KeyCertificateRef = string | Uint8Array | SSHCertificate | null;
/**
 * One entry of a key list: a key, or a key with its certificate (or X.509
 * chain, leaf first), or a key with its public key (a file name, bytes or
 * an SSHKey: its comment names the pair when the key has none).
 */
export type KeyPairRef =
  | PrivateKeyRef
  | readonly [PrivateKeyRef, KeyCertificateRef | readonly KeyCertificateRef[] | SSHKey];
/** A public key reference: a file name, bytes to import, or a loaded SSHKey. */
export type PublicKeyRef = string | Uint8Array | SSHKey;
/** A passphrase, or a function of the file name returning one. */
export type PassphraseSource =
  | Passphrase
  | ((filename: string) => Passphrase | undefined | Promise<Passphrase | undefined>);

/** Options of loadKeypairs (AsyncSSH load_keypairs). */
export interface LoadKeypairsOptions extends ImportPrivateKeyOptions {
  /** Passphrase for encrypted keys, or a function of the file name. */
  passphrase?: PassphraseSource;
  /** Certificates to pair with the keys that match them. */
  certlist?: KeyCertificateRef | readonly KeyCertificateRef[];
  /** Skip entries that are public keys (IdentitiesOnly with mixed private and public IdentityFiles). */
  skipPublic?: boolean;
  /** Skip encrypted keys when no passphrase is given, instead of failing. */
  ignoreEncrypted?: boolean;
}

/** Reads a file; undefined when it does not exist. Absent in the neutral entry. */
export type FileReader = (path: string) => Promise<Uint8Array | undefined>;

/** loadKeypairs and loadPublicKeys bound to a backend and, under Node, to the file system. */
export interface KeyLoader {
  /** Load private keys and matching certificates as key pairs; a key with a certificate comes both with and without it. */
  loadKeypairs(
    keylist: KeyPairRef | readonly KeyPairRef[],
    options?: LoadKeypairsOptions,
  ): Promise<SSHKeyPair[]>;
  /** Load public keys from references (every key in a file). */
  loadPublicKeys(keylist: PublicKeyRef | readonly PublicKeyRef[]): Promise<SSHKey[]>;
}

const asList = <T>(v: T | readonly T[]): readonly T[] => (Array.isArray(v) ? (v as readonly T[]) : [v as T]);
type PairSecond = KeyCertificateRef | readonly KeyCertificateRef[] | SSHKey;
const isTuple = (r: KeyPairRef): r is readonly [PrivateKeyRef, PairSecond] => Array.isArray(r);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The certificates to pair `key` with, from `pool`. Certificates given with
 * the key (`explicit`): a list of X.509 certificates is its chain, leaf
 * first (as AsyncSSH); otherwise the first one for this key, KeyImportError
 * when none is. From files and the certlist: every certificate for this
 * key. An X.509 certificate goes with its issuers found in the same pool.
 */
function certsFor(key: SSHKey, pool: readonly SSHCertificate[], explicit: boolean): SSHCertificate[] {
  const forKey = (c: SSHCertificate) => sameBytes(c.key.publicData, key.publicData);
  const withIssuers = (c: SSHCertificate) =>
    c instanceof SSHX509Certificate ? assembleX509Chain(c, pool) : c;
  if (!explicit) return pool.filter(forKey).map(withIssuers);
  if (pool.length === 0) return [];
  const leaf = pool[0] as SSHCertificate;
  if (pool.length > 1 && pool.every((c): c is SSHX509Certificate => c instanceof SSHX509Certificate)) {
    if (!forKey(leaf))
      throw new KeyImportError(
        'the X.509 chain given with a key starts with a certificate for a different key',
      );
    return [new SSHX509CertificateChain(pool, leaf.getCommentBytes())];
  }
  const first = pool.find(forKey);
  if (!first) throw new KeyImportError('the certificate given with a key is for a different key');
  return [withIssuers(first)];
}

/** A pair's comment, as AsyncSSH picks it: the key's, else the certificate's, else the public key file's. */
const pairComment = (key: SSHKey, cert: SSHCertificate | null, pub: SSHKey | null): Uint8Array | null =>
  key.getCommentBytes() ?? cert?.getCommentBytes() ?? pub?.getCommentBytes() ?? null;

/** Build the loaders over `backend`; `readFile` resolves file names (none: file names are refused). */
export function makeKeyLoader(backend: KeyBackend, readFile?: FileReader): KeyLoader {
  const keys = makeKeyApi(backend);
  const certs = makeCertApi(backend);

  async function read(path: string): Promise<Uint8Array> {
    if (!readFile)
      throw new KeyImportError(`cannot read '${path}' here: file names need the node entry point`);
    const data = await readFile(path);
    if (data === undefined) throw new KeyImportError(`key file '${path}' does not exist`);
    return data;
  }

  async function loadCerts(ref: KeyCertificateRef | readonly KeyCertificateRef[]): Promise<SSHCertificate[]> {
    const out: SSHCertificate[] = [];
    for (const r of asList(ref)) {
      if (r === null) continue;
      if (r instanceof SSHCertificate) out.push(r);
      else out.push(...certs.importCertificateList(typeof r === 'string' ? await read(r) : r));
    }
    return out;
  }

  async function privateKeys(
    ref: Exclude<PrivateKeyRef, SSHKeyPair>,
    options: LoadKeypairsOptions,
  ): Promise<{ keys: SSHKey[]; certs: SSHCertificate[]; pubkey?: SSHKey }> {
    if (ref instanceof SSHKey) {
      if (!ref.isPrivate) throw new KeyImportError('a public key cannot be used as a private key');
      return { keys: [ref], certs: [] };
    }
    const name = typeof ref === 'string' ? ref : '';
    const data = typeof ref === 'string' ? await read(ref) : ref;
    if (options.skipPublic) {
      try {
        keys.importPublicKey(data);
        return { keys: [], certs: [] };
      } catch {
        // not a public key: load it as a private one
      }
    }
    const p = options.passphrase;
    const passphrase = typeof p === 'function' ? await p(name) : p;
    let loaded: SSHKey[];
    try {
      loaded = keys.importPrivateKeyList(data, passphrase, options);
    } catch (e) {
      if (options.ignoreEncrypted && e instanceof PassphraseRequiredError) return { keys: [], certs: [] };
      throw e;
    }
    const found: SSHCertificate[] = [];
    let pubkey: SSHKey | undefined;
    if (typeof ref === 'string' && readFile) {
      const pubFile = await readFile(`${ref}.pub`);
      try {
        if (pubFile !== undefined) pubkey = keys.importPublicKey(pubFile);
      } catch {
        // an unreadable .pub beside the key is ignored, as AsyncSSH does
      }
      const certFile = await readFile(`${ref}-cert.pub`);
      if (certFile !== undefined) found.push(...certs.importCertificateList(certFile));
      try {
        found.push(...certs.importCertificateList(data));
      } catch {
        // no X.509 certificate beside the key in this file
      }
    }
    return { keys: loaded, certs: found, pubkey };
  }

  /** The second element of a [key, ...] tuple: certificates, or else a public key (as AsyncSSH accepts). */
  async function second(ref: PairSecond): Promise<{ certs?: SSHCertificate[]; pubkey?: SSHKey }> {
    if (ref instanceof SSHKey) return { pubkey: ref };
    let failure: unknown;
    try {
      const loaded = await loadCerts(ref);
      if (loaded.length > 0) return { certs: loaded };
    } catch (e) {
      failure = e;
    }
    if (typeof ref === 'string' || ref instanceof Uint8Array) {
      try {
        return { pubkey: keys.importPublicKey(typeof ref === 'string' ? await read(ref) : ref) };
      } catch {
        // neither certificates nor a public key: report the certificate error
      }
    }
    if (failure !== undefined) throw failure;
    return {};
  }

  return {
    async loadKeypairs(keylist, options = {}) {
      const extra = options.certlist === undefined ? [] : await loadCerts(options.certlist);
      const out: SSHKeyPair[] = [];
      for (const entry of asList(keylist)) {
        const [keyRef, secondRef] = isTuple(entry) ? entry : [entry, undefined];
        const given = secondRef === undefined ? {} : await second(secondRef);
        const explicit = given.certs;
        if (keyRef instanceof SSHKeyPair) {
          // A key pair (local or from an agent) is returned itself, with a certificate found for it attached.
          const [cert] = certsFor(keyRef.key, explicit ?? extra, explicit !== undefined);
          if (cert) keyRef.setCertificate(cert);
          out.push(keyRef);
          continue;
        }
        const { keys: loaded, certs: found, pubkey: filePub } = await privateKeys(keyRef, options);
        for (const key of loaded) {
          if (given.pubkey && !sameBytes(given.pubkey.publicData, key.publicData)) {
            throw new KeyImportError('the public key given with a private key does not match it');
          }
          const pub =
            given.pubkey ?? (filePub && sameBytes(filePub.publicData, key.publicData) ? filePub : null);
          for (const c of certsFor(key, explicit ?? [...found, ...extra], explicit !== undefined)) {
            out.push(new SSHKeyPair(key, c, pairComment(key, c, pub)));
          }
          out.push(new SSHKeyPair(key, null, pairComment(key, null, pub)));
        }
      }
      return out;
    },
    async loadPublicKeys(keylist) {
      const out: SSHKey[] = [];
      for (const ref of asList(keylist)) {
        if (ref instanceof SSHKey) out.push(ref.convertToPublic());
        else out.push(...keys.importPublicKeyList(typeof ref === 'string' ? await read(ref) : ref));
      }
      return out;
    },
  };
}
