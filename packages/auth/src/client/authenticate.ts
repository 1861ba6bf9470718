import type { Transport } from '@ssh/transport';
import {
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_SUCCESS,
  PermissionDenied,
  ProtocolError,
  SERVICE_USERAUTH,
} from '@ssh/wire';
import { MessageQueue } from '../userauth/message-queue.js';
import { authRequest, decodeFailure } from '../userauth/messages.js';
import { ClientAuthContext } from './context.js';
import { HostBasedMethod } from './hostbased.js';
import { KbdintMethod } from './kbdint.js';
import type { ClientAuthOptions } from './options.js';

export type { AgentKeySource, ClientAuthOptions } from './options.js';

import { PasswordSource, passwordAttempt } from './password.js';
import { PublicKeyMethod } from './publickey.js';

/** AsyncSSH's default order, less the GSS methods. */
const DEFAULT_METHODS = ['hostbased', 'publickey', 'keyboard-interactive', 'password'];

/**
 * Run user authentication (RFC 4252) on a client transport: request the
 * `ssh-userauth` service, then try the methods the server allows in the
 * preferred order until one succeeds. Resolves once the server accepts and
 * the connection protocol may start; rejects with `PermissionDenied` when
 * every method has failed (or, with `disableTrivialAuth`, when the server
 * let us in without a real challenge).
 */
export async function authenticateClient(transport: Transport, options: ClientAuthOptions): Promise<void> {
  const queue = new MessageQueue();
  transport.setMessageHandler((p) => queue.push(p));
  transport.closedPromise.then((e) => queue.fail(e));
  try {
    await transport.requestService(SERVICE_USERAUTH);
    await new ClientAuth(new ClientAuthContext(transport, options, queue)).run();
    transport.markAuthenticated();
    options.client?.authCompleted?.();
  } finally {
    transport.setMessageHandler(undefined);
    transport.returnMessages(queue.drain());
  }
}

class ClientAuth {
  private readonly hostBased: HostBasedMethod;
  private readonly publicKey: PublicKeyMethod;
  private readonly passwords: PasswordSource;
  private readonly kbdint: KbdintMethod;

  constructor(private readonly ctx: ClientAuthContext) {
    this.hostBased = new HostBasedMethod(ctx);
    this.publicKey = new PublicKeyMethod(ctx);
    this.passwords = new PasswordSource(ctx);
    this.kbdint = new KbdintMethod(ctx, this.passwords);
  }

  async run(): Promise<void> {
    this.ctx.send(authRequest(this.ctx.head('none')).toBytes());
    let reply = await this.ctx.reply();
    for (;;) {
      if (reply[0] === MSG_USERAUTH_SUCCESS) {
        if (this.ctx.options.disableTrivialAuth && !this.ctx.nonTrivial)
          throw new PermissionDenied('the server accepted us without a real challenge (disableTrivialAuth)');
        return;
      }
      if (reply[0] !== MSG_USERAUTH_FAILURE)
        throw new ProtocolError(`unexpected message ${reply[0]} during authentication`);
      const next = await this.tryNextMethod(decodeFailure(reply).methods);
      if (!next) throw new PermissionDenied('permission denied: no more authentication methods to try');
      reply = next;
    }
  }

  private enabled(method: string): boolean {
    const o = this.ctx.options;
    switch (method) {
      case 'hostbased':
        return o.hostBasedAuth ?? this.hostBased.available;
      case 'publickey':
        return o.publicKeyAuth ?? true;
      case 'keyboard-interactive':
        return o.kbdintAuth ?? true;
      case 'password':
        return o.passwordAuth ?? true;
    }
    return false;
  }

  private attempt(method: string): Promise<Uint8Array | undefined> {
    switch (method) {
      case 'hostbased':
        return this.hostBased.attempt();
      case 'publickey':
        return this.publicKey.attempt();
      case 'keyboard-interactive':
        return this.kbdint.attempt();
      default:
        return passwordAttempt(this.ctx, this.passwords);
    }
  }

  /** Try methods until one gets a final answer (success or failure); undefined when none is left. */
  private async tryNextMethod(allowed: readonly string[]): Promise<Uint8Array | undefined> {
    for (const method of this.ctx.options.preferredAuth ?? DEFAULT_METHODS) {
      if (!allowed.includes(method) || !this.enabled(method)) continue;
      const r = await this.attempt(method);
      if (r) return r;
    }
    return undefined;
  }
}
