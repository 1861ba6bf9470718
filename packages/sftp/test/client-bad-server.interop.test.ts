import { fileURLToPath } from 'node:url';
import type { SSHConnection } from '@ssh/channels';
import { type RunningServer, SYSTEM_PYTHON, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('the server going away fails pending requests with SFTPConnectionLost', async () => {
    const sftp = await start('eof');
    const err = await sftp.stat('/').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SFTPConnectionLost);
    expect(err).toBeInstanceOf(SFTPError);
    await sftp.waitClosed();
  });

  it('the connection still works after each broken session', async () => {
    await expect(start('version-7')).rejects.toBeInstanceOf(SFTPBadMessage);
    expect(conn.isClosed).toBe(false);
  });
});
