import { MSG_USERAUTH_PASSWD_CHANGEREQ, PacketReader, PacketWriter } from '@ssh/wire';

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

/** SSH_MSG_USERAUTH_PASSWD_CHANGEREQ (RFC 4252 §8). */
export function encodePasswordChangeRequest(prompt: string, lang: string): Uint8Array {
  return new PacketWriter(64 + prompt.length * 3)
    .writeByte(MSG_USERAUTH_PASSWD_CHANGEREQ)
    .writeString(prompt)
    .writeString(lang)
    .toBytes();
}

/** Decode SSH_MSG_USERAUTH_PASSWD_CHANGEREQ. */
export function decodePasswordChangeRequest(payload: Uint8Array): { prompt: string; lang: string } {
  const r = new PacketReader(payload, 1);
  return { prompt: r.readUtf8('prompt'), lang: r.atEnd ? '' : r.readUtf8('language tag') };
}
