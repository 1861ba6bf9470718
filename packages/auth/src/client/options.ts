import type { SSHCertificate, SSHKey } from '@ssh/crypto';
import type { KbdintChallenge } from '../userauth/messages.js';
import type { ClientAuthKey } from './auth-key.js';
import type { ClientAuthHooks, MaybePromise } from './hooks.js';

/** Where agent keys come from: an `SSHAgentClient` fits. */
export interface AgentKeySource {
  /** The agent's keys (and certificates), optionally only those listed. */
  getKeys(identities?: readonly (Uint8Array | SSHKey)[] | null): Promise<readonly ClientAuthKey[]>;
}

/** How the client authenticates (the auth options of AsyncSSH's `connect`). */
export interface ClientAuthOptions {
  /** The user to log in as. */
  username: string;
  /** Keys to try with publickey auth, in order, after the agent's keys. */
  clientKeys?: readonly ClientAuthKey[];
  /** An ssh-agent whose keys are tried first with publickey auth (AsyncSSH's `agentPath`, connected). */
  agent?: AgentKeySource | null;
  /** Restrict the agent keys used to these public keys, certificates or blobs (default: all). */
  agentIdentities?: readonly (Uint8Array | SSHKey)[] | null;
  /**
   * A password for password auth (and a single echo-off keyboard-interactive
   * prompt), or a function returning it; tried once, before
   * `client.passwordAuthRequested`.
   */
  password?: string | (() => MaybePromise<string | null | undefined>);
  /** Host keys (or key + host certificate pairs) for hostbased auth (RFC 4252 §9). */
  clientHostKeys?: readonly ClientAuthKey[];
  /** Host certificates to pair with `clientHostKeys`: a key with one is offered with it first. */
  clientHostCerts?: readonly SSHCertificate[];
  /** The client host name sent in hostbased auth (required for it); a trailing dot is added as OpenSSH does. */
  clientHost?: string;
  /** The user name on the client host sent in hostbased auth (default: `username`). */
  clientUsername?: string;
  /** Methods to try, in order (default: hostbased, publickey, keyboard-interactive, password). */
  preferredAuth?: readonly string[];
  /** Allow hostbased auth (default: when client host keys are given). */
  hostBasedAuth?: boolean;
  /** Allow publickey auth (default: true). */
  publicKeyAuth?: boolean;
  /** Allow keyboard-interactive auth (default: true). */
  kbdintAuth?: boolean;
  /** Allow password auth (default: true). */
  passwordAuth?: boolean;
  /** Fail with PermissionDenied when the server lets us in without a real challenge (default false). */
  disableTrivialAuth?: boolean;
  /** Signature algorithms the client may use (default: the defaults of @ssh/crypto). */
  signatureAlgs?: readonly string[];
  /** The authentication callbacks of an `SSHClient`. */
  client?: ClientAuthHooks;
  /** Answer a keyboard-interactive challenge; undefined gives up on the method (`client.kbdintChallengeReceived` wins). */
  kbdintResponses?(
    challenge: KbdintChallenge,
  ): readonly string[] | undefined | Promise<readonly string[] | undefined>;
  /** A banner from the server (RFC 4252 §5.4); `client.authBannerReceived` is called too. */
  authBannerReceived?(message: string, lang: string): void;
}
