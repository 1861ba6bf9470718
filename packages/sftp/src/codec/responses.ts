import { DEFAULT_LANG, PacketReader } from '@ssh/wire';
import { decodeAttrs, encodeAttrs, type SFTPAttrs } from './attrs.js';
import * as C from './constants.js';
import { SFTPBadMessage, type SFTPError, sftpErrorFromCode } from './errors.js';
import { decodeNames, encodeNames, type SFTPName } from './name.js';
import { badMessageOnError, beginPacket, finishPacket } from './requests.js';

/** A response from server to client, for request `id`. */
export type SFTPResponse =
  // -02 §7; -13 §9.1 (error-specific data: unknown principals, v5+)
  | { kind: 'status'; id: number; code: number; message: string; lang: string; unknownNames?: string[] }
  // -02 §7
  | { kind: 'handle'; id: number; handle: Uint8Array }
  // -02 §7; -13 §9.3 (end-of-file flag, v6)
  | { kind: 'data'; id: number; data: Uint8Array; endOfFile?: boolean }
  // -02 §7; -13 §9.4 (end-of-list flag, v6)
  | { kind: 'name'; id: number; names: SFTPName<Uint8Array>[]; endOfList?: boolean }
  // -02 §7
  | { kind: 'attrs'; id: number; attrs: SFTPAttrs }
  // -02 §8: request-specific bytes
  | { kind: 'extended-reply'; id: number; data: Uint8Array };

/** The kinds of SFTPResponse. */
export type SFTPResponseKind = SFTPResponse['kind'];

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Encode a response as a whole packet (uint32 length first) for SFTP `version`. */
export function encodeResponse(res: SFTPResponse, version: number): Uint8Array {
  switch (res.kind) {
    case 'status': {
      const w = beginPacket(C.FXP_STATUS, res.id);
      w.writeUint32(res.code).writeString(res.message).writeString(res.lang);
      if (version >= 5 && res.code === C.FX_UNKNOWN_PRINCIPAL) {
        for (const n of res.unknownNames ?? []) w.writeString(n);
      }
      return finishPacket(w);
    }
    case 'handle':
      return finishPacket(beginPacket(C.FXP_HANDLE, res.id).writeString(res.handle));
    case 'data': {
      const w = beginPacket(C.FXP_DATA, res.id, res.data.length + 16).writeString(res.data);
      if (version >= 6 && res.endOfFile !== undefined) w.writeBoolean(res.endOfFile);
      return finishPacket(w);
    }
    case 'name': {
      const w = beginPacket(C.FXP_NAME, res.id, 256 * res.names.length + 16);
      encodeNames(w, res.names, version);
      if (version >= 6 && res.endOfList !== undefined) w.writeBoolean(res.endOfList);
      return finishPacket(w);
    }
    case 'attrs': {
      const w = beginPacket(C.FXP_ATTRS, res.id);
      encodeAttrs(w, res.attrs, version);
      return finishPacket(w);
    }
    case 'extended-reply':
      return finishPacket(
        beginPacket(C.FXP_EXTENDED_REPLY, res.id, res.data.length + 16).writeBytes(res.data),
      );
  }
}

/** A status response for an error (or FX_OK with an empty message when `err` is null). */
export function statusResponse(id: number, err: SFTPError | null): SFTPResponse {
  if (!err) return { kind: 'status', id, code: C.FX_OK, message: '', lang: DEFAULT_LANG };
  const unknownNames = (err as { unknownNames?: string[] }).unknownNames;
  return {
    kind: 'status',
    id,
    code: err.code,
    message: err.reason,
    lang: err.lang,
    ...(unknownNames ? { unknownNames } : {}),
  };
}

/**
 * Decode a response packet body (without the length word) for SFTP `version`.
 * Malformed or unknown packets throw SFTPBadMessage.
 */
export function decodeResponse(payload: Uint8Array, version: number): SFTPResponse {
  return badMessageOnError('response', () => {
    const r = new PacketReader(payload);
    const type = r.readByte('packet type');
    const id = r.readUint32('request id');
    switch (type) {
      case C.FXP_STATUS: {
        const code = r.readUint32('status code');
        // Some v3 servers leave out the message and language.
        const message = r.atEnd ? '' : utf8.decode(r.readString('error message'));
        const lang = r.atEnd ? DEFAULT_LANG : utf8.decode(r.readString('language tag'));
        if (code === C.FX_UNKNOWN_PRINCIPAL) {
          const unknownNames: string[] = [];
          while (!r.atEnd) unknownNames.push(utf8.decode(r.readString('unknown name')));
          return { kind: 'status', id, code, message, lang, unknownNames };
        }
        r.expectEnd('status');
        return { kind: 'status', id, code, message, lang };
      }
      case C.FXP_HANDLE: {
        const handle = r.readString('handle');
        r.expectEnd('handle');
        return { kind: 'handle', id, handle };
      }
      case C.FXP_DATA: {
        const data = r.readString('data');
        if (!r.atEnd && version >= 6)
          return { kind: 'data', id, data, endOfFile: r.readBoolean('end-of-file') };
        r.expectEnd('data');
        return { kind: 'data', id, data };
      }
      case C.FXP_NAME: {
        const names = decodeNames(r, version);
        if (!r.atEnd && version >= 6) {
          return { kind: 'name', id, names, endOfList: r.readBoolean('end-of-list') };
        }
        r.expectEnd('name');
        return { kind: 'name', id, names };
      }
      case C.FXP_ATTRS: {
        const attrs = decodeAttrs(r, version);
        r.expectEnd('attrs');
        return { kind: 'attrs', id, attrs };
      }
      case C.FXP_EXTENDED_REPLY:
        return { kind: 'extended-reply', id, data: r.readRemaining() };
    }
    throw new SFTPBadMessage(`unknown response type ${type}`);
  });
}

/** The SFTPError a non-OK status response stands for (null for FX_OK). */
export function statusError(res: Extract<SFTPResponse, { kind: 'status' }>): SFTPError | null {
  if (res.code === C.FX_OK) return null;
  return sftpErrorFromCode(res.code, res.message, res.lang, res.unknownNames ?? []);
}
