import { randomBytes } from '@noble/hashes/utils.js';
import { KeyEncryptionError, KeyExportError } from '../errors.js';
import type { KeyBackend } from '../keys/types.js';
import {
  DER,
  type DerNode,
  derExpect,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derOidText,
  derParse,
  derSequence,
  derSequenceItems,
  derSmallInt,
} from './der.js';
import { OID } from './oids.js';
import { type PbeCipher, pbeCipher, pbeDecrypt, pbeEncrypt } from './pbe-ciphers.js';
import { type PbeHashName, pbeHash, pbkdf1, pbkdf2Hmac, pkcs12Kdf } from './pbe-kdf.js';

/** How to encrypt a PKCS#8 key (AsyncSSH's cipher_name, hash_name, pbe_version). */
export interface PbeOptions {
  cipherName?: string;
  hashName?: string;
  pbeVersion?: 1 | 2;
  /** KDF iterations (default 2048, as OpenSSL). */
  iterations?: number;
}

/** PBES2 encryption schemes by OID. */
const PBES2_CIPHERS: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.1.2': 'aes128-cbc',
  '2.16.840.1.101.3.4.1.22': 'aes192-cbc',
  '2.16.840.1.101.3.4.1.42': 'aes256-cbc',
  '1.2.840.113549.3.7': 'des3-cbc',
  '1.3.14.3.2.7': 'des-cbc',
  '1.3.6.1.4.1.3029.1.2': 'blowfish-cbc',
  '1.2.840.113533.7.66.10': 'cast128-cbc',
};
/** PBKDF2 PRFs by OID (RFC 8018 B.1.2). */
const PRFS: Readonly<Record<string, PbeHashName>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
/** PBES1 (PKCS#5 v1.5) schemes: DES-CBC with MD5 or SHA-1 and PBKDF1. */
const PBES1: Readonly<Record<string, PbeHashName>> = {
  '1.2.840.113549.1.5.3': 'md5',
  '1.2.840.113549.1.5.10': 'sha1',
};
/** PKCS#12 PBE schemes (RFC 7292 appendix C) with SHA-1. */
const PKCS12: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.12.1.1': 'rc4-128',
  '1.2.840.113549.1.12.1.2': 'rc4-40',
  '1.2.840.113549.1.12.1.3': 'des3-cbc',
  '1.2.840.113549.1.12.1.4': 'des2-cbc',
};

const keyOf = (table: Readonly<Record<string, string>>, value: string) =>
  Object.keys(table).find((k) => table[k] === value);

function saltAndCount(params: DerNode | undefined): { salt: Uint8Array; count: number } {
  const [salt, count] = derSequenceItems(params, 'PBE parameters');
  return {
    salt: derExpect(salt, DER.OCTET_STRING, 'PBE salt').value,
    count: derSmallInt(count, 'PBE iteration count'),
  };
}

function checkCount(count: number): void {
  if (count < 1 || count > 10_000_000) throw new RangeError(`PBE iteration count ${count} is out of range`);
}

interface Scheme {
  cipher: PbeCipher;
  key: Uint8Array;
  iv: Uint8Array;
}

function pbes2Scheme(params: DerNode | undefined, pass: Uint8Array): Scheme {
  const [kdf, enc] = derSequenceItems(params, 'PBES2 parameters');
  const [kdfOid, kdfParams] = derSequenceItems(kdf, 'key derivation function');
  if (derOidText(kdfOid) !== OID.pbkdf2) throw new RangeError('PBES2 key derivation is not PBKDF2');
  const [salt, count, ...rest] = derSequenceItems(kdfParams, 'PBKDF2 parameters');
  let prf: PbeHashName = 'sha1';
  let keyLength: number | undefined;
  for (const r of rest) {
    if (r.tag === DER.INTEGER) keyLength = derSmallInt(r, 'PBKDF2 key length');
    if (r.tag !== DER.SEQUENCE) continue;
    const oid = derOidText(derSequenceItems(r)[0]);
    const p = PRFS[oid];
    if (!p) throw new RangeError(`unsupported PBKDF2 PRF ${oid}`);
    prf = p;
  }
  const [encOid, iv] = derSequenceItems(enc, 'encryption scheme');
  const oid = derOidText(encOid);
  const name = PBES2_CIPHERS[oid];
  if (!name) throw new RangeError(`unsupported PBES2 cipher ${oid}`);
  const cipher = pbeCipher(name, (m) => new RangeError(m));
  const n = derSmallInt(count, 'PBKDF2 iteration count');
  checkCount(n);
  // Blowfish takes any key length, so its files say which (RFC 8018 A.2 keyLength); the others have one.
  const length = cipher.name === 'blowfish-cbc' ? (keyLength ?? cipher.keyLength) : cipher.keyLength;
  if (length < 4 || length > 56 || (keyLength !== undefined && keyLength !== length)) {
    throw new RangeError('PBKDF2 key length does not fit the cipher');
  }
  const ivBytes = derExpect(iv, DER.OCTET_STRING, 'the IV').value;
  if (ivBytes.length !== cipher.ivLength) throw new RangeError('PBES2 IV has the wrong length');
  const saltBytes = derExpect(salt, DER.OCTET_STRING, 'the PBKDF2 salt').value;
  return { cipher, key: pbkdf2Hmac(prf, pass, saltBytes, n, length), iv: ivBytes };
}

