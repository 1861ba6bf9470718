import { KeyExchangeFailed, WireError } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { decodeKexInit, encodeKexInit, type KexInit } from './kexinit.js';
import { KEX_STRICT_C, KEX_STRICT_S, negotiate } from './negotiate.js';

const hints = { isAead: (c: string) => c.endsWith('gcm@openssh.com') || c.startsWith('chacha20') };

function kexinit(over: Partial<KexInit>): KexInit {
  return {
    cookie: new Uint8Array(16).fill(7),
    kexAlgs: ['curve25519-sha256', 'ecdh-sha2-nistp256'],
    hostKeyAlgs: ['ssh-ed25519', 'rsa-sha2-256'],
    encryptionCtoS: ['aes128-ctr', 'aes256-gcm@openssh.com'],
    encryptionStoC: ['aes128-ctr', 'aes256-gcm@openssh.com'],
    macCtoS: ['hmac-sha2-256'],
    macStoC: ['hmac-sha2-256'],
    compressionCtoS: ['none'],
    compressionStoC: ['none'],
    languagesCtoS: [],
    languagesStoC: [],
    firstKexPacketFollows: false,
    ...over,
  };
}

describe('KEXINIT and negotiation (RFC 4253 §7.1)', () => {
  it('round-trips a KEXINIT and rejects a truncated one with a WireError', () => {
    const k = kexinit({ firstKexPacketFollows: true });
    const bytes = encodeKexInit(k);
    expect(decodeKexInit(bytes)).toEqual(k);
    expect(() => decodeKexInit(bytes.subarray(0, bytes.length - 3))).toThrow(WireError);
  });

  it("takes the client's first choice the server also supports, per direction", () => {
    const c = kexinit({ kexAlgs: ['ext-info-c', 'ecdh-sha2-nistp256', 'curve25519-sha256', KEX_STRICT_C] });
    const s = kexinit({
      encryptionStoC: ['aes256-gcm@openssh.com'],
      kexAlgs: ['curve25519-sha256', 'ecdh-sha2-nistp256', KEX_STRICT_S],
    });
    const n = negotiate(c, s, true, hints);
    expect(n.kex).toBe('ecdh-sha2-nistp256');
    expect(n.encryptionCtoS).toBe('aes128-ctr');
    expect(n.macCtoS).toBe('hmac-sha2-256');
    expect(n.encryptionStoC).toBe('aes256-gcm@openssh.com');
    expect(n.macStoC).toBeUndefined();
    expect(n.strictKex).toBe(true);
    expect(n.peerWantsExtInfo).toBe(true);
  });

  it('needs no common MAC for an AEAD cipher', () => {
    const c = kexinit({
      encryptionCtoS: ['aes256-gcm@openssh.com'],
      encryptionStoC: ['aes256-gcm@openssh.com'],
      macCtoS: ['x'],
      macStoC: ['x'],
    });
    expect(negotiate(c, kexinit({}), false, hints).macCtoS).toBeUndefined();
  });

  it('fails with KeyExchangeFailed naming the kind when nothing matches', () => {
    const c = kexinit({ macCtoS: ['umac-64@openssh.com'] });
    expect(() => negotiate(c, kexinit({}), false, hints)).toThrow(KeyExchangeFailed);
    expect(() => negotiate(c, kexinit({}), false, hints)).toThrow(
      /no matching MAC \(client to server\) algorithm/,
    );
  });

  it('never picks a marker as the kex method', () => {
    const c = kexinit({ kexAlgs: ['ext-info-c', KEX_STRICT_C] });
    const s = kexinit({ kexAlgs: ['ext-info-c', KEX_STRICT_C] });
    expect(() => negotiate(c, s, true, hints)).toThrow(/key exchange/);
  });

  it('ignores a wrongly guessed first kex packet', () => {
    const c = kexinit({ firstKexPacketFollows: true, kexAlgs: ['ecdh-sha2-nistp256', 'curve25519-sha256'] });
    expect(negotiate(c, kexinit({}), true, hints).ignoreGuessedPacket).toBe(true);
    const right = kexinit({ firstKexPacketFollows: true });
    expect(negotiate(right, kexinit({}), true, hints).ignoreGuessedPacket).toBe(false);
  });
});
