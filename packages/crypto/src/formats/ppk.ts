import { sha1 } from '@noble/hashes/legacy.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyEncryptionError, KeyExportError, KeyImportError, PassphraseRequiredError } from '../errors.js';
import { decodePublicBlob, encodePublicBlob } from '../keys/blob.js';
import { asImportError } from '../keys/import-error.js';
import type { KeyImpl } from '../keys/key-impl.js';
import type { KeyBackend } from '../keys/types.js';
import { fromBase64, toBase64 } from './base64.js';
import { type KeyFields, keyFields, keyFromFields } from './key-fields.js';
import { type PpkArgon2, type PpkKeys, ppkMac, ppkMacData, ppkV2Keys, ppkV3Keys } from './ppk-crypto.js';
import { type DecodedKey, latin1, type PrivateKeyFormat, passphraseBytes } from './types.js';

const HEAD = /^PuTTY-User-Key-File-(\d+): (.*)$/;
/** Refuse Argon2 memory above 256 MiB and passes above 1000: a hostile file must not exhaust the process. */
const MAX_ARGON2_MEMORY = 1 << 18;
const MAX_ARGON2_PASSES = 1000;

/** The fields of a PPK file, before decryption. */
interface PpkFile {
  version: 2 | 3;
  algorithm: string;
  encryption: string;
  comment: Uint8Array;
  publicBlob: Uint8Array;
  privateBlob: Uint8Array;
  mac: string;
  argon2?: PpkArgon2;
}

