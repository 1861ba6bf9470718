/** Signing and verifying with a certificate's algorithm names (OpenSSH v01 and X.509). */
import { describe, expect, it } from 'vitest';
import { SignatureError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { nodeBackend } from '../keys/backend.node.js';
import { decodeSignatureBlob } from '../keys/signature.js';
import {
  DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS,
  INSECURE_CERT_PUBLIC_KEY_ALGORITHMS,
  SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS,
} from './cert-algorithms.js';
import { makeCertApi } from './cert-api.js';
import { checkCertificateSignature, keySigAlgorithmFor, signWithCertificate } from './cert-signature.js';

const keys = makeKeyApi(nodeBackend);
const certs = makeCertApi(nodeBackend);
const data = new TextEncoder().encode('exchange hash');

describe('certificate signatures', () => {
  it('maps certificate algorithms to key signature algorithms', () => {
    expect(keySigAlgorithmFor('rsa-sha2-512-cert-v01@openssh.com')).toBe('rsa-sha2-512');
    expect(keySigAlgorithmFor('ssh-ed25519-cert-v01@openssh.com')).toBe('ssh-ed25519');
    expect(keySigAlgorithmFor('x509v3-rsa2048-sha256')).toBe('rsa-sha2-256');
    expect(keySigAlgorithmFor('x509v3-ecdsa-sha2-nistp256')).toBe('ecdsa-sha2-nistp256');
    expect(keySigAlgorithmFor('ssh-ed25519')).toBeUndefined();
  });

  it('every listed certificate algorithm maps to a key signature algorithm; SHA-1 ones are off by default', () => {
    for (const a of SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS) {
      if (a.startsWith('sk-') && !a.includes('-cert-')) continue;
      expect(keySigAlgorithmFor(a), a).toBeDefined();
    }
    expect(DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS).not.toContain('ssh-rsa-cert-v01@openssh.com');
    expect(DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS).toContain('rsa-sha2-256-cert-v01@openssh.com');
    expect(DEFAULT_CERT_PUBLIC_KEY_ALGORITHMS.length + INSECURE_CERT_PUBLIC_KEY_ALGORITHMS.length).toBe(
      SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS.length,
    );
  });

  it('RSA OpenSSH and X.509 certificates sign and verify under each of their algorithms', () => {
    const ca = keys.generatePrivateKey('ssh-ed25519');
    const rsa = keys.generatePrivateKey('ssh-rsa');
    const cert = certs.generateHostCertificate(ca, rsa, 'h');
    for (const alg of cert.sigAlgorithms) {
      const sig = signWithCertificate(rsa, cert, alg, data);
      checkCertificateSignature(cert, alg, data, sig);
      expect(() => checkCertificateSignature(cert, alg, new Uint8Array(1), sig)).toThrow(SignatureError);
    }
    const sha1 = signWithCertificate(rsa, cert, 'ssh-rsa-cert-v01@openssh.com', data);
    expect(() => checkCertificateSignature(cert, 'rsa-sha2-256-cert-v01@openssh.com', data, sha1)).toThrow(
      /expected rsa-sha2-256/,
    );
    const x = certs.generateX509HostCertificate(rsa, rsa, 'CN=h');
    const sig = signWithCertificate(rsa, x, 'x509v3-rsa2048-sha256', data);
    expect(decodeSignatureBlob(sig).algorithm).toBe('rsa2048-sha256');
    checkCertificateSignature(x, 'x509v3-rsa2048-sha256', data, sig);
    checkCertificateSignature(x, 'x509v3-ssh-rsa', data, signWithCertificate(rsa, x, 'x509v3-ssh-rsa', data));
    expect(() => checkCertificateSignature(x, 'ssh-ed25519-cert-v01@openssh.com', data, sig)).toThrow(
      /cannot be used/,
    );
    expect(() => signWithCertificate(ca, cert, 'rsa-sha2-256-cert-v01@openssh.com', data)).toThrow(
      /does not match/,
    );
  });
});
