import { nodeDH } from './dh-engine.node.js';
import { nodeEcdh } from './ecdh.node.js';
import { kexHash } from './hash.node.js';
import { portableKexProviders } from './portable.js';
import { createKexRegistry, type KexProviders, type KexRegistry } from './registry.js';
import { nodeRsa } from './rsa.node.js';
import type { KexMethod } from './types.js';

/** The node:crypto primitives (the KEMs stay portable: OpenSSL 3.0 has none). */
export const nodeKexProviders: KexProviders = {
  ecdh: nodeEcdh,
  dh: nodeDH,
  rsa: nodeRsa,
  hash: kexHash,
  kems: portableKexProviders.kems,
};

/** The key exchange registry (node:crypto fast path). */
export const kexRegistry: KexRegistry = createKexRegistry(nodeKexProviders);

/** Look up a key exchange method by SSH name; throws UnknownAlgorithmError. */
export function getKexMethod(name: string): KexMethod {
  return kexRegistry.get(name);
}
