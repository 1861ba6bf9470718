import { DH_GROUP1, DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18 } from './dh-groups.js';
import type { EcdhCurveName } from './ecdh-primitive.js';
import type { DHGroup, KexHashName } from './types.js';

/** Names of the KEMs the hybrid methods use. */
export type KemName = 'mlkem768' | 'mlkem1024' | 'sntrup761';

/** What a kex method is made of, independent of the implementation path. */
export type KexSpec =
  | { readonly kind: 'ecdh'; readonly hash: KexHashName; readonly curve: EcdhCurveName }
  | { readonly kind: 'dh'; readonly hash: KexHashName; readonly group: DHGroup }
  | { readonly kind: 'dh-gex'; readonly hash: KexHashName }
  | { readonly kind: 'rsa'; readonly hash: KexHashName; readonly bits: number }
  | {
      readonly kind: 'kem-hybrid';
      readonly hash: KexHashName;
      readonly kem: KemName;
      readonly curve: EcdhCurveName;
    };

/** Every key exchange method we implement, by SSH name. */
export const KEX_SPECS: Readonly<Record<string, KexSpec>> = {
  'mlkem768x25519-sha256': { kind: 'kem-hybrid', hash: 'sha256', kem: 'mlkem768', curve: 'x25519' },
  'mlkem768nistp256-sha256': { kind: 'kem-hybrid', hash: 'sha256', kem: 'mlkem768', curve: 'p256' },
  'mlkem1024nistp384-sha384': { kind: 'kem-hybrid', hash: 'sha384', kem: 'mlkem1024', curve: 'p384' },
  'sntrup761x25519-sha512': { kind: 'kem-hybrid', hash: 'sha512', kem: 'sntrup761', curve: 'x25519' },
  'sntrup761x25519-sha512@openssh.com': {
    kind: 'kem-hybrid',
    hash: 'sha512',
    kem: 'sntrup761',
    curve: 'x25519',
  },
  'curve25519-sha256': { kind: 'ecdh', hash: 'sha256', curve: 'x25519' },
  'curve25519-sha256@libssh.org': { kind: 'ecdh', hash: 'sha256', curve: 'x25519' },
  'curve448-sha512': { kind: 'ecdh', hash: 'sha512', curve: 'x448' },
  'ecdh-sha2-nistp521': { kind: 'ecdh', hash: 'sha512', curve: 'p521' },
  'ecdh-sha2-nistp384': { kind: 'ecdh', hash: 'sha384', curve: 'p384' },
  'ecdh-sha2-nistp256': { kind: 'ecdh', hash: 'sha256', curve: 'p256' },
  'ecdh-sha2-1.3.132.0.10': { kind: 'ecdh', hash: 'sha256', curve: 'secp256k1' },
  'diffie-hellman-group-exchange-sha256': { kind: 'dh-gex', hash: 'sha256' },
  'diffie-hellman-group-exchange-sha224@ssh.com': { kind: 'dh-gex', hash: 'sha224' },
  'diffie-hellman-group-exchange-sha384@ssh.com': { kind: 'dh-gex', hash: 'sha384' },
  'diffie-hellman-group-exchange-sha512@ssh.com': { kind: 'dh-gex', hash: 'sha512' },
  'diffie-hellman-group-exchange-sha1': { kind: 'dh-gex', hash: 'sha1' },
  'diffie-hellman-group14-sha256': { kind: 'dh', hash: 'sha256', group: DH_GROUP14 },
  'diffie-hellman-group15-sha512': { kind: 'dh', hash: 'sha512', group: DH_GROUP15 },
  'diffie-hellman-group16-sha512': { kind: 'dh', hash: 'sha512', group: DH_GROUP16 },
  'diffie-hellman-group17-sha512': { kind: 'dh', hash: 'sha512', group: DH_GROUP17 },
  'diffie-hellman-group18-sha512': { kind: 'dh', hash: 'sha512', group: DH_GROUP18 },
  'diffie-hellman-group14-sha256@ssh.com': { kind: 'dh', hash: 'sha256', group: DH_GROUP14 },
  'diffie-hellman-group14-sha224@ssh.com': { kind: 'dh', hash: 'sha224', group: DH_GROUP14 },
  'diffie-hellman-group15-sha256@ssh.com': { kind: 'dh', hash: 'sha256', group: DH_GROUP15 },
  'diffie-hellman-group15-sha384@ssh.com': { kind: 'dh', hash: 'sha384', group: DH_GROUP15 },
  'diffie-hellman-group16-sha384@ssh.com': { kind: 'dh', hash: 'sha384', group: DH_GROUP16 },
  'diffie-hellman-group16-sha512@ssh.com': { kind: 'dh', hash: 'sha512', group: DH_GROUP16 },
  'diffie-hellman-group18-sha512@ssh.com': { kind: 'dh', hash: 'sha512', group: DH_GROUP18 },
  'diffie-hellman-group14-sha1': { kind: 'dh', hash: 'sha1', group: DH_GROUP14 },
  'diffie-hellman-group1-sha1': { kind: 'dh', hash: 'sha1', group: DH_GROUP1 },
  'rsa2048-sha256': { kind: 'rsa', hash: 'sha256', bits: 2048 },
  'rsa1024-sha1': { kind: 'rsa', hash: 'sha1', bits: 1024 },
};
