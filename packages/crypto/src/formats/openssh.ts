import { randomBytes } from '@noble/hashes/utils.js';
import { getLogger, PacketReader, PacketWriter } from '@ssh/wire';
import { KeyEncryptionError, KeyExportError, KeyImportError, PassphraseRequiredError } from '../errors.js';
import { encodePublicBlob } from '../keys/blob.js';
import { asImportError } from '../keys/import-error.js';
import { getKeyFactory } from '../keys/registry.js';
import type { KeyBackend } from '../keys/types.js';
import { fromBase64, toBase64 } from './base64.js';
import { bcryptPbkdf } from './bcrypt-pbkdf.js';
import { KEY_FILE_CIPHERS, type KeyFileCipherInfo } from './key-ciphers.js';
import {
  type DecodedKey,
  latin1,
  type Passphrase,
  type PrivateKeyExportOptions,
  type PrivateKeyFormat,
  passphraseBytes,
} from './types.js';

const MAGIC = new TextEncoder().encode('openssh-key-v1\0');
const BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const END = '-----END OPENSSH PRIVATE KEY-----';

function startsWithMagic(bin: Uint8Array): boolean {
  return bin.length >= MAGIC.length && MAGIC.every((b, i) => bin[i] === b);
}

/** The binary key from PEM-style armor, or the input when it is already binary. */
function unarmor(data: Uint8Array): Uint8Array {
  if (startsWithMagic(data)) return data;
  const text = latin1(data);
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new KeyImportError('missing OpenSSH private key armor');
  try {
    return fromBase64(text.slice(start + BEGIN.length, end));
  } catch {
    throw new KeyImportError('OpenSSH private key has invalid base64');
  }
}

function cipherInfo(name: string, err: (m: string) => Error): KeyFileCipherInfo {
  const info = Object.hasOwn(KEY_FILE_CIPHERS, name) ? KEY_FILE_CIPHERS[name] : undefined;
  if (!info) throw err(`unsupported private key cipher '${name}'`);
  return info;
}

/** Fewer bcrypt-pbkdf rounds than this is weak: export warns unless told to ignore it (as py-bcrypt's kdf). */
export const FEW_BCRYPT_ROUNDS = 50;

function deriveKeyIv(info: KeyFileCipherInfo, pass: Uint8Array, salt: Uint8Array, rounds: number) {
  const kiv = bcryptPbkdf(pass, salt, rounds, info.keyLength + info.ivLength);
  return { key: kiv.subarray(0, info.keyLength), iv: kiv.subarray(info.keyLength) };
}

/** Decode an openssh-key-v1 private key (PROTOCOL.key), armored or binary. */
export function decodeOpenSSHPrivate(
  data: Uint8Array,
  passphrase: Passphrase | undefined,
  backend: KeyBackend,
): DecodedKey {
  const bin = unarmor(data);
  if (!startsWithMagic(bin)) throw new KeyImportError('not an openssh-key-v1 private key');
  let plain: Uint8Array;
  let encrypted = false;
  let publicBlob: Uint8Array;
  try {
    const r = new PacketReader(bin, MAGIC.length);
    const cipherName = r.readName('ciphername');
    const kdfName = r.readName('kdfname');
    const kdfOptions = r.readString('kdfoptions');
    const count = r.readUint32('number of keys');
    if (count !== 1) throw new KeyImportError(`files with ${count} keys are not supported (expected 1)`);
    publicBlob = r.readString('public key');
    const section = r.readString('private section');
    r.expectEnd('private key file');
    const info = cipherInfo(cipherName, (m) => new KeyImportError(m));
    if (section.length % info.blockSize !== 0) {
      throw new KeyImportError(`private section is not a multiple of the ${info.blockSize}-byte block size`);
    }
    if (cipherName === 'none') {
      if (kdfName !== 'none') throw new KeyImportError(`unencrypted key names kdf '${kdfName}'`);
      plain = section;
    } else {
      if (kdfName !== 'bcrypt') throw new KeyImportError(`unsupported key derivation '${kdfName}'`);
      if (passphrase === undefined) throw new PassphraseRequiredError();
      const k = new PacketReader(kdfOptions);
      const salt = k.readString('bcrypt salt');
      const rounds = k.readUint32('bcrypt rounds');
      k.expectEnd('kdfoptions');
      if (rounds < 1) throw new KeyImportError('bcrypt rounds must be at least 1');
      const { key, iv } = deriveKeyIv(info, passphraseBytes(passphrase), salt, rounds);
      plain = backend.keyFileCipher(cipherName, key, iv, section, true);
      encrypted = true;
    }
  } catch (e) {
    throw asImportError(e, 'invalid OpenSSH private key');
  }
  const r = new PacketReader(plain);
  try {
    const check1 = r.readUint32('checkint');
    const check2 = r.readUint32('checkint');
    if (check1 !== check2) {
      throw encrypted
        ? new KeyEncryptionError('incorrect passphrase for the encrypted private key')
        : new KeyImportError('corrupted private key: check integers differ');
    }
    const keyType = r.readName('key type');
    let factory: ReturnType<typeof getKeyFactory>;
    try {
      factory = getKeyFactory(keyType);
    } catch {
      throw new KeyImportError(`unknown private key type '${keyType}'`);
    }
    const impl = factory.decodePrivate(r, backend);
    const comment = r.readString('comment').slice();
    const pad = r.readRemaining();
    if (pad.some((b, i) => b !== ((i + 1) & 0xff))) throw new KeyImportError('bad padding after the key');
    const ours = encodePublicBlob(impl);
    if (ours.length !== publicBlob.length || ours.some((b, i) => b !== publicBlob[i])) {
      throw new KeyImportError('the public key does not match the private key');
    }
    return { impl, comment: comment.length > 0 ? comment : null };
  } catch (e) {
    if (e instanceof KeyEncryptionError) throw e;
    throw asImportError(e, 'invalid OpenSSH private key');
  }
}

