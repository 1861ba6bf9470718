import { ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { kexFail } from './bytes.js';
import type { KemPrimitive } from './kem-primitive.js';

type NobleKem = typeof ml_kem768;

function mlkem(name: string, kem: NobleKem, pkLen: number, ctLen: number): KemPrimitive {
  return {
    name,
    publicKeyLength: pkLen,
    ciphertextLength: ctLen,
    generate() {
      const { publicKey, secretKey } = kem.keygen();
      return {
        publicKey,
        decapsulate(ct) {
          if (ct.length !== ctLen) kexFail(name, `ciphertext has ${ct.length} bytes, expected ${ctLen}`);
          return kem.decapsulate(ct, secretKey);
        },
      };
    },
    encapsulate(pk) {
      if (pk.length !== pkLen) kexFail(name, `public key has ${pk.length} bytes, expected ${pkLen}`);
      try {
        const { cipherText, sharedSecret } = kem.encapsulate(pk);
        return { ciphertext: cipherText, sharedSecret };
      } catch (cause) {
        kexFail(name, `invalid public key (${(cause as Error).message})`);
      }
    },
  };
}

/** ML-KEM-768 (FIPS 203) from @noble/post-quantum, used on both paths. */
export const mlkem768: KemPrimitive = mlkem('mlkem768', ml_kem768, 1184, 1088);
/** ML-KEM-1024 (FIPS 203) from @noble/post-quantum, used on both paths. */
export const mlkem1024: KemPrimitive = mlkem('mlkem1024', ml_kem1024, 1568, 1568);
