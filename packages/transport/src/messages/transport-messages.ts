import {
  MSG_DEBUG,
  MSG_EXT_INFO,
  type MSG_SERVICE_ACCEPT,
  type MSG_SERVICE_REQUEST,
  MSG_UNIMPLEMENTED,
  PacketReader,
  PacketWriter,
} from '@ssh/wire';

/** Encode SSH_MSG_SERVICE_REQUEST or SSH_MSG_SERVICE_ACCEPT (RFC 4253 §10). */
export function encodeService(
  msg: typeof MSG_SERVICE_REQUEST | typeof MSG_SERVICE_ACCEPT,
  name: string,
): Uint8Array {
  return new PacketWriter(32).writeByte(msg).writeString(name).toBytes();
}

/** The service name of SSH_MSG_SERVICE_REQUEST / _ACCEPT. */
export function decodeService(payload: Uint8Array): string {
  return new PacketReader(payload, 1).readUtf8('service name');
}

/** Encode SSH_MSG_UNIMPLEMENTED for the packet with sequence number `seq` (RFC 4253 §11.4). */
export function encodeUnimplemented(seq: number): Uint8Array {
  return new PacketWriter(8).writeByte(MSG_UNIMPLEMENTED).writeUint32(seq).toBytes();
}

/** A received SSH_MSG_DEBUG (RFC 4253 §11.3). */
export interface DebugMessage {
  readonly alwaysDisplay: boolean;
  readonly message: string;
  readonly lang: string;
}

/** Encode SSH_MSG_DEBUG. */
export function encodeDebug(message: string, lang = 'en-US', alwaysDisplay = false): Uint8Array {
  return new PacketWriter(32 + message.length * 3)
    .writeByte(MSG_DEBUG)
    .writeBoolean(alwaysDisplay)
    .writeString(message)
    .writeString(lang)
    .toBytes();
}

/** Decode SSH_MSG_DEBUG. */
export function decodeDebug(payload: Uint8Array): DebugMessage {
  const r = new PacketReader(payload, 1);
  return {
    alwaysDisplay: r.readBoolean('always_display'),
    message: r.readUtf8('message'),
    lang: r.readUtf8('language tag'),
  };
}

/** Encode SSH_MSG_EXT_INFO (RFC 8308 §2.3) from name → value pairs. */
export function encodeExtInfo(extensions: ReadonlyMap<string, Uint8Array | string>): Uint8Array {
  const w = new PacketWriter(256).writeByte(MSG_EXT_INFO).writeUint32(extensions.size);
  for (const [name, value] of extensions) w.writeString(name).writeString(value);
  return w.toBytes();
}

/** Decode SSH_MSG_EXT_INFO into name → raw value. */
export function decodeExtInfo(payload: Uint8Array): Map<string, Uint8Array> {
  const r = new PacketReader(payload, 1);
  const n = r.readUint32('nr-extensions');
  const out = new Map<string, Uint8Array>();
  for (let i = 0; i < n; i++) out.set(r.readUtf8('extension-name'), r.readString('extension-value'));
  return out;
}