function parse(data: Uint8Array): PpkFile {
  const lines = latin1(data).split(/\r\n|\n|\r/);
  let at = 0;
  const next = (name: string): string => {
    const line = lines[at++];
    const prefix = `${name}: `;
    if (line === undefined || !line.startsWith(prefix))
      throw new KeyImportError(`PPK file is missing its ${name} line`);
    return line.slice(prefix.length);
  };
  const blob = (name: string): Uint8Array => {
    const count = Number(next(name));
    if (!Number.isInteger(count) || count < 0 || at + count > lines.length) {
      throw new KeyImportError(`PPK ${name} count is invalid`);
    }
    const b64 = lines.slice(at, at + count).join('');
    at += count;
    try {
      return fromBase64(b64);
    } catch {
      throw new KeyImportError(`PPK ${name} block has invalid base64`);
    }
  };
  const head = HEAD.exec(lines[at++] ?? '');
  if (!head) throw new KeyImportError('not a PuTTY key file');
  const version = Number(head[1]);
  if (version !== 2 && version !== 3)
    throw new KeyImportError(`PuTTY key file version ${head[1]} is not supported`);
  const algorithm = head[2] as string;
  const encryption = next('Encryption');
  if (encryption !== 'none' && encryption !== 'aes256-cbc') {
    throw new KeyImportError(`unsupported PPK encryption '${encryption}'`);
  }
  const comment = Uint8Array.from(next('Comment'), (c) => c.charCodeAt(0));
  const publicBlob = blob('Public-Lines');
  let argon2: PpkArgon2 | undefined;
  if (version === 3 && encryption !== 'none') {
    const flavour = next('Key-Derivation');
    if (flavour !== 'Argon2id' && flavour !== 'Argon2i' && flavour !== 'Argon2d') {
      throw new KeyImportError(`unsupported PPK key derivation '${flavour}'`);
    }
    const num = (name: string, max: number) => {
      const v = next(name);
      if (!/^\d{1,10}$/.test(v) || Number(v) < 1 || Number(v) > max)
        throw new KeyImportError(`PPK ${name} is out of range`);
      return Number(v);
    };
    const memory = num('Argon2-Memory', MAX_ARGON2_MEMORY);
    const passes = num('Argon2-Passes', MAX_ARGON2_PASSES);
    const parallelism = num('Argon2-Parallelism', 255);
    const saltHex = next('Argon2-Salt');
    if (!/^([0-9a-fA-F]{2})+$/.test(saltHex)) throw new KeyImportError('PPK Argon2-Salt is not hex');
    const salt = Uint8Array.from(saltHex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
    if (memory < 8 * parallelism)
      throw new KeyImportError('PPK Argon2-Memory is too small for its parallelism');
    argon2 = { flavour, memory, passes, parallelism, salt };
  }
  const privateBlob = blob('Private-Lines');
  const mac = next('Private-MAC').trim().toLowerCase();
  return { version, algorithm, encryption, comment, publicBlob, privateBlob, mac, argon2 };
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}

/** Read the private blob fields (PuTTY appendix C.3) and join them with the public key. */
function privateFields(pub: KeyFields, r: PacketReader): KeyFields {
  if (pub.kind === 'rsa') {
    const d = r.readMpint('RSA d');
    const p = r.readMpint('RSA p');
    const q = r.readMpint('RSA q');
    const iqmp = r.readMpint('RSA iqmp');
    return { ...pub, priv: { d, p, q, iqmp } };
  }
  if (pub.kind === 'dsa') return { ...pub, x: r.readMpint('DSA x') };
  if (pub.kind === 'ec') return { ...pub, d: r.readMpint('EC private key') };
  let seed = r.readString('EdDSA private key');
  const len = pub.curve === 'ed25519' ? 32 : 57;
  if (seed.length === len + 1 && seed[0] === 0) seed = seed.subarray(1);
  if (seed.length !== len) throw new KeyImportError(`${pub.curve} private key must be ${len} bytes`);
  return { ...pub, seed: seed.slice() };
}

/** Decode a PuTTY .ppk private key, version 2 or 3, encrypted or not. */
export function decodePpk(
  data: Uint8Array,
  passphrase: Parameters<PrivateKeyFormat['decode']>[1],
  backend: KeyBackend,
): DecodedKey {
  const f = parse(data);
  const encrypted = f.encryption !== 'none';
  if (encrypted && passphrase === undefined) throw new PassphraseRequiredError();
  const pass = encrypted && passphrase !== undefined ? passphraseBytes(passphrase) : new Uint8Array(0);
  let keys: PpkKeys;
  if (f.version === 2) keys = ppkV2Keys(pass);
  else if (f.argon2) keys = ppkV3Keys(pass, f.argon2);
  else keys = { key: new Uint8Array(0), iv: new Uint8Array(0), macKey: new Uint8Array(0) };
  let priv = f.privateBlob;
  if (encrypted) {
    if (priv.length === 0 || priv.length % 16 !== 0)
      throw new KeyImportError('PPK private blob is not a whole number of AES blocks');
    priv = backend.keyFileCipher('aes256-cbc', keys.key, keys.iv, priv, true);
  }
  const mac = ppkMac(
    f.version,
    keys.macKey,
    ppkMacData(f.algorithm, f.encryption, f.comment, f.publicBlob, priv),
  );
  if (!constantTimeEqual(mac, f.mac)) {
    if (encrypted)
      throw new KeyEncryptionError(
        'incorrect passphrase for the PuTTY key, or a corrupted file (MAC mismatch)',
      );
    throw new KeyImportError('PuTTY key file is corrupted: its MAC does not match');
  }
  let impl: KeyImpl;
  try {
    const pub = decodePublicBlob(f.publicBlob, backend);
    if (pub.keyType !== f.algorithm)
      throw new KeyImportError(`PPK says '${f.algorithm}' but holds a ${pub.keyType} key`);
    impl = keyFromFields(privateFields(keyFields(pub), new PacketReader(priv)), backend);
  } catch (e) {
    throw asImportError(e, 'invalid PuTTY private key');
  }
  return { impl, comment: f.comment.length > 0 ? f.comment : null };
}

function writePrivateBlob(impl: KeyImpl): Uint8Array {
  const f = keyFields(impl);
  const w = new PacketWriter(1024);
  if (f.kind === 'rsa' && f.priv)
    w.writeMpint(f.priv.d).writeMpint(f.priv.p).writeMpint(f.priv.q).writeMpint(f.priv.iqmp);
  else if (f.kind === 'dsa' && f.x !== undefined) w.writeMpint(f.x);
  else if (f.kind === 'ec' && f.d !== undefined) w.writeMpint(f.d);
  else if (f.kind === 'ed' && f.seed) w.writeString(f.seed);
  else throw new KeyExportError('only a private key can be exported in a private key format');
  return w.toBytes().slice();
}

const lines64 = (b: Uint8Array): string[] => {
  const s = toBase64(b);
  const out: string[] = [];
  for (let i = 0; i < s.length; i += 64) out.push(s.slice(i, i + 64));
  return out;
};

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** Encode a PuTTY .ppk key: version 3 (Argon2id, HMAC-SHA-256) by default, or version 2. */
export const encodePpk: NonNullable<PrivateKeyFormat['encode']> = (key, passphrase, options, backend) => {
  const version = options.ppkVersion ?? 3;
  if (version !== 2 && version !== 3)
    throw new KeyExportError(`PPK version must be 2 or 3, not ${String(version)}`);
  const pass = passphrase === undefined ? new Uint8Array(0) : passphraseBytes(passphrase);
  const encrypted = pass.length > 0;
  const encryption = encrypted ? 'aes256-cbc' : 'none';
  const algorithm = key.impl.keyType;
  const commentBytes = key.comment ?? new Uint8Array(0);
  if (commentBytes.some((b) => b === 10 || b === 13))
    throw new KeyExportError('a PPK comment cannot hold line breaks');
  const comment = latin1(commentBytes);
  const publicBlob = encodePublicBlob(key.impl);
  let priv = writePrivateBlob(key.impl);
  const head = [
    `PuTTY-User-Key-File-${version}: ${algorithm}`,
    `Encryption: ${encryption}`,
    `Comment: ${comment}`,
  ];
  const kdfLines: string[] = [];
  let keys: PpkKeys = { key: new Uint8Array(0), iv: new Uint8Array(0), macKey: new Uint8Array(0) };
  if (encrypted) {
    const padLen = (16 - (priv.length % 16)) % 16;
    const padded = new Uint8Array(priv.length + padLen);
    padded.set(priv);
    padded.set(version === 2 ? sha1Pad(priv, padLen) : randomBytes(padLen), priv.length);
    priv = padded;
    if (version === 2) keys = ppkV2Keys(pass);
    else {
      const a = options.argon2 ?? {};
      const argon2: PpkArgon2 = {
        flavour: a.flavour ?? 'Argon2id',
        memory: a.memory ?? 8192,
        passes: a.passes ?? 8,
        parallelism: a.parallelism ?? 1,
        salt: randomBytes(16),
      };
      keys = ppkV3Keys(pass, argon2);
      kdfLines.push(
        `Key-Derivation: ${argon2.flavour}`,
        `Argon2-Memory: ${argon2.memory}`,
        `Argon2-Passes: ${argon2.passes}`,
        `Argon2-Parallelism: ${argon2.parallelism}`,
        `Argon2-Salt: ${hex(argon2.salt)}`,
      );
    }
  } else if (version === 2) keys = ppkV2Keys(pass);
  const mac = ppkMac(version, keys.macKey, ppkMacData(algorithm, encryption, commentBytes, publicBlob, priv));
  const body = encrypted ? backend.keyFileCipher('aes256-cbc', keys.key, keys.iv, priv, false) : priv;
  const pubLines = lines64(publicBlob);
  const privLines = lines64(body);
  const text = [
    ...head,
    `Public-Lines: ${pubLines.length}`,
    ...pubLines,
    ...kdfLines,
    `Private-Lines: ${privLines.length}`,
    ...privLines,
    `Private-MAC: ${mac}`,
    '',
  ].join('\n');
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
};

/** Deterministic v2 padding as PuTTY writes it: the start of SHA-1 of the unpadded blob. */
const sha1Pad = (priv: Uint8Array, len: number): Uint8Array => sha1(priv).subarray(0, len);

/** The 'ppk' private key format (PuTTY .ppk files, versions 2 and 3). */
export const ppkPrivateFormat: PrivateKeyFormat = {
  name: 'ppk',
  aliases: ['putty'],
  detect: (data) => HEAD.test(latin1(data.subarray(0, 200)).split(/\r?\n|\r/)[0] ?? ''),
  decode: decodePpk,
  encode: encodePpk,
};
