import { MSG_KEXINIT, PacketReader, PacketWriter, ProtocolError } from '@ssh/wire';

/** The algorithm lists of one side's SSH_MSG_KEXINIT (RFC 4253 §7.1). */
export interface KexInit {
  /** 16 random bytes. */
  readonly cookie: Uint8Array;
  readonly kexAlgs: readonly string[];
  readonly hostKeyAlgs: readonly string[];
  readonly encryptionCtoS: readonly string[];
  readonly encryptionStoC: readonly string[];
  readonly macCtoS: readonly string[];
  readonly macStoC: readonly string[];
  readonly compressionCtoS: readonly string[];
  readonly compressionStoC: readonly string[];
  readonly languagesCtoS: readonly string[];
  readonly languagesStoC: readonly string[];
  readonly firstKexPacketFollows: boolean;
}

/** Encode a KEXINIT payload; the bytes are kept for the exchange hash (I_C / I_S). */
export function encodeKexInit(k: KexInit): Uint8Array {
  if (k.cookie.length !== 16) throw new TypeError('KEXINIT cookie must be 16 bytes');
  const w = new PacketWriter(1024);
  w.writeByte(MSG_KEXINIT).writeBytes(k.cookie);
  for (const list of [
    k.kexAlgs,
    k.hostKeyAlgs,
    k.encryptionCtoS,
    k.encryptionStoC,
    k.macCtoS,
    k.macStoC,
    k.compressionCtoS,
    k.compressionStoC,
    k.languagesCtoS,
    k.languagesStoC,
  ]) {
    w.writeNameList(list);
  }
  w.writeBoolean(k.firstKexPacketFollows).writeUint32(0);
  return w.toBytes().slice();
}

/** Decode a KEXINIT payload (message number included); malformed input throws a WireError. */
export function decodeKexInit(payload: Uint8Array): KexInit {
  const r = new PacketReader(payload);
  if (r.readByte('message number') !== MSG_KEXINIT) throw new ProtocolError('expected SSH_MSG_KEXINIT');
  const cookie = r.readBytes(16, 'cookie');
  const k: KexInit = {
    cookie,
    kexAlgs: r.readNameList('kex_algorithms'),
    hostKeyAlgs: r.readNameList('server_host_key_algorithms'),
    encryptionCtoS: r.readNameList('encryption_algorithms_client_to_server'),
    encryptionStoC: r.readNameList('encryption_algorithms_server_to_client'),
    macCtoS: r.readNameList('mac_algorithms_client_to_server'),
    macStoC: r.readNameList('mac_algorithms_server_to_client'),
    compressionCtoS: r.readNameList('compression_algorithms_client_to_server'),
    compressionStoC: r.readNameList('compression_algorithms_server_to_client'),
    languagesCtoS: r.readNameList('languages_client_to_server'),
    languagesStoC: r.readNameList('languages_server_to_client'),
    firstKexPacketFollows: r.readBoolean('first_kex_packet_follows'),
  };
  r.readUint32('reserved');
  // RFC 4253 §7.1 leaves no room for more; tolerate trailing bytes as OpenSSH does.
  return k;
}
