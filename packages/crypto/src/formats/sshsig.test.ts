import { describe, expect, it } from 'vitest';
import { big, privateKeyFromFields } from '../../test/vectors/keys/helpers.js';
import rsaVectors from '../../test/vectors/keys/rsa-pkcs1v15-openssl.json' with { type: 'json' };
import { SignatureError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { toBase64 } from './base64.js';
import { decodeSSHSig, encodeSSHSig, sshsigSign, sshsigVerify } from './sshsig.js';

const api = makeKeyApi(portableBackend);
const key = api.generatePrivateKey('ssh-ed25519');
const msg = new TextEncoder().encode('signed text');

describe('SSHSIG (PROTOCOL.sshsig)', () => {
  it('signs and verifies, armored at 70 columns', () => {
    const armored = sshsigSign(key, msg, 'file');
    const text = new TextDecoder().decode(armored);
    expect(text.startsWith('-----BEGIN SSH SIGNATURE-----\n')).toBe(true);
    expect(text.endsWith('-----END SSH SIGNATURE-----\n')).toBe(true);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(70);
    const sig = decodeSSHSig(armored);
    expect(sig.namespace).toBe('file');
    expect(sig.hashAlgorithm).toBe('sha512');
    sshsigVerify(key.convertToPublic(), msg, armored, 'file');
    sshsigVerify(key, msg, sshsigSign(key, msg, 'git', 'sha256'), 'git');
  });

  it('rejects another key, another namespace, another message', () => {
    const armored = sshsigSign(key, msg, 'file');
    const other = api.generatePrivateKey('ssh-ed25519');
    expect(() => sshsigVerify(other, msg, armored, 'file')).toThrow(/another key/);
    expect(() => sshsigVerify(key, msg, armored, 'git')).toThrow(/namespace is 'file'/);
    expect(() => sshsigVerify(key, new Uint8Array(1), armored, 'file')).toThrow(/does not verify/);
    expect(() => sshsigSign(key, msg, '')).toThrow(SignatureError);
  });

  it('rejects malformed armor, versions and hashes with SignatureError', () => {
    expect(() => decodeSSHSig('nothing here')).toThrow(/missing SSH SIGNATURE armor/);
    const sig = decodeSSHSig(sshsigSign(key, msg, 'file'));
    const text = new TextDecoder().decode(encodeSSHSig(sig));
    const body = text.split('\n').slice(1, -2).join('');
    const truncated = `-----BEGIN SSH SIGNATURE-----\n${body.slice(0, 40)}\n-----END SSH SIGNATURE-----\n`;
    expect(() => decodeSSHSig(truncated)).toThrow(SignatureError);
    const bin = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    bin[9] = 2; // version
    const v2 = `-----BEGIN SSH SIGNATURE-----\n${toBase64(bin)}\n-----END SSH SIGNATURE-----\n`;
    expect(() => decodeSSHSig(v2)).toThrow(/version 2/);
  });

  it('refuses SHA-1 RSA signatures', () => {
    const k = rsaVectors.key;
    const rsa = privateKeyFromFields(portableBackend, 'ssh-rsa', (w) =>
      w
        .writeMpint(big(k.n))
        .writeMpint(big(k.e))
        .writeMpint(big(k.d))
        .writeMpint(big(k.iqmp))
        .writeMpint(big(k.p))
        .writeMpint(big(k.q)),
    );
    const sig = decodeSSHSig(sshsigSign(rsa, msg, 'file'));
    const sha1 = encodeSSHSig({ ...sig, signature: rsa.sign(new Uint8Array(0), 'ssh-rsa') });
    expect(() => sshsigVerify(rsa, msg, sha1, 'file')).toThrow(/SHA-1/);
  });
});
