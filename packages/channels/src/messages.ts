import {
  DEFAULT_LANG,
  MSG_CHANNEL_DATA,
  MSG_CHANNEL_EXTENDED_DATA,
  MSG_CHANNEL_OPEN,
  MSG_CHANNEL_OPEN_CONFIRMATION,
  MSG_CHANNEL_OPEN_FAILURE,
  MSG_CHANNEL_REQUEST,
  MSG_CHANNEL_WINDOW_ADJUST,
  MSG_GLOBAL_REQUEST,
  MSG_REQUEST_FAILURE,
  MSG_REQUEST_SUCCESS,
  PacketWriter,
} from '@ssh/wire';

/** RFC 4254 message encoders used by the connection layer. */

const empty = new Uint8Array(0);

export function encodeChannelOpen(
  type: string,
  sender: number,
  window: number,
  maxPktsize: number,
  extra: Uint8Array = empty,
): Uint8Array {
  return new PacketWriter(32 + type.length + extra.length)
    .writeByte(MSG_CHANNEL_OPEN)
    .writeString(type)
    .writeUint32(sender)
    .writeUint32(window)
    .writeUint32(maxPktsize)
    .writeBytes(extra)
    .toBytes();
}

export function encodeOpenConfirmation(
  recipient: number,
  sender: number,
  window: number,
  maxPktsize: number,
  extra: Uint8Array = empty,
): Uint8Array {
  return new PacketWriter(17 + extra.length)
    .writeByte(MSG_CHANNEL_OPEN_CONFIRMATION)
    .writeUint32(recipient)
    .writeUint32(sender)
    .writeUint32(window)
    .writeUint32(maxPktsize)
    .writeBytes(extra)
    .toBytes();
}

export function encodeOpenFailure(
  recipient: number,
  code: number,
  reason: string,
  lang = DEFAULT_LANG,
): Uint8Array {
  return new PacketWriter(32 + reason.length)
    .writeByte(MSG_CHANNEL_OPEN_FAILURE)
    .writeUint32(recipient)
    .writeUint32(code)
    .writeString(reason)
    .writeString(lang)
    .toBytes();
}

export function encodeWindowAdjust(recipient: number, bytes: number): Uint8Array {
  return new PacketWriter(9)
    .writeByte(MSG_CHANNEL_WINDOW_ADJUST)
    .writeUint32(recipient)
    .writeUint32(bytes)
    .toBytes();
}

/** CHANNEL_DATA (datatype null) or CHANNEL_EXTENDED_DATA carrying `data`. */
export function encodeData(recipient: number, datatype: number | null, data: Uint8Array): Uint8Array {
  const w = new PacketWriter(data.length + 13);
  if (datatype === null) w.writeByte(MSG_CHANNEL_DATA).writeUint32(recipient);
  else w.writeByte(MSG_CHANNEL_EXTENDED_DATA).writeUint32(recipient).writeUint32(datatype);
  return w.writeString(data).toBytes();
}

/**
 * The start of CHANNEL_DATA or CHANNEL_EXTENDED_DATA up to and including the
 * data's length field: the message is this header followed by `length` bytes of data.
 */
export function encodeDataHeader(recipient: number, datatype: number | null, length: number): Uint8Array {
  const w = new PacketWriter(13);
  if (datatype === null) w.writeByte(MSG_CHANNEL_DATA).writeUint32(recipient);
  else w.writeByte(MSG_CHANNEL_EXTENDED_DATA).writeUint32(recipient).writeUint32(datatype);
  return w.writeUint32(length).toBytes();
}

/** A message that carries only the recipient channel: EOF, CLOSE, SUCCESS or FAILURE. */
export function encodeChannelOnly(msg: number, recipient: number): Uint8Array {
  return new PacketWriter(5).writeByte(msg).writeUint32(recipient).toBytes();
}

export function encodeChannelRequest(
  recipient: number,
  type: string,
  wantReply: boolean,
  data: Uint8Array = empty,
): Uint8Array {
  return new PacketWriter(16 + type.length + data.length)
    .writeByte(MSG_CHANNEL_REQUEST)
    .writeUint32(recipient)
    .writeString(type)
    .writeBoolean(wantReply)
    .writeBytes(data)
    .toBytes();
}

export function encodeGlobalRequest(name: string, wantReply: boolean, data: Uint8Array = empty): Uint8Array {
  return new PacketWriter(8 + name.length + data.length)
    .writeByte(MSG_GLOBAL_REQUEST)
    .writeString(name)
    .writeBoolean(wantReply)
    .writeBytes(data)
    .toBytes();
}

/** REQUEST_SUCCESS (with optional response data) or REQUEST_FAILURE. */
export function encodeGlobalReply(ok: boolean, data: Uint8Array = empty): Uint8Array {
  if (!ok) return Uint8Array.of(MSG_REQUEST_FAILURE);
  return new PacketWriter(1 + data.length).writeByte(MSG_REQUEST_SUCCESS).writeBytes(data).toBytes();
}
