import { fromBase64, type SSHCertificate, type SSHKey } from '@ssh/crypto';
import { PacketReader, PacketWriter } from '@ssh/wire';
import { AgentError } from '../errors.js';

/** How many SSH strings / mpints follow the key type in each private key form. */
const FIELD_COUNTS: Readonly<Record<string, number>> = {
  'ssh-ed25519': 2,
  'ssh-ed448': 2,
  'ecdsa-sha2-nistp256': 3,
  'ecdsa-sha2-nistp384': 3,
  'ecdsa-sha2-nistp521': 3,
  'ecdsa-sha2-1.3.132.0.10': 3,
  'ssh-rsa': 6,
  'ssh-dss': 5,
};

const MAGIC = 'openssh-key-v1\0';

/**
 * The private key in the agent's ADD_IDENTITY form: string key type, then
 * the type's private fields. These are the fields of the openssh-key-v1
 * private section (PROTOCOL.key and draft-miller-ssh-agent §4.2.3 agree),
 * so this adapter takes them from an unencrypted openssh export, as
 * @ssh/crypto exposes no per-field private key encoder.
 */
export function agentPrivateKeyFields(key: SSHKey): Uint8Array {
  if (!key.isPrivate) throw new AgentError('only a private key can be added to the agent');
  const keyType = key.algorithm;
  const count = FIELD_COUNTS[keyType];
  if (count === undefined) throw new AgentError(`cannot add a ${keyType} key to the agent`);
  const armored = new TextDecoder().decode(key.exportPrivateKey('openssh'));
  const b64 = armored.replace(/-----[^-]+-----/g, '');
  const bin = fromBase64(b64);
  const r = new PacketReader(bin);
  const magic = new TextDecoder().decode(r.readBytes(MAGIC.length, 'magic'));
  if (magic !== MAGIC) throw new AgentError('unexpected private key export');
  r.readString('cipher');
  r.readString('kdf');
  r.readString('kdf options');
  r.readUint32('key count');
  r.readString('public key');
  const priv = new PacketReader(r.readString('private section'));
  priv.readUint32('check 1');
  priv.readUint32('check 2');
  const start = priv.position;
  if (priv.readName('key type') !== keyType) throw new AgentError('unexpected private key export');
  for (let i = 0; i < count; i++) priv.readString('private key field');
  return priv.buffer.slice(start, priv.position);
}

/** How many leading private fields the certificate form drops (they are in the certificate). */
function publicFieldCount(keyType: string): number {
  if (keyType.startsWith('ecdsa-')) return 2;
  if (keyType === 'ssh-rsa') return 2;
  if (keyType === 'ssh-dss') return 4;
  return 0;
}

/**
 * The certificate form of ADD_IDENTITY's key: string certificate type,
 * string certificate, then the key's private fields without those the
 * certificate carries (Ed25519 keeps both of its strings; ECDSA keeps d;
 * RSA keeps d, iqmp, p, q; DSA keeps x).
 */
export function agentCertPrivateKeyFields(key: SSHKey, cert: SSHCertificate): Uint8Array {
  const plain = new PacketReader(agentPrivateKeyFields(key));
  const keyType = plain.readName('key type');
  const a = cert.key.publicData;
  const b = key.publicData;
  if (cert.key.algorithm !== keyType || a.length !== b.length || !a.every((x, i) => x === b[i])) {
    throw new AgentError('the certificate is not for this key');
  }
  const fields: Uint8Array[] = [];
  while (!plain.atEnd) fields.push(plain.readString('private key field'));
  const w = new PacketWriter(256);
  w.writeString(cert.algorithm).writeString(cert.publicData);
  for (const f of fields.slice(publicFieldCount(keyType))) w.writeString(f);
  return w.toBytes().slice();
}