/** Decrypt an EncryptedPrivateKeyInfo (RFC 5958 §3) to the PrivateKeyInfo DER. */
export function decryptPrivateKeyInfo(der: Uint8Array, pass: Uint8Array, backend: KeyBackend): Uint8Array {
  const [alg, data] = derSequenceItems(derParse(der), 'EncryptedPrivateKeyInfo');
  const [oidNode, params] = derSequenceItems(alg, 'encryption algorithm');
  const oid = derOidText(oidNode);
  const encrypted = derExpect(data, DER.OCTET_STRING, 'the encrypted key').value;
  let s: Scheme;
  if (oid === OID.pbes2) s = pbes2Scheme(params, pass);
  else if (PBES1[oid]) {
    const { salt, count } = saltAndCount(params);
    checkCount(count);
    const dk = pbkdf1(PBES1[oid] as PbeHashName, pass, salt, count, 16);
    s = { cipher: pbeCipher('des-cbc'), key: dk.subarray(0, 8), iv: dk.subarray(8) };
  } else if (PKCS12[oid]) {
    const { salt, count } = saltAndCount(params);
    checkCount(count);
    const cipher = pbeCipher(PKCS12[oid] as string);
    const key = pkcs12Kdf(pass, salt, 1, count, cipher.keyLength);
    s = {
      cipher,
      key,
      iv: cipher.ivLength ? pkcs12Kdf(pass, salt, 2, count, cipher.ivLength) : new Uint8Array(0),
    };
  } else throw new RangeError(`unsupported key encryption algorithm ${oid}`);
  const plain = pbeDecrypt(s.cipher, s.key, s.iv, encrypted, backend);
  if (plain[0] !== DER.SEQUENCE)
    throw new KeyEncryptionError('incorrect passphrase for the encrypted private key');
  return plain;
}

/** Encrypt PrivateKeyInfo DER as an EncryptedPrivateKeyInfo with PBES2, PBES1 or PKCS#12 PBE. */
export function encryptPrivateKeyInfo(
  info: Uint8Array,
  pass: Uint8Array,
  options: PbeOptions,
  backend: KeyBackend,
): Uint8Array {
  const cipher = pbeCipher(options.cipherName ?? 'aes256-cbc');
  const version = options.pbeVersion ?? 2;
  const count = options.iterations ?? 2048;
  if (!Number.isInteger(count) || count < 1)
    throw new KeyExportError(`PBE iterations must be positive, not ${count}`);
  const salt = randomBytes(version === 2 ? 16 : 8);
  let alg: Uint8Array;
  let key: Uint8Array;
  let iv: Uint8Array;
  if (version === 2) {
    const hash = (options.hashName ?? 'sha256') as PbeHashName;
    pbeHash(hash);
    const encOid = keyOf(PBES2_CIPHERS, cipher.name);
    const prfOid = keyOf(PRFS, hash);
    if (!encOid || !prfOid) throw new KeyExportError(`PBES2 does not support ${cipher.name} with ${hash}`);
    key = pbkdf2Hmac(hash, pass, salt, count, cipher.keyLength);
    iv = randomBytes(cipher.ivLength);
    const kdf = derSequence(
      derOid(OID.pbkdf2),
      derSequence(
        derOctetString(salt),
        derInteger(BigInt(count)),
        ...(cipher.name === 'blowfish-cbc' ? [derInteger(BigInt(cipher.keyLength))] : []),
        derSequence(derOid(prfOid), derNull()),
      ),
    );
    alg = derSequence(derOid(OID.pbes2), derSequence(kdf, derSequence(derOid(encOid), derOctetString(iv))));
  } else if (version === 1) {
    const hash = (options.hashName ?? 'sha1') as PbeHashName;
    const params = derSequence(derOctetString(salt), derInteger(BigInt(count)));
    const pbes1Oid = cipher.name === 'des-cbc' ? keyOf(PBES1, hash) : undefined;
    const p12Oid = hash === 'sha1' ? keyOf(PKCS12, cipher.name) : undefined;
    if (pbes1Oid) {
      const dk = pbkdf1(hash, pass, salt, count, 16);
      [key, iv] = [dk.subarray(0, 8), dk.subarray(8)];
      alg = derSequence(derOid(pbes1Oid), params);
    } else if (p12Oid) {
      key = pkcs12Kdf(pass, salt, 1, count, cipher.keyLength);
      iv = cipher.ivLength ? pkcs12Kdf(pass, salt, 2, count, cipher.ivLength) : new Uint8Array(0);
      alg = derSequence(derOid(p12Oid), params);
    } else throw new KeyExportError(`PBES1 does not support ${cipher.name} with ${hash}`);
  } else throw new KeyExportError(`unknown PBE version ${String(version)}`);
  return derSequence(alg, derOctetString(pbeEncrypt(cipher, key, iv, info, backend)));
}
