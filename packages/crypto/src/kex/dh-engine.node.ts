import { Buffer } from 'node:buffer';
import { createDiffieHellman } from 'node:crypto';
import { bigIntToBytes, stripLeadingZeros } from './bytes.js';
import { checkPeerValue, type DHEngine, exponentBits, randomExponent } from './dh-engine.js';

/** The node:crypto DH engine: OpenSSL does the modular exponentiation. */
export const nodeDH: DHEngine = {
  generate(group) {
    const dh = createDiffieHellman(Buffer.from(bigIntToBytes(group.p)), Buffer.from(bigIntToBytes(group.g)));
    dh.setPrivateKey(Buffer.from(bigIntToBytes(randomExponent(exponentBits(group)))));
    const pub = dh.generateKeys();
    return {
      publicValue: stripLeadingZeros(new Uint8Array(pub.buffer, pub.byteOffset, pub.length)),
      agree(peerValue) {
        checkPeerValue('dh', group, peerValue);
        const k = dh.computeSecret(Buffer.from(peerValue.buffer, peerValue.byteOffset, peerValue.length));
        return stripLeadingZeros(new Uint8Array(k.buffer, k.byteOffset, k.length));
      },
    };
  },
};
