/**
 * sshpk (an independent JavaScript implementation, installed as a
 * dependency) as an oracle: keys we export in each format it reads give the
 * same fingerprint there, and keys it writes import here with its fingerprint.
 * (sshpk reads PEM but not DER PKCS#1 / PKCS#8, and PPK v2 only.)
 */
import sshpk from 'sshpk';
import { describe, expect, it } from 'vitest';
import { makeKeyApi } from '../../src/keys/api.js';
import { nodeBackend } from '../../src/keys/backend.node.js';

const api = makeKeyApi(nodeBackend);
/** Key types sshpk 1.18 knows. */
const TYPES = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'ssh-rsa',
  'ssh-dss',
];
const buf = (b: Uint8Array) => Buffer.from(b);

describe.each(TYPES)('%s', (type) => {
  const key = api.generatePrivateKey(type, {
    comment: 'sshpk oracle',
    keySize: type === 'ssh-rsa' ? 1024 : undefined,
  });
  const fp = key.getFingerprint();

  it('sshpk reads our private key exports with the same fingerprint', () => {
    const forms: [string, string][] = [
      ['openssh', 'ssh-private'],
      ['pkcs8-pem', 'pem'],
      ['ppk', 'putty'],
    ];
    if (type !== 'ssh-ed25519') forms.push(['pkcs1-pem', 'pem']);
    for (const [ours, theirs] of forms) {
      const data = key.exportPrivateKey(ours, undefined, {
        argon2: { memory: 64, passes: 1 },
        ppkVersion: 2,
      });
      const parsed = sshpk.parsePrivateKey(buf(data), theirs as sshpk.PrivateKeyFormatType);
      expect(parsed.fingerprint('sha256').toString(), ours).toBe(fp);
    }
  });

  it('sshpk reads our public key exports with the same fingerprint', () => {
    const forms: [string, string][] = [
      ['openssh', 'ssh'],
      ['rfc4716', 'rfc4253'],
      ['pkcs8-pem', 'pem'],
    ];
    if (type === 'ssh-rsa') forms.push(['pkcs1-pem', 'pem']);
    for (const [ours, theirs] of forms) {
      const data = key.exportPublicKey(ours);
      const parsed =
        ours === 'rfc4716'
          ? sshpk.parseKey(buf(api.importPublicKey(data).publicData), 'rfc4253')
          : sshpk.parseKey(buf(data), theirs as sshpk.KeyFormatType);
      expect(parsed.fingerprint('sha256').toString(), ours).toBe(fp);
    }
  });

  it('keys sshpk writes import here with its fingerprint', () => {
    const theirs = sshpk.parsePrivateKey(buf(key.exportPrivateKey('openssh')), 'ssh-private');
    const forms = type === 'ssh-ed25519' ? ['pkcs8', 'ssh', 'openssh'] : ['pkcs1', 'pkcs8', 'ssh', 'openssh'];
    for (const f of forms) {
      const data = new Uint8Array(theirs.toBuffer(f as sshpk.PrivateKeyFormatType, {}));
      expect(api.importPrivateKey(data).getFingerprint(), f).toBe(theirs.fingerprint('sha256').toString());
    }
    for (const f of ['pkcs8', 'ssh', 'rfc4253']) {
      const data = new Uint8Array(theirs.toPublic().toBuffer(f as sshpk.KeyFormatType, {}));
      const imported = f === 'rfc4253' ? api.decodeSSHPublicKey(data) : api.importPublicKey(data);
      expect(imported.getFingerprint(), f).toBe(fp);
    }
  });
});
