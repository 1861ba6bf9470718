/** ssh-agent client: the protocol codec and the client over any byte stream. */
export { type AddKeysOptions, type AgentKeyInput, SSHAgentClient } from './client.js';
export * from './constants.js';
export { FrameDecoder, frameMessage } from './framing.js';
export { SSHAgentKeyPair } from './key-pair.js';
export { agentPrivateKeyFields } from './private-key.js';
export {
  type AgentConstraints,
  type AgentIdentity,
  decodeIdentitiesAnswer,
  decodeQueryReply,
  decodeSignResponse,
  encodeAddIdentity,
  encodeAddSmartcardKey,
  encodeExtension,
  encodeLock,
  encodeRemoveAll,
  encodeRemoveIdentity,
  encodeRemoveSmartcardKey,
  encodeRequestIdentities,
  encodeSignRequest,
  expectSuccess,
  isFailure,
} from './protocol.js';
export type { AgentStream, AgentStreamSink } from './stream.js';
