import { PacketReader } from '@ssh/wire';
import * as C from './constants.js';
import { SFTPBadMessage } from './errors.js';
import { badMessageOnError, beginPacket, finishPacket } from './requests.js';

/** An extension pair of SSH_FXP_VERSION (name, data), both as sent. */
export type SFTPExtensionPair = readonly [name: string, data: Uint8Array];

/** The first packet each way: SSH_FXP_INIT (client) or SSH_FXP_VERSION (server), -02 §4. */
export interface SFTPHello {
  kind: 'init' | 'version';
  version: number;
  extensions: SFTPExtensionPair[];
}

/** Encode SSH_FXP_INIT (-02 §4): the client's highest version, plus optional extension pairs. */
export function encodeInit(version: number, extensions: readonly SFTPExtensionPair[] = []): Uint8Array {
  const w = beginPacket(C.FXP_INIT, null).writeUint32(version);
  for (const [n, d] of extensions) w.writeString(n).writeString(d);
  return finishPacket(w);
}

/** Encode SSH_FXP_VERSION (-02 §4): the chosen version and the server's extensions. */
export function encodeVersion(version: number, extensions: readonly SFTPExtensionPair[] = []): Uint8Array {
  const w = beginPacket(C.FXP_VERSION, null, 256).writeUint32(version);
  for (const [n, d] of extensions) w.writeString(n).writeString(d);
  return finishPacket(w);
}

const latin = new TextDecoder('latin1');

/** Decode SSH_FXP_INIT or SSH_FXP_VERSION (body without the length word); `expect` says which. */
export function decodeHello(payload: Uint8Array, expect: 'init' | 'version'): SFTPHello {
  return badMessageOnError(expect, () => {
    const r = new PacketReader(payload);
    const type = r.readByte('packet type');
    const want = expect === 'init' ? C.FXP_INIT : C.FXP_VERSION;
    if (type !== want) throw new SFTPBadMessage(`expected SSH_FXP_${expect.toUpperCase()}, got type ${type}`);
    const version = r.readUint32('version');
    const extensions: SFTPExtensionPair[] = [];
    while (!r.atEnd) {
      const name = latin.decode(r.readString('extension name'));
      extensions.push([name, r.readString('extension data')]);
    }
    return { kind: expect, version, extensions };
  });
}
