import { DEFAULT_SIGNATURE_ALGORITHMS } from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import {
  MSG_USERAUTH_BANNER,
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_INFO_REQUEST,
  MSG_USERAUTH_SUCCESS,
  PermissionDenied,
  ProtocolError,
  SERVICE_CONNECTION,
  SERVICE_USERAUTH,
} from '@ssh/wire';
import { MessageQueue } from '../userauth/message-queue.js';
import {
  authRequest,
  decodeBanner,
  decodeFailure,
  decodeInfoRequest,
  encodeInfoResponse,
  type KbdintChallenge,
  publicKeySignedData,
} from '../userauth/messages.js';
import { type ClientAuthKey, chooseSignatureAlgorithm } from './auth-key.js';

/** How the client authenticates (the auth options of AsyncSSH's `connect`). */
export interface ClientAuthOptions {
  /** The user to log in as. */
  username: string;
  /** Keys to try with publickey auth, in order. */
  clientKeys?: readonly ClientAuthKey[];
  /** A password for password auth (and a single echo-off keyboard-interactive prompt). */
  password?: string;
  /** Methods to try, in order (default: publickey, keyboard-interactive, password). */
  preferredAuth?: readonly string[];
  /** Signature algorithms the client may use (default: the defaults of @ssh/crypto). */
  signatureAlgs?: readonly string[];
  /** Answer a keyboard-interactive challenge; undefined gives up on the method. */
  kbdintResponses?(
    challenge: KbdintChallenge,
  ): readonly string[] | undefined | Promise<readonly string[] | undefined>;
  /** A banner from the server (RFC 4252 §5.4). */
  authBannerReceived?(message: string, lang: string): void;
}

const DEFAULT_METHODS = ['publickey', 'keyboard-interactive', 'password'];

/**
 * Run user authentication (RFC 4252) on a client transport: request the
 * `ssh-userauth` service, then try the methods the server allows in the
 * preferred order until one succeeds. Resolves once the server accepts and
 * the connection protocol may start; rejects with `PermissionDenied` when
 * every method has failed.
 */
export async function authenticateClient(transport: Transport, options: ClientAuthOptions): Promise<void> {
  const queue = new MessageQueue();
  transport.setMessageHandler((p) => queue.push(p));
  transport.closedPromise.then((e) => queue.fail(e));
  try {
    await transport.requestService(SERVICE_USERAUTH);
    await new ClientAuth(transport, options, queue).run();
    transport.markAuthenticated();
  } finally {
    transport.setMessageHandler(undefined);
    transport.returnMessages(queue.drain());
  }
}

class ClientAuth {
  private readonly tried = new Set<string>();
  private readonly keys: ClientAuthKey[];
  private readonly allowedSigs: readonly string[];

  constructor(
    private readonly transport: Transport,
    private readonly options: ClientAuthOptions,
    private readonly queue: MessageQueue,
  ) {
    this.keys = [...(options.clientKeys ?? [])];
    this.allowedSigs = options.signatureAlgs ?? DEFAULT_SIGNATURE_ALGORITHMS;
  }

  private head(method: string) {
    return { username: this.options.username, service: SERVICE_CONNECTION, method };
  }

  /** The next message that is not a banner. */
  private async reply(): Promise<Uint8Array> {
    for (;;) {
      const p = await this.queue.next();
      if (p[0] === MSG_USERAUTH_BANNER) {
        const b = decodeBanner(p);
        this.options.authBannerReceived?.(b.message, b.lang);
        continue;
      }
      return p;
    }
  }

  async run(): Promise<void> {
    this.transport.send(authRequest(this.head('none')).toBytes());
    let reply = await this.reply();
    for (;;) {
      if (reply[0] === MSG_USERAUTH_SUCCESS) return;
      if (reply[0] !== MSG_USERAUTH_FAILURE)
        throw new ProtocolError(`unexpected message ${reply[0]} during authentication`);
      const allowed = decodeFailure(reply).methods;
      const next = await this.tryNextMethod(allowed);
      if (!next) throw new PermissionDenied('permission denied: no more authentication methods to try');
      reply = next;
    }
  }

