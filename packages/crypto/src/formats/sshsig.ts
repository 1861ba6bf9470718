import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { PacketReader, PacketWriter } from '@ssh/wire';
import { SignatureError } from '../errors.js';
import { decodeSignatureBlob } from '../keys/signature.js';
import type { SSHKey } from '../keys/ssh-key.js';
import { fromBase64, toBase64 } from './base64.js';
import { latin1 } from './types.js';

/** An SSHSIG signature (OpenSSH PROTOCOL.sshsig), as `ssh-keygen -Y sign` writes it. */
export interface SSHSig {
  /** The signer's public key blob. */
  readonly publicKey: Uint8Array;
  readonly namespace: string;
  readonly reserved: Uint8Array;
  /** 'sha256' or 'sha512': the hash of the message that was signed. */
  readonly hashAlgorithm: 'sha256' | 'sha512';
  /** The SSH signature blob (string algorithm, string signature). */
  readonly signature: Uint8Array;
}

const MAGIC = new TextEncoder().encode('SSHSIG');
const BEGIN = '-----BEGIN SSH SIGNATURE-----';
const END = '-----END SSH SIGNATURE-----';
const HASHES = { sha256, sha512 } as const;

/** The bytes an SSHSIG signature covers: MAGIC, namespace, reserved, hash name, H(message). */
export function sshsigSignedData(
  namespace: string,
  hashAlgorithm: 'sha256' | 'sha512',
  message: Uint8Array,
  reserved: Uint8Array = new Uint8Array(0),
): Uint8Array {
  return new PacketWriter(128)
    .writeBytes(MAGIC)
    .writeString(namespace)
    .writeString(reserved)
    .writeString(hashAlgorithm)
    .writeString(HASHES[hashAlgorithm](message))
    .toBytes()
    .slice();
}

/** Armor an SSHSIG (70-column base64 between BEGIN/END SSH SIGNATURE lines). */
export function encodeSSHSig(sig: SSHSig): Uint8Array {
  const bin = new PacketWriter(sig.signature.length + sig.publicKey.length + 64)
    .writeBytes(MAGIC)
    .writeUint32(1)
    .writeString(sig.publicKey)
    .writeString(sig.namespace)
    .writeString(sig.reserved)
    .writeString(sig.hashAlgorithm)
    .writeString(sig.signature)
    .toBytes();
  const b64 = toBase64(bin);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 70) lines.push(b64.slice(i, i + 70));
  return new TextEncoder().encode(`${BEGIN}\n${lines.join('\n')}\n${END}\n`);
}

/** Parse an armored SSHSIG; SignatureError when malformed. */
export function decodeSSHSig(data: Uint8Array | string): SSHSig {
  const text = typeof data === 'string' ? data : latin1(data);
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new SignatureError('missing SSH SIGNATURE armor');
  try {
    const r = new PacketReader(fromBase64(text.slice(start + BEGIN.length, end)));
    const magic = r.readBytes(6, 'magic');
    if (!magic.every((b, i) => b === MAGIC[i])) throw new SignatureError('not an SSHSIG signature');
    const version = r.readUint32('version');
    if (version !== 1) throw new SignatureError(`unsupported SSHSIG version ${version}`);
    const publicKey = r.readString('public key').slice();
    const namespace = r.readUtf8('namespace');
    const reserved = r.readString('reserved').slice();
    const hashAlgorithm = r.readName('hash algorithm');
    if (hashAlgorithm !== 'sha256' && hashAlgorithm !== 'sha512') {
      throw new SignatureError(`unsupported SSHSIG hash ${hashAlgorithm}`);
    }
    const signature = r.readString('signature').slice();
    r.expectEnd('SSHSIG');
    return { publicKey, namespace, reserved, hashAlgorithm, signature };
  } catch (e) {
    if (e instanceof SignatureError) throw e;
    throw new SignatureError(`malformed SSHSIG: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/**
 * Sign `message` for `namespace` as `ssh-keygen -Y sign` does (RSA keys use
 * rsa-sha2-512); returns the armored signature.
 */
export function sshsigSign(
  key: SSHKey,
  message: Uint8Array,
  namespace: string,
  hashAlgorithm: 'sha256' | 'sha512' = 'sha512',
): Uint8Array {
  if (namespace === '') throw new SignatureError('an SSHSIG namespace must not be empty');
  const sigAlg = key.algorithm === 'ssh-rsa' ? 'rsa-sha2-512' : undefined;
  const signature = key.sign(sshsigSignedData(namespace, hashAlgorithm, message), sigAlg);
  return encodeSSHSig({
    publicKey: key.publicData,
    namespace,
    reserved: new Uint8Array(0),
    hashAlgorithm,
    signature,
  });
}

/**
 * Check an armored SSHSIG over `message` made by `key` for `namespace`;
 * throws SignatureError saying what is wrong (other key, other namespace,
 * SHA-1 RSA, bad signature).
 */
export function sshsigVerify(
  key: SSHKey,
  message: Uint8Array,
  armored: Uint8Array | string,
  namespace: string,
): void {
  const sig = decodeSSHSig(armored);
  const ours = key.publicData;
  if (sig.publicKey.length !== ours.length || sig.publicKey.some((b, i) => b !== ours[i])) {
    throw new SignatureError('the SSHSIG was made by another key');
  }
  if (sig.namespace !== namespace) {
    throw new SignatureError(`the SSHSIG namespace is '${sig.namespace}', expected '${namespace}'`);
  }
  let expected: string | undefined = key.algorithm;
  if (key.algorithm === 'ssh-rsa') {
    expected = undefined;
    if (decodeSignatureBlob(sig.signature).algorithm === 'ssh-rsa') {
      throw new SignatureError('SSHSIG does not allow SHA-1 RSA signatures');
    }
  }
  const data = sshsigSignedData(sig.namespace, sig.hashAlgorithm, message, sig.reserved);
  key.checkSignature(data, sig.signature, expected);
}
