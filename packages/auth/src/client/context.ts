import type { Transport } from '@ssh/transport';
import { MSG_USERAUTH_BANNER, SERVICE_CONNECTION } from '@ssh/wire';
import type { MessageQueue } from '../userauth/message-queue.js';
import { type AuthRequestHead, decodeBanner } from '../userauth/messages.js';
import type { ClientAuthOptions } from './options.js';

/**
 * What the client's auth methods share: the transport, the reply queue and
 * the options. Each method sends its requests and returns the server's final
 * answer (SUCCESS or FAILURE), or undefined when it has nothing (more) to try.
 */
export class ClientAuthContext {
  /** Set once a request proved something (a signature, a password, an answered prompt). */
  nonTrivial = false;

  constructor(
    readonly transport: Transport,
    readonly options: ClientAuthOptions,
    private readonly queue: MessageQueue,
  ) {}

  /** The head of a request for `method` as the configured user. */
  head(method: string): AuthRequestHead {
    return { username: this.options.username, service: SERVICE_CONNECTION, method };
  }

  get sessionId(): Uint8Array {
    return this.transport.sessionId as Uint8Array;
  }

  send(payload: Uint8Array): void {
    this.transport.send(payload);
  }

  /** The next message that is not a banner (banners go to the callbacks). */
  async reply(): Promise<Uint8Array> {
    for (;;) {
      const p = await this.queue.next();
      if (p[0] !== MSG_USERAUTH_BANNER) return p;
      const b = decodeBanner(p);
      this.options.authBannerReceived?.(b.message, b.lang);
      this.options.client?.authBannerReceived?.(b.message, b.lang);
    }
  }

  /** The server's server-sig-algs (RFC 8308 §3.1), or undefined when it sent none. */
  serverSigAlgs(): string[] | undefined {
    const v = this.transport.peerExtensions.get('server-sig-algs');
    return v ? new TextDecoder().decode(v).split(',') : undefined;
  }
}
