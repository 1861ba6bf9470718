import {
  checkCertificateSignature,
  DEFAULT_SIGNATURE_ALGORITHMS,
  decodeSSHCertificate,
  decodeSSHPublicKey,
  type SSHKey,
  SSHOpenSSHCertificate,
} from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import {
  DISC_ILLEGAL_USER_NAME,
  DISC_NO_MORE_AUTH_METHODS_AVAILABLE,
  DISC_SERVICE_NOT_AVAILABLE,
  MSG_USERAUTH_INFO_RESPONSE,
  MSG_USERAUTH_REQUEST,
  MSG_USERAUTH_SUCCESS,
  type PacketReader,
  PermissionDenied,
  ProtocolError,
  SERVICE_CONNECTION,
} from '@ssh/wire';
import { hostboundSignedData, METHOD_PUBLICKEY_HOSTBOUND } from '../userauth/hostbound.js';
import { MessageQueue } from '../userauth/message-queue.js';
import {
  type AuthRequestHead,
  decodeInfoResponse,
  encodeBanner,
  encodeFailure,
  encodeInfoRequest,
  encodePkOk,
  type KbdintChallenge,
  publicKeySignedData,
  readAuthRequest,
} from '../userauth/messages.js';
import { encodePasswordChangeRequest, PasswordChangeRequired } from '../userauth/password-change.js';
import type { ServerAuthHooks } from './hooks.js';
import { checkHostBased, type KnownClientHosts } from './hostbased.js';

/** How the server authenticates users. */
export interface ServerAuthOptions {
  hooks: ServerAuthHooks;
  /** A banner sent before the first reply (RFC 4252 §5.4). */
  banner?: string;
  /** Failed attempts (excluding 'none') before disconnecting (default 20; OpenSSH's MaxAuthTries is 6). */
  maxAuthAttempts?: number;
  /** Signature algorithms accepted for publickey auth (default: the defaults of @ssh/crypto). */
  signatureAlgs?: readonly string[];
  /** The client's address, checked against a user certificate's source-address option. */
  clientAddress?: string;
  /** The client's port (passed to the hostbased hooks). */
  clientPort?: number;
  /** Client hosts trusted for hostbased auth, with their host keys or CA keys (an `SSHKnownHosts` fits). */
  knownClientHosts?: KnownClientHosts;
  /**
   * Believe the client host name a hostbased request names (default false:
   * it must equal the name `resolveClientHost` gives for the client address,
   * or the address itself).
   */
  trustClientHost?: boolean;
  /** The host name of a client address (a reverse lookup; see `lookupClientHost` in `@ssh/auth/node`). */
  resolveClientHost?(address: string): string | undefined | Promise<string | undefined>;
  /** Offer hostbased auth (default: when `knownClientHosts` or a host key hook is given). */
  hostBasedAuth?: boolean;
  /** Signature algorithms a CA may have used on a user certificate (default: any). */
  caSignatureAlgorithms?: readonly string[];
}

/** The suffix of OpenSSH certificate algorithm names (PROTOCOL.certkeys). */
const CERT_SUFFIX = '-cert-v01@openssh.com';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Who logged in, and how. */
export interface AuthResult {
  readonly username: string;
  readonly method: string;
  /** The key that proved itself: the user key for publickey auth, the client host key for hostbased. */
  readonly key?: SSHKey;
  /** The user certificate, when publickey auth used one (its options apply to the connection). */
  readonly certificate?: SSHOpenSSHCertificate;
}

/**
 * Serve user authentication (RFC 4252) on a server transport: answer
 * requests for `ssh-connection` with the hooks until one succeeds. Resolves
 * with the user; rejects (after disconnecting) on too many failures or a
 * protocol error.
 */
export async function authenticateServer(
  transport: Transport,
  options: ServerAuthOptions,
): Promise<AuthResult> {
  const queue = new MessageQueue();
  transport.setMessageHandler((p) => queue.push(p));
  transport.closedPromise.then((e) => queue.fail(e));
  try {
    const result = await new ServerAuth(transport, options, queue).run();
    transport.markAuthenticated();
    return result;
  } catch (err) {
    if (!transport.isClosed) {
      const code =
        err instanceof PermissionDenied
          ? DISC_NO_MORE_AUTH_METHODS_AVAILABLE
          : (err as { code?: number }).code;
      transport.disconnect(code ?? DISC_NO_MORE_AUTH_METHODS_AVAILABLE, (err as Error).message);
    }
    throw err;
  } finally {
    transport.setMessageHandler(undefined);
    transport.returnMessages(queue.drain());
  }
}

class ServerAuth {
  private failures = 0;
  private username: string | undefined;
  private authRequired = true;
  private bannerSent = false;
  private readonly hooks: ServerAuthHooks;

