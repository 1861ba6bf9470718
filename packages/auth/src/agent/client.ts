import { importPrivateKey, type Passphrase, type SSHCertificate, SSHKey } from '@ssh/crypto';
import { AgentConnectionError, AgentProtocolError } from '../errors.js';
import { FrameDecoder, frameMessage } from './framing.js';
import { SSHAgentKeyPair } from './key-pair.js';
import { agentCertPrivateKeyFields, agentPrivateKeyFields } from './private-key.js';
import * as P from './protocol.js';
import type { AgentStream } from './stream.js';

/**
 * A private key to add: an SSHKey or private key data (key text, not a file
 * name) to import, or a [key, certificate] pair to add the certificate with its key.
 */
export type AgentKeyInput =
  | SSHKey
  | Uint8Array
  | string
  | readonly [SSHKey | Uint8Array | string, SSHCertificate];

/** Options of SSHAgentClient.addKeys. */
export interface AddKeysOptions {
  /** Passphrase for encrypted key data. */
  readonly passphrase?: Passphrase;
  /** Seconds after which the agent deletes the keys (default: never). */
  readonly lifetime?: number | null;
  /** Ask for confirmation before each use of the keys (default false). */
  readonly confirm?: boolean;
}

interface Pending {
  resolve(reply: Uint8Array): void;
  reject(error: Error): void;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * An ssh-agent client (AsyncSSH SSHAgentClient) over any AgentStream.
 * Requests are sent one at a time in call order, as the protocol requires.
 * After `close` (or when the connection drops) every call, including those
 * of key pairs it returned, fails with AgentConnectionError.
 */
export class SSHAgentClient {
  private readonly decoder = new FrameDecoder();
  private readonly waiting: Pending[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  private closedError: Error | null = null;
  private readonly closedPromise: Promise<void>;
  private markClosed!: () => void;

  /** Wrap a connected stream; `connectAgent` from @ssh/auth/node makes one for a UNIX socket. */
  constructor(private readonly stream: AgentStream) {
    this.closedPromise = new Promise((resolve) => {
      this.markClosed = resolve;
    });
    stream.attach({
      data: (chunk) => this.onData(chunk),
      drain: () => {},
      end: () => this.fail(new AgentConnectionError('ssh-agent closed the connection')),
      close: (error) =>
        this.fail(
          new AgentConnectionError(
            `ssh-agent connection closed${error ? `: ${error.message}` : ''}`,
            undefined,
            { cause: error },
          ),
        ),
    });
  }

  private onData(chunk: Uint8Array): void {
    let messages: Uint8Array[];
    try {
      messages = this.decoder.push(chunk);
    } catch (e) {
      this.fail(e as Error);
      return;
    }
    for (const m of messages) {
      const next = this.waiting.shift();
      if (!next) {
        this.fail(new AgentProtocolError('ssh-agent sent a message nobody asked for'));
        return;
      }
      next.resolve(m);
    }
  }

  private fail(error: Error): void {
    if (this.closedError) return;
    this.closedError = error;
    for (const p of this.waiting.splice(0)) p.reject(error);
    this.stream.destroy();
    this.markClosed();
  }

  /** Send one request and wait for its reply (queued behind earlier requests). */
  request(message: Uint8Array): Promise<Uint8Array> {
    const run = () =>
      new Promise<Uint8Array>((resolve, reject) => {
        if (this.closedError) {
          reject(this.closedError);
          return;
        }
        this.waiting.push({ resolve, reject });
        try {
          this.stream.write(frameMessage(message));
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          this.fail(new AgentConnectionError(`cannot write to ssh-agent: ${why}`, undefined, { cause: e }));
        }
      });
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Every identity the agent holds, as blobs and comments (also ones @ssh/crypto cannot decode). */
  async listIdentities(): Promise<P.AgentIdentity[]> {
    return P.decodeIdentitiesAnswer(await this.request(P.encodeRequestIdentities()));
  }

  /**
   * The agent's keys and certificates as SSHAgentKeyPair objects (AsyncSSH
   * get_keys). Identities @ssh/crypto cannot decode are left out (see
   * listIdentities); `identities` (blobs or SSHKeys) restricts the list.
   */
  async getKeys(identities?: readonly (Uint8Array | SSHKey)[] | null): Promise<SSHAgentKeyPair[]> {
    const allowed = identities?.map((i) => (i instanceof SSHKey ? i.publicData : i));
    const out: SSHAgentKeyPair[] = [];
    for (const id of await this.listIdentities()) {
      if (allowed && allowed.length > 0 && !allowed.some((b) => sameBytes(b, id.blob))) continue;
      const pair = SSHAgentKeyPair.fromIdentity(this, id);
      if (pair) out.push(pair);
    }
    return out;
  }

  /** Ask the agent to sign `data` with the key `blob` using `flags`; returns the signature blob. */
  async signWith(blob: Uint8Array, data: Uint8Array, flags: number): Promise<Uint8Array> {
    return P.decodeSignResponse(await this.request(P.encodeSignRequest(blob, data, flags)));
  }

  /**
   * Add private keys (AsyncSSH add_keys), each with its comment, optionally
   * limited to `lifetime` seconds or needing confirmation. A [key,
   * certificate] pair adds the certificate (as AsyncSSH does, not the bare
   * key too). Throws AgentFailure when the agent refuses one.
   */
  async addKeys(keylist: readonly AgentKeyInput[], options: AddKeysOptions = {}): Promise<void> {
    for (const input of keylist) {
      const [keyInput, cert] = Array.isArray(input) ? input : [input, null];
      const key = keyInput instanceof SSHKey ? keyInput : importPrivateKey(keyInput, options.passphrase);
      const fields = cert ? agentCertPrivateKeyFields(key, cert) : agentPrivateKeyFields(key);
      const comment = key.getCommentBytes() ?? new Uint8Array(0);
      const msg = P.encodeAddIdentity(fields, comment, options);
      P.expectSuccess(await this.request(msg), `to add ${key.algorithm} key`);
    }
  }

  /** Load the keys of a PKCS#11 provider into the agent (AsyncSSH add_smartcard_keys). */
  async addSmartcardKeys(
    provider: string,
    pin: string | null = null,
    options: { lifetime?: number | null; confirm?: boolean } = {},
  ): Promise<void> {
    const msg = P.encodeAddSmartcardKey(provider, pin ?? '', options);
    P.expectSuccess(await this.request(msg), 'to add smartcard keys');
  }

  /** Remove the keys of a PKCS#11 provider (AsyncSSH remove_smartcard_keys). */
  async removeSmartcardKeys(provider: string, pin: string | null = null): Promise<void> {
    P.expectSuccess(
      await this.request(P.encodeRemoveSmartcardKey(provider, pin ?? '')),
      'to remove smartcard keys',
    );
  }

  /** Remove keys (agent key pairs or SSHKeys) from the agent; AgentFailure if one is not there. */
  async removeKeys(keylist: readonly (SSHAgentKeyPair | SSHKey)[]): Promise<void> {
    for (const k of keylist) {
      P.expectSuccess(await this.request(P.encodeRemoveIdentity(k.publicData)), 'to remove a key');
    }
  }

  /** Remove every key from the agent. */
  async removeAll(): Promise<void> {
    P.expectSuccess(await this.request(P.encodeRemoveAll()), 'to remove all keys');
  }

  /** Lock the agent with a passphrase. */
  async lock(passphrase: string): Promise<void> {
    P.expectSuccess(await this.request(P.encodeLock(true, passphrase)), 'to lock');
  }

  /** Unlock the agent with the passphrase it was locked with. */
  async unlock(passphrase: string): Promise<void> {
    P.expectSuccess(await this.request(P.encodeLock(false, passphrase)), 'to unlock');
  }

  /** The extensions the agent supports ("query" extension); [] when it does not answer the query. */
  async queryExtensions(): Promise<string[]> {
    const reply = await this.request(P.encodeExtension('query'));
    if (reply.length > 0 && P.isFailure(reply[0] as number)) return [];
    return P.decodeQueryReply(reply);
  }

  /** True once the connection is closed. */
  get closed(): boolean {
    return this.closedError !== null;
  }

  /** Close the connection; pending and later requests fail with AgentConnectionError. */
  close(): void {
    if (this.closedError) return;
    this.fail(new AgentConnectionError('ssh-agent connection is closed'));
  }

  /** Resolves once the connection has closed. */
  waitClosed(): Promise<void> {
    return this.closedPromise;
  }

  /** `await using agent = await connectAgent()` closes it at the end of the scope. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.close();
    await this.waitClosed();
  }
}
