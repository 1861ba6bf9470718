import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CryptoError } from '../errors.js';
import { decodeSSHSig } from '../formats/sshsig.js';
import { makeKeyApi } from './api.js';
import { portableBackend } from './backend.js';
import { nodeBackend } from './backend.node.js';

const nodeApi = makeKeyApi(nodeBackend);
const TYPES = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp521', 'ssh-rsa', 'ssh-dss'];
const KEYS = TYPES.map((t) => nodeApi.generatePrivateKey(t, { keySize: t === 'ssh-rsa' ? 1024 : undefined }));

/** Run `fn`; it may succeed, but any error must be one of ours. */
function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CryptoError);
  }
}

const mutate = (base: Uint8Array) =>
  fc
    .tuple(fc.nat(base.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(base.length))
    .map(([at, x, cut]) => {
      const b = base.slice(0, Math.max(cut, at + 1));
      b[at] = (b[at] as number) ^ x;
      return b;
    });

describe.each([
  ['node', nodeApi],
  ['portable', makeKeyApi(portableBackend)],
] as const)('malformed input on the %s path gives typed errors, never a crash', (_name, api) => {
  it('random bytes anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        onlyTypedErrors(() => api.decodeSSHPublicKey(bytes));
        onlyTypedErrors(() => api.importPrivateKey(bytes));
        onlyTypedErrors(() => api.importPublicKey(bytes));
        onlyTypedErrors(() => decodeSSHSig(bytes));
        for (const k of KEYS) expect(k.verify(new Uint8Array(1), bytes)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  for (const key of KEYS) {
    it(`${key.algorithm}: mutated and truncated blobs, key files and signatures`, () => {
      const msg = new Uint8Array([5, 6, 7]);
      const sig = key.sign(msg);
      const file = key.exportPrivateKey();
      const bin = Uint8Array.from(
        atob(new TextDecoder().decode(file).replace(/-----[A-Z ]+-----|\s/g, '')),
        (c) => c.charCodeAt(0),
      );
      fc.assert(
        fc.property(mutate(key.publicData), mutate(bin), mutate(sig), (blob, keyFile, badSig) => {
          onlyTypedErrors(() => api.decodeSSHPublicKey(blob));
          onlyTypedErrors(() => api.importPrivateKey(keyFile));
          const ok = key.verify(msg, badSig);
          if (ok) expect(badSig).toEqual(sig);
          onlyTypedErrors(() => key.checkSignature(msg, badSig));
        }),
        { numRuns: 25 },
      );
    });
  }
});
