import { DEFAULT_SIGNATURE_ALGORITHMS } from '@ssh/crypto';
import { MSG_USERAUTH_FAILURE } from '@ssh/wire';
import { hostBasedSignedData } from '../userauth/hostbased.js';
import { authRequest, decodeFailure } from '../userauth/messages.js';
import { type ClientAuthKey, chooseSignatureAlgorithm } from './auth-key.js';
import type { ClientAuthContext } from './context.js';
import { pairWithCertificates } from './pair-certificates.js';

/**
 * Client hostbased auth (RFC 4252 §9): each client host key signs a request
 * naming the client host and the user there. There is no query step: the
 * signed request goes out at once.
 */
export class HostBasedMethod {
  private readonly keys: ClientAuthKey[];

  constructor(private readonly ctx: ClientAuthContext) {
    this.keys = pairWithCertificates(ctx.options.clientHostKeys ?? [], ctx.options.clientHostCerts ?? []);
  }

  /** Whether there is anything to try. */
  get available(): boolean {
    return this.keys.length > 0 && this.ctx.options.clientHost !== undefined;
  }

  async attempt(): Promise<Uint8Array | undefined> {
    const o = this.ctx.options;
    if (o.clientHost === undefined) return undefined;
    // OpenSSH sends the client host as a fully qualified name with the final dot; servers strip it.
    const clientHost = o.clientHost.endsWith('.') ? o.clientHost : `${o.clientHost}.`;
    const clientUsername = o.clientUsername ?? o.username;
    const allowed = o.signatureAlgs ?? DEFAULT_SIGNATURE_ALGORITHMS;
    const serverSigs = this.ctx.serverSigAlgs();
    for (let key = this.keys.shift(); key; key = this.keys.shift()) {
      const algorithm = chooseSignatureAlgorithm(key, allowed, serverSigs);
      if (!algorithm) continue;
      const head = this.ctx.head('hostbased');
      const fields = { algorithm, blob: key.publicData, clientHost, clientUsername };
      const signature = await key.sign(hostBasedSignedData(this.ctx.sessionId, head, fields), algorithm);
      this.ctx.nonTrivial = true;
      this.ctx.send(
        authRequest(head)
          .writeString(algorithm)
          .writeString(key.publicData)
          .writeString(clientHost)
          .writeString(clientUsername)
          .writeString(signature)
          .toBytes(),
      );
      const result = await this.ctx.reply();
      if (result[0] === MSG_USERAUTH_FAILURE && !decodeFailure(result).partialSuccess) continue;
      return result;
    }
    return undefined;
  }
}
