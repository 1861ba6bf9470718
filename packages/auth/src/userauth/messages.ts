import {
  MSG_USERAUTH_BANNER,
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_INFO_REQUEST,
  MSG_USERAUTH_INFO_RESPONSE,
  MSG_USERAUTH_PK_OK,
  MSG_USERAUTH_REQUEST,
  PacketReader,
  PacketWriter,
} from '@ssh/wire';

/** The common head of SSH_MSG_USERAUTH_REQUEST (RFC 4252 §5). */
export interface AuthRequestHead {
  readonly username: string;
  readonly service: string;
  readonly method: string;
}

/** Start an SSH_MSG_USERAUTH_REQUEST; the caller appends the method fields. */
export function authRequest(head: AuthRequestHead): PacketWriter {
  return new PacketWriter(256)
    .writeByte(MSG_USERAUTH_REQUEST)
    .writeString(head.username)
    .writeString(head.service)
    .writeString(head.method);
}

/** Read the head of SSH_MSG_USERAUTH_REQUEST; the reader is left at the method fields. */
export function readAuthRequest(payload: Uint8Array): { head: AuthRequestHead; rest: PacketReader } {
  const r = new PacketReader(payload, 1);
  const head = {
    username: r.readUtf8('user name'),
    service: r.readUtf8('service name'),
    method: r.readUtf8('method name'),
  };
  return { head, rest: r };
}

/** SSH_MSG_USERAUTH_FAILURE (RFC 4252 §5.1). */
export function encodeFailure(methods: readonly string[], partialSuccess = false): Uint8Array {
  return new PacketWriter(64)
    .writeByte(MSG_USERAUTH_FAILURE)
    .writeNameList(methods)
    .writeBoolean(partialSuccess)
    .toBytes();
}

/** Decode SSH_MSG_USERAUTH_FAILURE. */
export function decodeFailure(payload: Uint8Array): { methods: string[]; partialSuccess: boolean } {
  const r = new PacketReader(payload, 1);
  return {
    methods: r.readNameList('authentications that can continue'),
    partialSuccess: r.readBoolean('partial success'),
  };
}

/** SSH_MSG_USERAUTH_BANNER (RFC 4252 §5.4). */
export function encodeBanner(message: string, lang = ''): Uint8Array {
  return new PacketWriter(64 + message.length * 3)
    .writeByte(MSG_USERAUTH_BANNER)
    .writeString(message)
    .writeString(lang)
    .toBytes();
}

/** Decode SSH_MSG_USERAUTH_BANNER. */
export function decodeBanner(payload: Uint8Array): { message: string; lang: string } {
  const r = new PacketReader(payload, 1);
  return { message: r.readUtf8('message'), lang: r.atEnd ? '' : r.readUtf8('language tag') };
}

/** SSH_MSG_USERAUTH_PK_OK (RFC 4252 §7). */
export function encodePkOk(algorithm: string, blob: Uint8Array): Uint8Array {
  return new PacketWriter(blob.length + 64)
    .writeByte(MSG_USERAUTH_PK_OK)
    .writeString(algorithm)
    .writeString(blob)
    .toBytes();
}

/** A keyboard-interactive prompt (RFC 4256 §3.2). */
export interface KbdintPrompt {
  readonly prompt: string;
  readonly echo: boolean;
}

/** A keyboard-interactive challenge. */
export interface KbdintChallenge {
  readonly name: string;
  readonly instructions: string;
  readonly lang: string;
  readonly prompts: readonly KbdintPrompt[];
}

/** SSH_MSG_USERAUTH_INFO_REQUEST (RFC 4256 §3.2). */
export function encodeInfoRequest(c: KbdintChallenge): Uint8Array {
  const w = new PacketWriter(256)
    .writeByte(MSG_USERAUTH_INFO_REQUEST)
    .writeString(c.name)
    .writeString(c.instructions)
    .writeString(c.lang);
  w.writeUint32(c.prompts.length);
  for (const p of c.prompts) w.writeString(p.prompt).writeBoolean(p.echo);
  return w.toBytes();
}

/** Decode SSH_MSG_USERAUTH_INFO_REQUEST. */
export function decodeInfoRequest(payload: Uint8Array): KbdintChallenge {
  const r = new PacketReader(payload, 1);
  const name = r.readUtf8('name');
  const instructions = r.readUtf8('instruction');
  const lang = r.readUtf8('language tag');
  const n = r.readUint32('num-prompts');
  if (n > 64) throw new RangeError(`keyboard-interactive request with ${n} prompts`);
  const prompts: KbdintPrompt[] = [];
  for (let i = 0; i < n; i++) prompts.push({ prompt: r.readUtf8('prompt'), echo: r.readBoolean('echo') });
  return { name, instructions, lang, prompts };
}

/** SSH_MSG_USERAUTH_INFO_RESPONSE (RFC 4256 §3.4). */
export function encodeInfoResponse(responses: readonly string[]): Uint8Array {
  const w = new PacketWriter(64).writeByte(MSG_USERAUTH_INFO_RESPONSE).writeUint32(responses.length);
  for (const s of responses) w.writeString(s);
  return w.toBytes();
}

/** Decode SSH_MSG_USERAUTH_INFO_RESPONSE. */
export function decodeInfoResponse(payload: Uint8Array): string[] {
  const r = new PacketReader(payload, 1);
  const n = r.readUint32('num-responses');
  if (n > 64) throw new RangeError(`keyboard-interactive response with ${n} answers`);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.readUtf8('response'));
  return out;
}

/**
 * The data a publickey signature covers (RFC 4252 §7): session id, then the
 * request up to the key blob with the has-signature flag set.
 */
export function publicKeySignedData(
  sessionId: Uint8Array,
  head: AuthRequestHead,
  algorithm: string,
  blob: Uint8Array,
): Uint8Array {
  return new PacketWriter(sessionId.length + blob.length + 128)
    .writeString(sessionId)
    .writeByte(MSG_USERAUTH_REQUEST)
    .writeString(head.username)
    .writeString(head.service)
    .writeString(head.method)
    .writeBoolean(true)
    .writeString(algorithm)
    .writeString(blob)
    .toBytes();
}
