/** Keys and signatures (node entry): the neutral API, re-bound to node:crypto. */
import { type KeyApi, makeKeyApi } from './api.js';
import { nodeBackend } from './backend.node.js';

export { nodeBackend } from './backend.node.js';
export {
  appendPrivateKey,
  appendPublicKey,
  loadKeypairs,
  loadPublicKeys,
  readPrivateKey,
  readPrivateKeyList,
  readPublicKey,
  readPublicKeyList,
  writePrivateKey,
  writePublicKey,
} from './files.node.js';
export * from './index.js';

const node = makeKeyApi(nodeBackend);

/** Create a new private key (AsyncSSH generate_private_key) with node:crypto. */
export const generatePrivateKey: KeyApi['generatePrivateKey'] = node.generatePrivateKey;
/** Parse a private key in any supported format, keys bound to node:crypto. */
export const importPrivateKey: KeyApi['importPrivateKey'] = node.importPrivateKey;
/** Parse every private key in the data, keys bound to node:crypto. */
export const importPrivateKeyList: KeyApi['importPrivateKeyList'] = node.importPrivateKeyList;
/** Parse a public key in any supported format, bound to node:crypto. */
export const importPublicKey: KeyApi['importPublicKey'] = node.importPublicKey;
/** Parse every public key in the data, bound to node:crypto. */
export const importPublicKeyList: KeyApi['importPublicKeyList'] = node.importPublicKeyList;
/** Decode an SSH public key blob into an SSHKey bound to node:crypto. */
export const decodeSSHPublicKey: KeyApi['decodeSSHPublicKey'] = node.decodeSSHPublicKey;
