import { MSG_USERAUTH_INFO_REQUEST } from '@ssh/wire';
import {
  authRequest,
  decodeInfoRequest,
  encodeInfoResponse,
  type KbdintChallenge,
} from '../userauth/messages.js';
import type { ClientAuthContext } from './context.js';
import type { PasswordSource } from './password.js';

/**
 * Client keyboard-interactive auth (RFC 4256). The submethods come from
 * `client.kbdintAuthRequested`; without it the method is tried once when a
 * password or a challenge callback is available, and a password answers a
 * challenge of one prompt that does not echo (as AsyncSSH).
 */
export class KbdintMethod {
  private defaultTried = false;

  constructor(
    private readonly ctx: ClientAuthContext,
    private readonly passwords: PasswordSource,
  ) {}

  private async submethods(): Promise<string | undefined> {
    const o = this.ctx.options;
    if (o.client?.kbdintAuthRequested) return (await o.client.kbdintAuthRequested()) ?? undefined;
    if (this.defaultTried) return undefined;
    this.defaultTried = true;
    const answers = !!(o.kbdintResponses || o.client?.kbdintChallengeReceived);
    return answers || this.passwords.available ? '' : undefined;
  }

  async attempt(): Promise<Uint8Array | undefined> {
    const submethods = await this.submethods();
    if (submethods === undefined) return undefined;
    this.ctx.send(
      authRequest(this.ctx.head('keyboard-interactive')).writeString('').writeString(submethods).toBytes(),
    );
    for (;;) {
      const r = await this.ctx.reply();
      if (r[0] !== MSG_USERAUTH_INFO_REQUEST) return r;
      const answers = await this.answer(decodeInfoRequest(r));
      // Giving up mid-way: the server still waits for a response, so the next request restarts auth (RFC 4256 §3.4).
      if (!answers) return undefined;
      if (answers.length > 0) this.ctx.nonTrivial = true;
      this.ctx.send(encodeInfoResponse(answers));
    }
  }

  private async answer(c: KbdintChallenge): Promise<readonly string[] | undefined> {
    const o = this.ctx.options;
    const hook = o.client?.kbdintChallengeReceived;
    if (hook) {
      const prompts = c.prompts.map((p) => [p.prompt, p.echo] as const);
      return (await hook.call(o.client, c.name, c.instructions, c.lang, prompts)) ?? undefined;
    }
    if (o.kbdintResponses) return o.kbdintResponses(c);
    if (c.prompts.length === 0) return [];
    const only = c.prompts[0];
    if (c.prompts.length === 1 && only && !only.echo) {
      const password = await this.passwords.next();
      return password === undefined ? undefined : [password];
    }
    return undefined;
  }
}
