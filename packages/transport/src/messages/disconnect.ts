import {
  DEFAULT_LANG,
  type DisconnectError,
  disconnectErrorFromCode,
  MSG_DISCONNECT,
  PacketReader,
  PacketWriter,
} from '@ssh/wire';

/** Encode SSH_MSG_DISCONNECT (RFC 4253 §11.1). */
export function encodeDisconnect(code: number, reason: string, lang = DEFAULT_LANG): Uint8Array {
  return new PacketWriter(32 + reason.length * 3)
    .writeByte(MSG_DISCONNECT)
    .writeUint32(code)
    .writeString(reason)
    .writeString(lang)
    .toBytes();
}

/** Decode SSH_MSG_DISCONNECT into the error class matching its reason code. */
export function decodeDisconnect(payload: Uint8Array): DisconnectError {
  const r = new PacketReader(payload, 1);
  const code = r.readUint32('reason code');
  const reason = r.readUtf8('description');
  const lang = r.atEnd ? DEFAULT_LANG : r.readUtf8('language tag');
  return disconnectErrorFromCode(code, reason, lang);
}