  constructor(
    private readonly transport: Transport,
    private readonly options: ServerAuthOptions,
    private readonly queue: MessageQueue,
  ) {
    this.hooks = options.hooks;
  }

  private methods(): string[] {
    const h = this.hooks;
    const m: string[] = [];
    if (h.publicKeyAuthSupported?.() ?? !!(h.validatePublicKey || h.validateCaKey)) m.push('publickey');
    if (h.kbdintAuthSupported?.() ?? !!h.getKbdintChallenge) m.push('keyboard-interactive');
    if (h.passwordAuthSupported?.() ?? !!h.validatePassword) m.push('password');
    const hostBased =
      this.options.hostBasedAuth ??
      h.hostBasedAuthSupported?.() ??
      !!(this.options.knownClientHosts || h.validateHostPublicKey || h.validateHostCaKey);
    if (hostBased) m.push('hostbased');
    return m;
  }

  private async fail(method: string): Promise<void> {
    if (method !== 'none' && ++this.failures >= (this.options.maxAuthAttempts ?? 20)) {
      throw new PermissionDenied('too many authentication failures');
    }
    this.transport.send(encodeFailure(this.methods()));
  }

  async run(): Promise<AuthResult> {
    for (;;) {
      const payload = await this.queue.next();
      if (payload[0] !== MSG_USERAUTH_REQUEST) {
        // Stray replies (e.g. a late INFO_RESPONSE) are ignored; anything else is out of order.
        if (payload[0] === MSG_USERAUTH_INFO_RESPONSE) continue;
        throw new ProtocolError(`unexpected message ${payload[0]} during authentication`);
      }
      const { head, rest } = readAuthRequest(payload);
      if (head.service !== SERVICE_CONNECTION) {
        throw Object.assign(new ProtocolError(`service ${JSON.stringify(head.service)} is not available`), {
          code: DISC_SERVICE_NOT_AVAILABLE,
        });
      }
      if (head.username.length === 0 || head.username.length > 256 || head.username.includes('\0')) {
        throw Object.assign(new ProtocolError('illegal user name'), { code: DISC_ILLEGAL_USER_NAME });
      }
      if (head.username !== this.username) {
        this.username = head.username;
        this.authRequired = (await this.hooks.beginAuth?.(head.username)) ?? true;
      }
      if (!this.bannerSent && this.options.banner) {
        this.transport.send(encodeBanner(this.options.banner, 'en-US'));
        this.bannerSent = true;
      }
      const result = await this.handle(head, rest);
      if (result) {
        this.transport.send(Uint8Array.of(MSG_USERAUTH_SUCCESS));
        return result;
      }
    }
  }

  private async handle(head: AuthRequestHead, r: PacketReader): Promise<AuthResult | undefined> {
    const user = head.username;
    if (!this.authRequired) return { username: user, method: head.method };
    // publickey-hostbound is publickey bound to our host key (OpenSSH PROTOCOL §2.5).
    const family = head.method === METHOD_PUBLICKEY_HOSTBOUND ? 'publickey' : head.method;
    if (!this.methods().includes(family)) {
      await this.fail(head.method);
      return undefined;
    }
    switch (family) {
      case 'publickey':
        return this.publicKey(head, r);
      case 'password':
        return this.password(head, r);
      case 'keyboard-interactive':
        return this.kbdint(head, r);
      case 'hostbased':
        return this.hostBased(head, r);
    }
    await this.fail(head.method);
    return undefined;
  }

  private async publicKey(head: AuthRequestHead, r: PacketReader): Promise<AuthResult | undefined> {
    const hasSignature = r.readBoolean('has signature');
    const alg = r.readUtf8('public key algorithm');
    const blob = r.readString('public key blob').slice();
    const hostBound = head.method === METHOD_PUBLICKEY_HOSTBOUND;
    const hostKeyBlob = hostBound ? r.readString('server host key').slice() : undefined;
    const ours = this.transport.hostKeyBlob ?? this.transport.hostKey?.publicData;
    if (hostKeyBlob && !(ours && sameBytes(hostKeyBlob, ours))) {
      // Signed for another server: a relayed or forwarded request.
      await this.fail('publickey');
      return undefined;
    }
    const allowed = this.options.signatureAlgs ?? DEFAULT_SIGNATURE_ALGORITHMS;
    const proof = await this.acceptableKey(head.username, alg, blob, allowed);
    if (!proof) {
      await this.fail('publickey');
      return undefined;
    }
    if (!hasSignature) {
      this.transport.send(encodePkOk(alg, blob));
      return undefined;
    }
    const signature = r.readString('signature');
    const sessionId = this.transport.sessionId as Uint8Array;
    const data = hostKeyBlob
      ? hostboundSignedData(sessionId, head, alg, blob, hostKeyBlob)
      : publicKeySignedData(sessionId, head, alg, blob);
    try {
      proof.check(data, signature);
    } catch {
      await this.fail('publickey');
      return undefined;
    }
    return {
      username: head.username,
      method: 'publickey',
      key: proof.key,
      ...(proof.certificate ? { certificate: proof.certificate } : {}),
    };
  }

