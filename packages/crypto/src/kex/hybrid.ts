import { concatBytes, kexFail } from './bytes.js';
import type { EcdhPrimitive } from './ecdh-primitive.js';
import type { KexHashFunction } from './hash.js';
import type { KemPrimitive } from './kem-primitive.js';
import type { KexHashName, SimpleKexMethod } from './types.js';

/**
 * A post-quantum hybrid method (draft-ietf-sshm-mlkem-hybrid-kex, OpenSSH
 * PROTOCOL for sntrup761x25519-sha512): the client sends
 * C_PK = kem_public_key || ecdh_public, the server answers
 * S_CT = kem_ciphertext || ecdh_public, and
 * K = HASH(kem_shared_secret || ecdh_shared_secret), hashed as a string.
 */
export function hybridMethod(
  name: string,
  hash: KexHashName,
  kem: KemPrimitive,
  ecdh: EcdhPrimitive,
  hashFn: KexHashFunction,
): SimpleKexMethod {
  const clientLen = kem.publicKeyLength + ecdh.publicKeyLength;
  const serverLen = kem.ciphertextLength + ecdh.publicKeyLength;
  return {
    name,
    hash,
    family: 'kem-hybrid',
    secretEncoding: 'string',
    start() {
      const kp = kem.generate();
      const ep = ecdh.generate();
      return {
        publicValue: concatBytes(kp.publicKey, ep.publicKey),
        finish(serverValue) {
          if (serverValue.length !== serverLen) {
            kexFail(name, `server reply has ${serverValue.length} bytes, expected ${serverLen}`);
          }
          const kemSecret = kp.decapsulate(serverValue.subarray(0, kem.ciphertextLength));
          const ecdhSecret = ep.agree(serverValue.subarray(kem.ciphertextLength));
          return hashFn(kemSecret, ecdhSecret);
        },
      };
    },
    respond(clientValue) {
      if (clientValue.length !== clientLen) {
        kexFail(name, `client value has ${clientValue.length} bytes, expected ${clientLen}`);
      }
      const ep = ecdh.generate();
      const ecdhSecret = ep.agree(clientValue.subarray(kem.publicKeyLength));
      const { ciphertext, sharedSecret } = kem.encapsulate(clientValue.subarray(0, kem.publicKeyLength));
      return {
        publicValue: concatBytes(ciphertext, ep.publicKey),
        sharedSecret: hashFn(sharedSecret, ecdhSecret),
      };
    },
  };
}
