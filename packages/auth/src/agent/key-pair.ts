import {
  decodeSignatureBlob,
  decodeSSHCertificate,
  decodeSSHPublicKey,
  keySigAlgorithmForCertAlgorithm,
  type SSHCertificate,
  type SSHKey,
} from '@ssh/crypto';
import { AgentError, AgentProtocolError } from '../errors.js';
import type { SSHAgentClient } from './client.js';
import { SSH_AGENT_RSA_SHA2_256, SSH_AGENT_RSA_SHA2_512 } from './constants.js';
import type { AgentIdentity } from './protocol.js';

const RSA_FLAGS: Readonly<Record<string, number>> = {
  'rsa-sha2-256': SSH_AGENT_RSA_SHA2_256,
  'rsa-sha2-512': SSH_AGENT_RSA_SHA2_512,
};

/**
 * A key held by an ssh-agent (AsyncSSH SSHAgentKeyPair), possibly with a
 * certificate: its public key, certificate and comment are local; `sign`
 * asks the agent. Works until its client closes.
 */
export class SSHAgentKeyPair {
  private comment: Uint8Array | null;

  private constructor(
    private readonly agent: SSHAgentClient,
    private readonly blob: Uint8Array,
    /** The public key (the certified key when there is a certificate). */
    readonly publicKey: SSHKey,
    /** The certificate the agent holds for this key, or null. */
    readonly certificate: SSHCertificate | null,
    comment: Uint8Array,
  ) {
    this.comment = comment.length > 0 ? comment : null;
  }

  /** Make a key pair from a listed key or certificate; null when @ssh/crypto cannot decode it. */
  static fromIdentity(agent: SSHAgentClient, id: AgentIdentity): SSHAgentKeyPair | null {
    try {
      return new SSHAgentKeyPair(agent, id.blob, decodeSSHPublicKey(id.blob), null, id.comment);
    } catch {
      // not a plain key: maybe a certificate
    }
    try {
      const cert = decodeSSHCertificate(id.blob);
      return new SSHAgentKeyPair(agent, id.blob, cert.key, cert, id.comment);
    } catch {
      return null;
    }
  }

  /** Always 'agent' (a locally loaded key says 'local'). */
  getKeyType(): 'agent' {
    return 'agent';
  }

  /** The algorithm: the key's ('ssh-ed25519', 'ssh-rsa', ...) or the certificate's. */
  getAlgorithm(): string {
    return this.certificate?.algorithm ?? this.publicKey.algorithm;
  }

  /** The blob the agent knows this identity by: the public key blob, or the certificate blob. */
  get publicData(): Uint8Array {
    return this.blob;
  }

  /** The signature algorithms this key (or certificate) can be used with, the first being its default. */
  get sigAlgorithms(): readonly string[] {
    return this.certificate?.sigAlgorithms ?? this.publicKey.sigAlgorithms;
  }

  /** The key's comment as bytes, or null. */
  getCommentBytes(): Uint8Array | null {
    return this.comment;
  }

  /** The key's comment decoded as UTF-8 (throws on invalid UTF-8), or null. */
  getComment(): string | null {
    return this.comment === null ? null : new TextDecoder('utf-8', { fatal: true }).decode(this.comment);
  }

  /** Change the local copy of the comment (the agent's copy stays as it is). */
  setComment(comment: string | Uint8Array | null): void {
    this.comment =
      comment === null
        ? null
        : typeof comment === 'string'
          ? new TextEncoder().encode(comment)
          : comment.slice();
  }

  /** The fingerprint, as `ssh-add -l` prints it ('SHA256:...' by default). */
  getFingerprint(hashName = 'sha256'): string {
    return this.publicKey.getFingerprint(hashName);
  }

  /**
   * Have the agent sign `data`; returns the SSH signature blob. For RSA keys
   * `sigAlgorithm` 'rsa-sha2-256' / 'rsa-sha2-512' (or their -cert-v01
   * forms) sets the agent's flags ('ssh-rsa', SHA-1, when asked for). Throws
   * AgentFailure when the agent refuses (locked, confirmation denied) and
   * AgentProtocolError when it answers with another algorithm.
   */
  async sign(data: Uint8Array, sigAlgorithm: string = this.sigAlgorithms[0] as string): Promise<Uint8Array> {
    if (!this.sigAlgorithms.includes(sigAlgorithm)) {
      throw new AgentError(`a ${this.getAlgorithm()} key cannot sign with ${sigAlgorithm}`);
    }
    const expected = this.certificate
      ? (keySigAlgorithmForCertAlgorithm(sigAlgorithm) ?? sigAlgorithm)
      : sigAlgorithm;
    const flags = this.publicKey.algorithm === 'ssh-rsa' ? (RSA_FLAGS[expected] ?? 0) : 0;
    const sig = await this.agent.signWith(this.publicData, data, flags);
    let algorithm: string;
    try {
      algorithm = decodeSignatureBlob(sig).algorithm;
    } catch (e) {
      throw new AgentProtocolError(`ssh-agent returned a malformed signature: ${(e as Error).message}`, {
        cause: e,
      });
    }
    if (algorithm !== expected) {
      throw new AgentProtocolError(`ssh-agent signed with ${algorithm}, expected ${expected}`);
    }
    return sig;
  }

  /** Remove this key from the agent. */
  async remove(): Promise<void> {
    await this.agent.removeKeys([this]);
  }
}
