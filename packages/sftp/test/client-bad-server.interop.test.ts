import { fileURLToPath } from 'node:url';
import type { SSHConnection } from '@ssh/channels';
import { type RunningServer, SYSTEM_PYTHON, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as S from '../src/index.js';
import { SFTPBadMessage, SFTPConnectionLost, SFTPError, startSftpClient } from '../src/index.js';
import { connectClient } from './client-peer.js';

const SCRIPT = fileURLToPath(new URL('./fixtures/bad_sftp_server.py', import.meta.url));

/** sshd runs a broken SFTP server (picked by an env request) in place of the sftp subsystem. */
describe('SFTPClient against a broken SFTP server behind sshd', () => {
  let server: RunningServer;
  let conn: SSHConnection;

  beforeAll(async () => {
    server = await startOpenSshd({
      config: ['AcceptEnv SFTP_BAD_MODE', `ForceCommand ${SYSTEM_PYTHON} ${SCRIPT}`],
    });
    conn = await connectClient(server);
  }, 30_000);

  afterAll(async () => {
    conn?.close();
    await server?.stop();
  });

  const start = (mode: string) => startSftpClient(conn, { env: { SFTP_BAD_MODE: mode } });

  it.each([
    ['bad-version-type', /expected SSH_FXP_VERSION/],
    ['version-7', /unsupported SFTP version 7/],
    ['short-version', /malformed version/],
  ])('a bad SSH_FXP_VERSION (%s) fails startSftpClient with SFTPBadMessage', async (mode, message) => {
    const err = await start(mode).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SFTPBadMessage);
    expect((err as Error).message).toMatch(message);
  });

  it.each([
    ['truncated', /malformed response/],
    ['oversized', /above the limit/],
    ['unknown-id', /unknown request id/],
    ['unknown-type', /unknown response type 77/],
    ['bad-attrs', /unsupported attribute flags/],
    ['trailing', /trailing bytes/],
  ])(
    'a bad response (%s) rejects the request with SFTPBadMessage and closes the client',
    async (mode, message) => {
      const sftp = await start(mode);
      const err = await sftp.stat('/').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SFTPBadMessage);
      expect((err as Error).message).toMatch(message);
      expect(sftp.failure).toBe(err);
      await sftp.waitClosed();
      await expect(sftp.listdir('/')).rejects.toBe(err);
    },
  );

  it('a server that ends before SSH_FXP_VERSION fails startSftpClient with SFTPConnectionLost', async () => {
    await expect(start('exit-at-once')).rejects.toBeInstanceOf(SFTPConnectionLost);
  });

  it('a connection that is gone fails startSftpClient with SFTPNoConnection', async () => {
    const other = await connectClient(server);
    other.close();
    await other.waitClosed();
    const err = await startSftpClient(other).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(S.SFTPNoConnection);
  });

  it('the server going away fails pending requests with SFTPConnectionLost', async () => {
    const sftp = await start('eof');
    const err = await sftp.stat('/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SFTPConnectionLost);
    expect(err).toBeInstanceOf(SFTPError);
    await sftp.waitClosed();
  });

  it('each status code a server sends becomes its typed error', async () => {
    const expected: Array<[number, new (...a: never[]) => SFTPError]> = [
      [S.FX_EOF, S.SFTPEOFError],
      [S.FX_NO_SUCH_FILE, S.SFTPNoSuchFile],
      [S.FX_PERMISSION_DENIED, S.SFTPPermissionDenied],
      [S.FX_FAILURE, S.SFTPFailure],
      [S.FX_BAD_MESSAGE, S.SFTPBadMessage],
      [S.FX_NO_CONNECTION, S.SFTPNoConnection],
      [S.FX_CONNECTION_LOST, S.SFTPConnectionLost],
      [S.FX_OP_UNSUPPORTED, S.SFTPOpUnsupported],
      [S.FX_INVALID_HANDLE, S.SFTPInvalidHandle],
      [S.FX_NO_SUCH_PATH, S.SFTPNoSuchPath],
      [S.FX_FILE_ALREADY_EXISTS, S.SFTPFileAlreadyExists],
      [S.FX_WRITE_PROTECT, S.SFTPWriteProtect],
      [S.FX_NO_MEDIA, S.SFTPNoMedia],
      [S.FX_NO_SPACE_ON_FILESYSTEM, S.SFTPNoSpaceOnFilesystem],
      [S.FX_QUOTA_EXCEEDED, S.SFTPQuotaExceeded],
      [S.FX_UNKNOWN_PRINCIPAL, S.SFTPUnknownPrincipal],
      [S.FX_LOCK_CONFLICT, S.SFTPLockConflict],
      [S.FX_DIR_NOT_EMPTY, S.SFTPDirNotEmpty],
      [S.FX_NOT_A_DIRECTORY, S.SFTPNotADirectory],
      [S.FX_INVALID_FILENAME, S.SFTPInvalidFilename],
      [S.FX_LINK_LOOP, S.SFTPLinkLoop],
      [S.FX_CANNOT_DELETE, S.SFTPCannotDelete],
      [S.FX_INVALID_PARAMETER, S.SFTPInvalidParameter],
      [S.FX_FILE_IS_A_DIRECTORY, S.SFTPFileIsADirectory],
      [S.FX_BYTE_RANGE_LOCK_CONFLICT, S.SFTPByteRangeLockConflict],
      [S.FX_BYTE_RANGE_LOCK_REFUSED, S.SFTPByteRangeLockRefused],
      [S.FX_DELETE_PENDING, S.SFTPDeletePending],
      [S.FX_FILE_CORRUPT, S.SFTPFileCorrupt],
      [S.FX_OWNER_INVALID, S.SFTPOwnerInvalid],
      [S.FX_GROUP_INVALID, S.SFTPGroupInvalid],
      [S.FX_NO_MATCHING_BYTE_RANGE_LOCK, S.SFTPNoMatchingByteRangeLock],
    ];
    const sftp = await start('statuses');
    for (const [code, cls] of expected) {
      const err = await sftp.remove('/x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(cls);
      expect(err).toBeInstanceOf(SFTPError);
      expect((err as SFTPError).code).toBe(code);
      expect((err as SFTPError).reason).toBe(`code ${code}`);
      expect((err as SFTPError).lang).toBe('en');
      if (err instanceof S.SFTPUnknownPrincipal) expect(err.unknownNames).toEqual(['alice']);
    }
    sftp.exit();
    await sftp.waitClosed();
  });

  it('the connection still works after each broken session', async () => {
    await expect(start('version-7')).rejects.toBeInstanceOf(SFTPBadMessage);
    expect(conn.isClosed).toBe(false);
  });
});
