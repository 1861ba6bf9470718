import { DEFAULT_SIGNATURE_ALGORITHMS } from '@ssh/crypto';
import { MSG_USERAUTH_FAILURE, MSG_USERAUTH_PK_OK } from '@ssh/wire';
import {
  EXT_PUBLICKEY_HOSTBOUND,
  hostboundSignedData,
  METHOD_PUBLICKEY_HOSTBOUND,
} from '../userauth/hostbound.js';
import { authRequest, decodeFailure, publicKeySignedData } from '../userauth/messages.js';
import { type ClientAuthKey, chooseSignatureAlgorithm } from './auth-key.js';
import type { ClientAuthContext } from './context.js';

const CERT_SUFFIX = '-cert-v01@openssh.com';

/**
 * Client publickey auth (RFC 4252 §7): the agent's keys, then `clientKeys`,
 * then keys from `client.publicKeyAuthRequested`, each first offered
 * without a signature. When the server offers `publickey-hostbound@openssh.com`
 * the requests are bound to its host key (OpenSSH PROTOCOL §2.5).
 */
export class PublicKeyMethod {
  private keys: ClientAuthKey[];
  private agentLoaded = false;
  private callbackDone = false;

  constructor(private readonly ctx: ClientAuthContext) {
    this.keys = [...(ctx.options.clientKeys ?? [])];
    if (!ctx.options.agent) this.agentLoaded = true;
  }

  /** The next key to offer, or undefined when every source is used up. */
  private async nextKey(): Promise<ClientAuthKey | undefined> {
    if (!this.agentLoaded) {
      this.agentLoaded = true;
      const agent = this.ctx.options.agent;
      // As AsyncSSH, an agent that cannot be reached just contributes no keys.
      const agentKeys = await agent?.getKeys(this.ctx.options.agentIdentities ?? null).catch(() => []);
      this.keys.unshift(...(agentKeys ?? []));
    }
    const key = this.keys.shift();
    if (key) return key;
    const ask = this.ctx.options.client?.publicKeyAuthRequested;
    if (this.callbackDone || !ask) return undefined;
    const more = await ask.call(this.ctx.options.client);
    if (!more) this.callbackDone = true;
    return more ?? undefined;
  }

  /** The server's host key blob when the request is to be host-bound, else undefined. */
  private hostBinding(): Uint8Array | undefined {
    const t = this.ctx.transport;
    const ext = t.peerExtensions.get(EXT_PUBLICKEY_HOSTBOUND);
    if (!ext || new TextDecoder().decode(ext) !== '0' || !t.hostKey) return undefined;
    // The binding names the key as the server sent it; with a host certificate we only know the plain key.
    if (t.algorithms?.hostKey.endsWith(CERT_SUFFIX)) return undefined;
    return t.hostKey.publicData;
  }

  async attempt(): Promise<Uint8Array | undefined> {
    const allowed = this.ctx.options.signatureAlgs ?? DEFAULT_SIGNATURE_ALGORITHMS;
    const serverSigs = this.ctx.serverSigAlgs();
    for (;;) {
      const key = await this.nextKey();
      if (!key) return undefined;
      const alg = chooseSignatureAlgorithm(key, allowed, serverSigs);
      if (!alg) continue;
      const hostKey = this.hostBinding();
      const head = this.ctx.head(hostKey ? METHOD_PUBLICKEY_HOSTBOUND : 'publickey');
      const request = (signature?: Uint8Array) => {
        const w = authRequest(head).writeBoolean(!!signature).writeString(alg).writeString(key.publicData);
        if (hostKey) w.writeString(hostKey);
        if (signature) w.writeString(signature);
        return w.toBytes();
      };
      // Ask first whether the key would do (RFC 4252 §7), so no signature is made in vain.
      this.ctx.send(request());
      const answer = await this.ctx.reply();
      if (answer[0] === MSG_USERAUTH_FAILURE) continue;
      if (answer[0] !== MSG_USERAUTH_PK_OK) return answer;
      const data = hostKey
        ? hostboundSignedData(this.ctx.sessionId, head, alg, key.publicData, hostKey)
        : publicKeySignedData(this.ctx.sessionId, head, alg, key.publicData);
      const signature = await key.sign(data, alg);
      this.ctx.nonTrivial = true;
      this.ctx.send(request(signature));
      const result = await this.ctx.reply();
      // A plain failure moves on to the next key; partial success goes back to choose the next method.
      if (result[0] === MSG_USERAUTH_FAILURE && !decodeFailure(result).partialSuccess) continue;
      return result;
    }
  }
}