  /**
   * Whether the offered key (or user certificate, PROTOCOL.certkeys) may log
   * in; returns how to check its signature, or undefined.
   */
  private async acceptableKey(
    username: string,
    alg: string,
    blob: Uint8Array,
    allowed: readonly string[],
  ): Promise<
    | { key: SSHKey; certificate?: SSHOpenSSHCertificate; check(data: Uint8Array, sig: Uint8Array): void }
    | undefined
  > {
    try {
      if (alg.endsWith(CERT_SUFFIX)) {
        if (!allowed.includes(alg.slice(0, -CERT_SUFFIX.length)) || !this.hooks.validateCaKey)
          return undefined;
        const cert = decodeSSHCertificate(blob);
        if (!(cert instanceof SSHOpenSSHCertificate)) return undefined;
        if (!(await this.hooks.validateCaKey(username, cert.signingKey))) return undefined;
        cert.validate({
          type: 'user',
          principal: username,
          trustedCAs: [cert.signingKey],
          ...(this.options.clientAddress ? { sourceAddress: this.options.clientAddress } : {}),
          ...(this.options.caSignatureAlgorithms
            ? { caSignatureAlgorithms: this.options.caSignatureAlgorithms }
            : {}),
        });
        return {
          key: cert.key,
          certificate: cert,
          check: (data, sig) => checkCertificateSignature(cert, alg, data, sig),
        };
      }
      const key = decodeSSHPublicKey(blob);
      if (!allowed.includes(alg) || !key.sigAlgorithms.includes(alg)) return undefined;
      if (!(await this.hooks.validatePublicKey?.(username, key))) return undefined;
      return { key, check: (data, sig) => key.checkSignature(data, sig, alg) };
    } catch {
      return undefined;
    }
  }

  private async hostBased(head: AuthRequestHead, r: PacketReader): Promise<AuthResult | undefined> {
    const o = this.options;
    const key = await checkHostBased(
      {
        hooks: this.hooks,
        sessionId: this.transport.sessionId as Uint8Array,
        allowedSigs: o.signatureAlgs ?? DEFAULT_SIGNATURE_ALGORITHMS,
        knownClientHosts: o.knownClientHosts,
        trustClientHost: o.trustClientHost,
        clientAddress: o.clientAddress,
        clientPort: o.clientPort,
        resolveClientHost: o.resolveClientHost,
      },
      head,
      r,
    );
    if (key) return { username: head.username, method: 'hostbased', key };
    await this.fail('hostbased');
    return undefined;
  }

  private async password(head: AuthRequestHead, r: PacketReader): Promise<AuthResult | undefined> {
    const changing = r.readBoolean('change password');
    const password = r.readUtf8('password');
    try {
      const ok = changing
        ? await this.hooks.changePassword?.(head.username, password, r.readUtf8('new password'))
        : await this.hooks.validatePassword?.(head.username, password);
      if (ok) return { username: head.username, method: 'password' };
    } catch (err) {
      if (!(err instanceof PasswordChangeRequired)) throw err;
      this.transport.send(encodePasswordChangeRequest(err.prompt, err.lang));
      return undefined;
    }
    await this.fail('password');
    return undefined;
  }

  private async kbdint(head: AuthRequestHead, r: PacketReader): Promise<AuthResult | undefined> {
    const lang = r.readUtf8('language tag');
    const submethods = r.readUtf8('submethods');
    let step = await this.hooks.getKbdintChallenge?.(head.username, lang, submethods);
    for (;;) {
      if (step === true) return { username: head.username, method: 'keyboard-interactive' };
      if (!step) {
        await this.fail('keyboard-interactive');
        return undefined;
      }
      this.transport.send(encodeInfoRequest(step as KbdintChallenge));
      const reply = await this.queue.next();
      if (reply[0] === MSG_USERAUTH_REQUEST) {
        // The client started over (RFC 4256 §3.4 allows it): count a failure and serve the new request.
        if (++this.failures >= (this.options.maxAuthAttempts ?? 20))
          throw new PermissionDenied('too many authentication failures');
        const { head: h2, rest } = readAuthRequest(reply);
        return this.handle(h2, rest);
      }
      if (reply[0] !== MSG_USERAUTH_INFO_RESPONSE)
        throw new ProtocolError(`unexpected message ${reply[0]} during keyboard-interactive`);
      step = await this.hooks.validateKbdintResponse?.(head.username, decodeInfoResponse(reply));
    }
  }
}
