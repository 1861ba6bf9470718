/** Keys and signatures (node entry): the neutral API, re-bound to node:crypto. */
import { type KeyApi, makeKeyApi } from './api.js';
import { nodeBackend } from './backend.node.js';

export { nodeBackend } from './backend.node.js';
export * from './index.js';

const node = makeKeyApi(nodeBackend);

/** Create a new private key (AsyncSSH generate_private_key) with node:crypto. */
export const generatePrivateKey: KeyApi['generatePrivateKey'] = node.generatePrivateKey;
/** Parse a private key (OpenSSH openssh-key-v1), keys bound to node:crypto. */
export const importPrivateKey: KeyApi['importPrivateKey'] = node.importPrivateKey;
/** Parse a public key (OpenSSH line), bound to node:crypto. */
export const importPublicKey: KeyApi['importPublicKey'] = node.importPublicKey;
/** Decode an SSH public key blob into an SSHKey bound to node:crypto. */
export const decodeSSHPublicKey: KeyApi['decodeSSHPublicKey'] = node.decodeSSHPublicKey;
