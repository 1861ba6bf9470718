/**
 * Raised by a server's `validatePassword` to ask the client to change an
 * expired password (RFC 4252 §8, SSH_MSG_USERAUTH_PASSWD_CHANGEREQ).
 */
export class PasswordChangeRequired extends Error {
  readonly prompt: string;
  readonly lang: string;

  constructor(prompt: string, lang = 'en-US') {
    super(prompt);
    this.name = 'PasswordChangeRequired';
    this.prompt = prompt;
    this.lang = lang;
  }
}
