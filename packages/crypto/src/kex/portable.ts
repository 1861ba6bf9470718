import { bigintDH } from './dh-engine.js';
import { nobleEcdh } from './ecdh-noble.js';
import { kexHash } from './hash.js';
import { mlkem768, mlkem1024 } from './mlkem.js';
import { createKexRegistry, type KexProviders, type KexRegistry } from './registry.js';
import { bigintRsa } from './rsa-oaep.js';
import { sntrup761 } from './sntrup761/index.js';
import type { KexMethod } from './types.js';

/** The portable primitives: @noble/* and bigint arithmetic. */
export const portableKexProviders: KexProviders = {
  ecdh: nobleEcdh,
  dh: bigintDH,
  rsa: bigintRsa,
  hash: kexHash,
  kems: { mlkem768, mlkem1024, sntrup761 },
};

/** The key exchange registry (portable path). */
export const kexRegistry: KexRegistry = createKexRegistry(portableKexProviders);

/** Look up a key exchange method by SSH name; throws UnknownAlgorithmError. */
export function getKexMethod(name: string): KexMethod {
  return kexRegistry.get(name);
}
