import {
  SFTPDirNotEmpty,
  SFTPError,
  SFTPFailure,
  SFTPFileAlreadyExists,
  SFTPFileIsADirectory,
  SFTPInvalidFilename,
  SFTPLinkLoop,
  SFTPNoSpaceOnFilesystem,
  SFTPNoSuchFile,
  SFTPNotADirectory,
  SFTPOpUnsupported,
  SFTPPermissionDenied,
  SFTPQuotaExceeded,
  SFTPWriteProtect,
} from '../codec/errors.js';

type ErrorClass = new (reason?: string, lang?: string, options?: ErrorOptions) => SFTPError;

/** errno names and the SFTP error each becomes. */
const BY_ERRNO: ReadonlyMap<string, [ErrorClass, string]> = new Map<string, [ErrorClass, string]>([
  ['ENOENT', [SFTPNoSuchFile, 'No such file or directory']],
  ['EACCES', [SFTPPermissionDenied, 'Permission denied']],
  ['EPERM', [SFTPPermissionDenied, 'Operation not permitted']],
  ['EEXIST', [SFTPFileAlreadyExists, 'File exists']],
  ['ENOTDIR', [SFTPNotADirectory, 'Not a directory']],
  ['EISDIR', [SFTPFileIsADirectory, 'Is a directory']],
  ['ENOTEMPTY', [SFTPDirNotEmpty, 'Directory not empty']],
  ['ELOOP', [SFTPLinkLoop, 'Too many levels of symbolic links']],
  ['ENAMETOOLONG', [SFTPInvalidFilename, 'File name too long']],
  ['ENOSPC', [SFTPNoSpaceOnFilesystem, 'No space left on device']],
  ['EDQUOT', [SFTPQuotaExceeded, 'Disk quota exceeded']],
  ['EROFS', [SFTPWriteProtect, 'Read-only file system']],
  ['ENOSYS', [SFTPOpUnsupported, 'Operation not supported by the local system (ENOSYS)']],
  ['EOPNOTSUPP', [SFTPOpUnsupported, 'Operation not supported']],
]);

/**
 * The SFTPError for an error thrown by a local file operation (Node's
 * errors carry an errno name in `code`), with `path` in the reason.
 * SFTPErrors pass through unchanged.
 */
export function sftpErrorFromOs(err: unknown, path?: string): SFTPError {
  if (err instanceof SFTPError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const entry = typeof code === 'string' ? BY_ERRNO.get(code) : undefined;
  const suffix = path !== undefined ? `: ${path}` : '';
  if (entry) return new entry[0](`${entry[1]}${suffix}`, undefined, { cause: err });
  // Node's messages name the local path; with only an errno name, say that (a chroot stays hidden).
  const text =
    typeof code === 'string' ? `Failure (${code})` : err instanceof Error ? err.message : String(err);
  return new SFTPFailure(`${text}${suffix}`, undefined, { cause: err });
}

/** Messages OpenSSH's scp prints (strerror texts) and the SFTP error each suggests. */
const BY_MESSAGE: readonly [RegExp, ErrorClass][] = [
  [/No such file or directory/i, SFTPNoSuchFile],
  [/Permission denied|Operation not permitted/i, SFTPPermissionDenied],
  [/Not a directory/i, SFTPNotADirectory],
  [/Is a directory/i, SFTPFileIsADirectory],
  [/File exists/i, SFTPFileAlreadyExists],
  [/No space left on device/i, SFTPNoSpaceOnFilesystem],
  [/Read-only file system/i, SFTPWriteProtect],
];

/** The SFTPError for an error message a remote scp sent (SFTPFailure when it names no known cause). */
export function sftpErrorFromMessage(message: string): SFTPError {
  for (const [re, cls] of BY_MESSAGE) if (re.test(message)) return new cls(message);
  return new SFTPFailure(message);
}
