import { DEFAULT_LANG } from '@ssh/wire';
import * as C from './constants.js';

/** An SFTP error: an FX_* status code with the reason and language tag the peer sent (or we send). */
export class SFTPError extends Error {
  /** The FX_* status code. */
  readonly code: number;
  /** Human-readable reason. */
  readonly reason: string;
  /** Language tag of the reason. */
  readonly lang: string;

  constructor(code: number, reason: string, lang: string = DEFAULT_LANG, options?: ErrorOptions) {
    super(reason, options);
    this.name = new.target.name;
    this.code = code;
    this.reason = reason;
    this.lang = lang;
  }
}

type Sub = new (reason?: string, lang?: string, options?: ErrorOptions) => SFTPError;

function sub(name: string, code: number, defaultReason = ''): Sub {
  const cls = class extends SFTPError {
    constructor(reason: string = defaultReason, lang?: string, options?: ErrorOptions) {
      super(code, reason, lang, options);
    }
  };
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** FX_EOF (1): end of file; the reason is optional. */
export class SFTPEOFError extends SFTPError {
  constructor(reason = '', lang?: string, options?: ErrorOptions) {
    super(C.FX_EOF, reason, lang, options);
  }
}
/** FX_NO_SUCH_FILE (2). */
export class SFTPNoSuchFile extends sub('SFTPNoSuchFile', C.FX_NO_SUCH_FILE) {}
/** FX_PERMISSION_DENIED (3). */
export class SFTPPermissionDenied extends sub('SFTPPermissionDenied', C.FX_PERMISSION_DENIED) {}
/** FX_FAILURE (4). */
export class SFTPFailure extends sub('SFTPFailure', C.FX_FAILURE) {}
/** FX_BAD_MESSAGE (5): a malformed packet. */
export class SFTPBadMessage extends sub('SFTPBadMessage', C.FX_BAD_MESSAGE) {}
/** FX_NO_CONNECTION (6). */
export class SFTPNoConnection extends sub('SFTPNoConnection', C.FX_NO_CONNECTION) {}
/** FX_CONNECTION_LOST (7): the session ended. */
export class SFTPConnectionLost extends sub('SFTPConnectionLost', C.FX_CONNECTION_LOST) {}
/** FX_OP_UNSUPPORTED (8). */
export class SFTPOpUnsupported extends sub('SFTPOpUnsupported', C.FX_OP_UNSUPPORTED) {}
/** FX_INVALID_HANDLE (9, v4+). */
export class SFTPInvalidHandle extends sub('SFTPInvalidHandle', C.FX_INVALID_HANDLE) {}
/** FX_NO_SUCH_PATH (10, v4+). */
export class SFTPNoSuchPath extends sub('SFTPNoSuchPath', C.FX_NO_SUCH_PATH) {}
/** FX_FILE_ALREADY_EXISTS (11, v4+). */
export class SFTPFileAlreadyExists extends sub('SFTPFileAlreadyExists', C.FX_FILE_ALREADY_EXISTS) {}
/** FX_WRITE_PROTECT (12, v4+). */
export class SFTPWriteProtect extends sub('SFTPWriteProtect', C.FX_WRITE_PROTECT) {}
/** FX_NO_MEDIA (13, v4+). */
export class SFTPNoMedia extends sub('SFTPNoMedia', C.FX_NO_MEDIA) {}
/** FX_NO_SPACE_ON_FILESYSTEM (14, v5+). */
export class SFTPNoSpaceOnFilesystem extends sub('SFTPNoSpaceOnFilesystem', C.FX_NO_SPACE_ON_FILESYSTEM) {}
/** FX_QUOTA_EXCEEDED (15, v5+). */
export class SFTPQuotaExceeded extends sub('SFTPQuotaExceeded', C.FX_QUOTA_EXCEEDED) {}
/** FX_UNKNOWN_PRINCIPAL (16, v5+): carries the names the server did not know. */
export class SFTPUnknownPrincipal extends SFTPError {
  /** The unknown owner or group names. */
  readonly unknownNames: string[];
  constructor(reason = '', lang?: string, unknownNames: readonly string[] = [], options?: ErrorOptions) {
    super(C.FX_UNKNOWN_PRINCIPAL, reason, lang, options);
    this.unknownNames = [...unknownNames];
  }
}
/** FX_LOCK_CONFLICT (17, v5+). */
export class SFTPLockConflict extends sub('SFTPLockConflict', C.FX_LOCK_CONFLICT) {}
/** FX_DIR_NOT_EMPTY (18, v6+). */
export class SFTPDirNotEmpty extends sub('SFTPDirNotEmpty', C.FX_DIR_NOT_EMPTY) {}
/** FX_NOT_A_DIRECTORY (19, v6+). */
export class SFTPNotADirectory extends sub('SFTPNotADirectory', C.FX_NOT_A_DIRECTORY) {}
/** FX_INVALID_FILENAME (20, v6+). */
export class SFTPInvalidFilename extends sub('SFTPInvalidFilename', C.FX_INVALID_FILENAME) {}
/** FX_LINK_LOOP (21, v6+). */
export class SFTPLinkLoop extends sub('SFTPLinkLoop', C.FX_LINK_LOOP) {}
/** FX_CANNOT_DELETE (22, v6+). */
export class SFTPCannotDelete extends sub('SFTPCannotDelete', C.FX_CANNOT_DELETE) {}
/** FX_INVALID_PARAMETER (23, v6+). */
export class SFTPInvalidParameter extends sub('SFTPInvalidParameter', C.FX_INVALID_PARAMETER) {}
/** FX_FILE_IS_A_DIRECTORY (24, v6+). */
export class SFTPFileIsADirectory extends sub('SFTPFileIsADirectory', C.FX_FILE_IS_A_DIRECTORY) {}
/** FX_BYTE_RANGE_LOCK_CONFLICT (25, v6+). */
export class SFTPByteRangeLockConflict extends sub(
  'SFTPByteRangeLockConflict',
  C.FX_BYTE_RANGE_LOCK_CONFLICT,
) {}
/** FX_BYTE_RANGE_LOCK_REFUSED (26, v6+). */
export class SFTPByteRangeLockRefused extends sub('SFTPByteRangeLockRefused', C.FX_BYTE_RANGE_LOCK_REFUSED) {}
/** FX_DELETE_PENDING (27, v6+). */
export class SFTPDeletePending extends sub('SFTPDeletePending', C.FX_DELETE_PENDING) {}
/** FX_FILE_CORRUPT (28, v6+). */
export class SFTPFileCorrupt extends sub('SFTPFileCorrupt', C.FX_FILE_CORRUPT) {}
/** FX_OWNER_INVALID (29, v6+). */
export class SFTPOwnerInvalid extends sub('SFTPOwnerInvalid', C.FX_OWNER_INVALID) {}
/** FX_GROUP_INVALID (30, v6+). */
export class SFTPGroupInvalid extends sub('SFTPGroupInvalid', C.FX_GROUP_INVALID) {}
/** FX_NO_MATCHING_BYTE_RANGE_LOCK (31, v6+). */
export class SFTPNoMatchingByteRangeLock extends sub(
  'SFTPNoMatchingByteRangeLock',
  C.FX_NO_MATCHING_BYTE_RANGE_LOCK,
) {}

const BY_CODE: ReadonlyMap<number, Sub> = new Map<number, Sub>([
  [C.FX_NO_SUCH_FILE, SFTPNoSuchFile],
  [C.FX_PERMISSION_DENIED, SFTPPermissionDenied],
  [C.FX_FAILURE, SFTPFailure],
  [C.FX_BAD_MESSAGE, SFTPBadMessage],
  [C.FX_NO_CONNECTION, SFTPNoConnection],
  [C.FX_CONNECTION_LOST, SFTPConnectionLost],
  [C.FX_OP_UNSUPPORTED, SFTPOpUnsupported],
  [C.FX_INVALID_HANDLE, SFTPInvalidHandle],
  [C.FX_NO_SUCH_PATH, SFTPNoSuchPath],
  [C.FX_FILE_ALREADY_EXISTS, SFTPFileAlreadyExists],
  [C.FX_WRITE_PROTECT, SFTPWriteProtect],
  [C.FX_NO_MEDIA, SFTPNoMedia],
  [C.FX_NO_SPACE_ON_FILESYSTEM, SFTPNoSpaceOnFilesystem],
  [C.FX_QUOTA_EXCEEDED, SFTPQuotaExceeded],
  [C.FX_LOCK_CONFLICT, SFTPLockConflict],
  [C.FX_DIR_NOT_EMPTY, SFTPDirNotEmpty],
  [C.FX_NOT_A_DIRECTORY, SFTPNotADirectory],
  [C.FX_INVALID_FILENAME, SFTPInvalidFilename],
  [C.FX_LINK_LOOP, SFTPLinkLoop],
  [C.FX_CANNOT_DELETE, SFTPCannotDelete],
  [C.FX_INVALID_PARAMETER, SFTPInvalidParameter],
  [C.FX_FILE_IS_A_DIRECTORY, SFTPFileIsADirectory],
  [C.FX_BYTE_RANGE_LOCK_CONFLICT, SFTPByteRangeLockConflict],
  [C.FX_BYTE_RANGE_LOCK_REFUSED, SFTPByteRangeLockRefused],
  [C.FX_DELETE_PENDING, SFTPDeletePending],
  [C.FX_FILE_CORRUPT, SFTPFileCorrupt],
  [C.FX_OWNER_INVALID, SFTPOwnerInvalid],
  [C.FX_GROUP_INVALID, SFTPGroupInvalid],
  [C.FX_NO_MATCHING_BYTE_RANGE_LOCK, SFTPNoMatchingByteRangeLock],
]);

/** The SFTPError subclass for a status code (SFTPError itself for codes without one). */
export function sftpErrorFromCode(
  code: number,
  reason: string,
  lang: string = DEFAULT_LANG,
  unknownNames: readonly string[] = [],
): SFTPError {
  if (code === C.FX_EOF) return new SFTPEOFError(reason, lang);
  if (code === C.FX_UNKNOWN_PRINCIPAL) return new SFTPUnknownPrincipal(reason, lang, unknownNames);
  const cls = BY_CODE.get(code);
  return cls ? new cls(reason, lang) : new SFTPError(code, reason, lang);
}
