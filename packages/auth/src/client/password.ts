import { MSG_USERAUTH_FAILURE, MSG_USERAUTH_PASSWD_CHANGEREQ, MSG_USERAUTH_SUCCESS } from '@ssh/wire';
import { authRequest } from '../userauth/messages.js';
import { decodePasswordChangeRequest } from '../userauth/password-change.js';
import type { ClientAuthContext } from './context.js';

/**
 * Where passwords come from: the `password` option once, then
 * `client.passwordAuthRequested` until it returns null. Shared by password
 * and keyboard-interactive auth (a lone echo-off prompt takes a password).
 */
export class PasswordSource {
  private optionUsed = false;
  private callbackDone = false;

  constructor(private readonly ctx: ClientAuthContext) {}

  /** Whether a password might still come. */
  get available(): boolean {
    const o = this.ctx.options;
    return (
      (!this.optionUsed && o.password !== undefined) ||
      (!this.callbackDone && !!o.client?.passwordAuthRequested)
    );
  }

  /** The next password, or undefined when there is none left. */
  async next(): Promise<string | undefined> {
    const o = this.ctx.options;
    if (!this.optionUsed && o.password !== undefined) {
      this.optionUsed = true;
      const p = typeof o.password === 'function' ? await o.password() : o.password;
      if (p !== null && p !== undefined) return p;
    }
    const ask = o.client?.passwordAuthRequested;
    if (this.callbackDone || !ask) return undefined;
    const p = await ask.call(o.client);
    if (p === null || p === undefined) {
      this.callbackDone = true;
      return undefined;
    }
    return p;
  }
}

/**
 * Client password auth (RFC 4252 §8), with the password change the server
 * may ask for (SSH_MSG_USERAUTH_PASSWD_CHANGEREQ): `client.passwordChangeRequested`
 * gives the old and new passwords, then `passwordChanged` or
 * `passwordChangeFailed` reports the outcome.
 */
export async function passwordAttempt(
  ctx: ClientAuthContext,
  source: PasswordSource,
): Promise<Uint8Array | undefined> {
  const password = await source.next();
  if (password === undefined) return undefined;
  ctx.nonTrivial = true;
  ctx.send(authRequest(ctx.head('password')).writeBoolean(false).writeString(password).toBytes());
  let reply = await ctx.reply();
  let changing = false;
  while (reply[0] === MSG_USERAUTH_PASSWD_CHANGEREQ) {
    const { prompt, lang } = decodePasswordChangeRequest(reply);
    const client = ctx.options.client;
    // Asked again after a change: that change failed (as AsyncSSH reports it), and a new one may follow.
    if (changing) client?.passwordChangeFailed?.();
    const answer = await client?.passwordChangeRequested?.(prompt, lang);
    // No change offered (AsyncSSH's NotImplemented): count it as a failure and move on.
    if (!answer) return undefined;
    changing = true;
    const [oldPassword, newPassword] = answer;
    ctx.send(
      authRequest(ctx.head('password'))
        .writeBoolean(true)
        .writeString(oldPassword)
        .writeString(newPassword)
        .toBytes(),
    );
    reply = await ctx.reply();
  }
  if (changing && reply[0] === MSG_USERAUTH_SUCCESS) ctx.options.client?.passwordChanged?.();
  if (changing && reply[0] === MSG_USERAUTH_FAILURE) ctx.options.client?.passwordChangeFailed?.();
  return reply;
}