  /** Try methods until one gets a final answer (success or failure); undefined when none is left. */
  private async tryNextMethod(allowed: readonly string[]): Promise<Uint8Array | undefined> {
    for (const method of this.options.preferredAuth ?? DEFAULT_METHODS) {
      if (!allowed.includes(method)) continue;
      let r: Uint8Array | undefined;
      if (method === 'publickey') r = await this.publicKey();
      else if (method === 'password' && !this.tried.has(method)) r = await this.passwordAuth();
      else if (method === 'keyboard-interactive' && !this.tried.has(method)) r = await this.kbdint();
      if (r) return r;
    }
    return undefined;
  }

  private async publicKey(): Promise<Uint8Array | undefined> {
    const serverSigs = this.transport.peerExtensions.get('server-sig-algs');
    const serverList = serverSigs ? new TextDecoder().decode(serverSigs).split(',') : undefined;
    while (this.keys.length > 0) {
      const key = this.keys.shift() as ClientAuthKey;
      const alg = chooseSignatureAlgorithm(key, this.allowedSigs, serverList);
      if (!alg) continue;
      // Ask first whether the key would do (RFC 4252 §7), so no signature is made in vain.
      this.transport.send(
        authRequest(this.head('publickey'))
          .writeBoolean(false)
          .writeString(alg)
          .writeString(key.publicData)
          .toBytes(),
      );
      const answer = await this.reply();
      if (answer[0] === MSG_USERAUTH_FAILURE) continue;
      if (answer[0] !== 60 /* SSH_MSG_USERAUTH_PK_OK */) return answer;
      const sessionId = this.transport.sessionId as Uint8Array;
      const signature = await key.sign(
        publicKeySignedData(sessionId, this.head('publickey'), alg, key.publicData),
        alg,
      );
      this.transport.send(
        authRequest(this.head('publickey'))
          .writeBoolean(true)
          .writeString(alg)
          .writeString(key.publicData)
          .writeString(signature)
          .toBytes(),
      );
      const result = await this.reply();
      if (result[0] === MSG_USERAUTH_FAILURE && this.keys.length > 0) continue;
      return result;
    }
    return undefined;
  }

  private async passwordAuth(): Promise<Uint8Array | undefined> {
    this.tried.add('password');
    if (this.options.password === undefined) return undefined;
    this.transport.send(
      authRequest(this.head('password')).writeBoolean(false).writeString(this.options.password).toBytes(),
    );
    const r = await this.reply();
    // SSH_MSG_USERAUTH_PASSWD_CHANGEREQ: changing the password is not offered; count it as a failure.
    if (r[0] === 60) return undefined;
    return r;
  }

  private async kbdint(): Promise<Uint8Array | undefined> {
    this.tried.add('keyboard-interactive');
    if (this.options.kbdintResponses === undefined && this.options.password === undefined) return undefined;
    this.transport.send(
      authRequest(this.head('keyboard-interactive')).writeString('').writeString('').toBytes(),
    );
    for (;;) {
      const r = await this.reply();
      if (r[0] !== MSG_USERAUTH_INFO_REQUEST) return r;
      const challenge = decodeInfoRequest(r);
      const answers = await this.answer(challenge);
      if (!answers) return undefined;
      this.transport.send(encodeInfoResponse(answers));
    }
  }

  private async answer(c: KbdintChallenge): Promise<readonly string[] | undefined> {
    if (this.options.kbdintResponses) return this.options.kbdintResponses(c);
    if (c.prompts.length === 0) return [];
    // As AsyncSSH: a password answers a single prompt that does not echo.
    const only = c.prompts[0];
    if (c.prompts.length === 1 && only && !only.echo && this.options.password !== undefined)
      return [this.options.password];
    return undefined;
  }
}