/** Encode an openssh-key-v1 private key, armored, encrypted when a passphrase is given. */
export function encodeOpenSSHPrivate(
  key: DecodedKey,
  passphrase: Passphrase | undefined,
  options: PrivateKeyExportOptions,
  backend: KeyBackend,
): Uint8Array {
  if (!key.impl.isPrivate)
    throw new KeyExportError('only a private key can be exported in a private key format');
  const encrypt = passphrase !== undefined && passphraseBytes(passphrase).length > 0;
  const cipherName = encrypt ? (options.cipherName ?? 'aes256-cbc') : 'none';
  const info = cipherInfo(cipherName, (m) => new KeyExportError(m));
  const rounds = options.rounds ?? 128;
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 0xffffffff) {
    throw new KeyExportError(`bcrypt rounds must be a positive integer, not ${rounds}`);
  }
  if (encrypt && rounds < FEW_BCRYPT_ROUNDS && !options.ignoreFewRounds) {
    getLogger('asyncssh').warning(
      'exporting an OpenSSH private key with only %s bcrypt round(s): this few is not secure, ' +
        'the suggested minimum is %s (pass ignoreFewRounds to silence this warning)',
      rounds,
      FEW_BCRYPT_ROUNDS,
    );
  }
  const check = new DataView(randomBytes(4).buffer).getUint32(0);
  const w = new PacketWriter(512);
  w.writeUint32(check).writeUint32(check).writeString(key.impl.keyType);
  key.impl.writePrivate(w);
  w.writeString(key.comment ?? new Uint8Array(0));
  for (let i = 1; w.length % info.blockSize !== 0; i++) w.writeByte(i);
  let section = w.toBytes();
  const kdf = new PacketWriter(32);
  if (encrypt && passphrase !== undefined) {
    const salt = randomBytes(16);
    kdf.writeString(salt).writeUint32(rounds);
    const { key: k, iv } = deriveKeyIv(info, passphraseBytes(passphrase), salt, rounds);
    section = backend.keyFileCipher(cipherName, k, iv, section, false);
  }
  const out = new PacketWriter(section.length + 256)
    .writeBytes(MAGIC)
    .writeString(cipherName)
    .writeString(encrypt ? 'bcrypt' : 'none')
    .writeString(kdf.toBytes())
    .writeUint32(1)
    .writeString(encodePublicBlob(key.impl))
    .writeString(section)
    .toBytes();
  const b64 = toBase64(out);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 70) lines.push(b64.slice(i, i + 70));
  return new TextEncoder().encode(`${BEGIN}\n${lines.join('\n')}\n${END}\n`);
}

/** The 'openssh' private key format. */
export const opensshPrivateFormat: PrivateKeyFormat = {
  name: 'openssh',
  detect(data) {
    return startsWithMagic(data) || latin1(data.subarray(0, 4096)).includes(BEGIN);
  },
  decode: decodeOpenSSHPrivate,
  encode: encodeOpenSSHPrivate,
};
