import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PUBLIC_KEY_ALGORITHMS,
  DEFAULT_SIGNATURE_ALGORITHMS,
  INSECURE_SIGNATURE_ALGORITHMS,
  keyTypes,
  SUPPORTED_SIGNATURE_ALGORITHMS,
} from './registry.js';

describe('signature algorithm lists', () => {
  it('defaults are AsyncSSH 2.21 order minus SHA-1 ssh-rsa and ssh-dss', () => {
    expect(DEFAULT_SIGNATURE_ALGORITHMS).toEqual([
      'ssh-ed25519',
      'ssh-ed448',
      'ecdsa-sha2-nistp521',
      'ecdsa-sha2-nistp384',
      'ecdsa-sha2-nistp256',
      'ecdsa-sha2-1.3.132.0.10',
      'rsa-sha2-256',
      'rsa-sha2-512',
      'ssh-rsa-sha224@ssh.com',
      'ssh-rsa-sha256@ssh.com',
      'ssh-rsa-sha384@ssh.com',
      'ssh-rsa-sha512@ssh.com',
    ]);
    expect(DEFAULT_PUBLIC_KEY_ALGORITHMS).toEqual(DEFAULT_SIGNATURE_ALGORITHMS);
  });

  it('insecure ones stay supported', () => {
    expect(INSECURE_SIGNATURE_ALGORITHMS).toEqual(['ssh-rsa', 'ssh-dss']);
    for (const a of INSECURE_SIGNATURE_ALGORITHMS) expect(SUPPORTED_SIGNATURE_ALGORITHMS).toContain(a);
  });

  it('every key type is registered', () => {
    expect(keyTypes().sort()).toEqual(
      [
        'ecdsa-sha2-1.3.132.0.10',
        'ecdsa-sha2-nistp256',
        'ecdsa-sha2-nistp384',
        'ecdsa-sha2-nistp521',
        'ssh-dss',
        'ssh-ed25519',
        'ssh-ed448',
        'ssh-rsa',
        'sk-ecdsa-sha2-nistp256@openssh.com',
        'sk-ssh-ed25519@openssh.com',
      ].sort(),
    );
  });
});
