import { stripLeadingZeros } from './bytes.js';
import type { EcdhPrimitive } from './ecdh-primitive.js';
import type { KexHashName, SimpleKexMethod } from './types.js';

/**
 * An ECDH key exchange method (RFC 5656 §4, RFC 8731, curve448-sha512):
 * Q_C / Q_S are the raw public keys, K is the shared u / x coordinate read as
 * an unsigned integer and encoded as an mpint.
 */
export function ecdhMethod(name: string, hash: KexHashName, ecdh: EcdhPrimitive): SimpleKexMethod {
  return {
    name,
    hash,
    family: 'ecdh',
    secretEncoding: 'mpint',
    start() {
      const pair = ecdh.generate();
      return {
        publicValue: pair.publicKey,
        finish: (serverValue) => stripLeadingZeros(pair.agree(serverValue)),
      };
    },
    respond(clientValue) {
      const pair = ecdh.generate();
      const shared = pair.agree(clientValue);
      return { publicValue: pair.publicKey, sharedSecret: stripLeadingZeros(shared) };
    },
  };
}
