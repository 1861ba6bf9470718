import { createSession, type EnvInput, type ErrorsPolicy, type SSHConnection } from '@ssh/channels';
import { MAX_SFTP_VERSION, MIN_SFTP_VERSION } from '../codec/constants.js';
import { SFTPError, SFTPNoConnection } from '../codec/errors.js';
import { SFTPClient } from './client.js';
import type { SFTPLocalFS } from './local-fs.js';
import { PathCodec } from './paths.js';
import { SFTPClientSession } from './session.js';

/** Options of startSftpClient (AsyncSSH start_sftp_client). */
export interface SFTPClientOptions {
  /** Environment variables for the session. */
  env?: EnvInput;
  /** Local variable names (wildcards allowed) to send. */
  sendEnv?: readonly string[];
  /** Encoding of remote path names (default 'utf-8'); null keeps them as bytes. */
  pathEncoding?: string | null;
  /** Handling of paths the encoding cannot represent (default 'strict'). */
  pathErrors?: ErrorsPolicy;
  /** Highest SFTP version to ask for (3 to 6; default 3). */
  sftpVersion?: number;
  /** Local file system for get/put/mget/mput (nodeLocalFs from @ssh/sftp/node on Node). */
  localFs?: SFTPLocalFS | null;
  /** Receive window of the channel (default 8 MiB). */
  window?: number;
}

function serverVersionOf(conn: SSHConnection): string {
  const t = conn.transport as unknown as { serverVersion?: unknown };
  return typeof t.serverVersion === 'string' ? t.serverVersion : '';
}

/**
 * Open an SFTP session on `conn` (a session channel with the `sftp`
 * subsystem), negotiate the version and return the SFTPClient. Throws
 * SFTPError when the session cannot be opened.
 */
export async function startSftpClient(
  conn: SSHConnection,
  options: SFTPClientOptions = {},
): Promise<SFTPClient> {
  const version = options.sftpVersion ?? MIN_SFTP_VERSION;
  if (!Number.isInteger(version) || version < MIN_SFTP_VERSION || version > MAX_SFTP_VERSION) {
    throw new RangeError(`sftpVersion must be ${MIN_SFTP_VERSION} to ${MAX_SFTP_VERSION}, not ${version}`);
  }
  const paths = new PathCodec(
    options.pathEncoding === undefined ? 'utf-8' : options.pathEncoding,
    options.pathErrors ?? 'strict',
  );
  const session = new SFTPClientSession(version, conn.logger.getChild('sftp'));
  try {
    await createSession(conn, () => session, {
      subsystem: 'sftp',
      encoding: null,
      window: options.window ?? 8 * 1024 * 1024,
      ...(options.env !== undefined ? { env: options.env } : {}),
      ...(options.sendEnv !== undefined ? { sendEnv: options.sendEnv } : {}),
    });
  } catch (err) {
    if (err instanceof SFTPError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new SFTPNoConnection(`SFTP session could not be opened: ${why}`, undefined, { cause: err });
  }
  let hello: Awaited<typeof session.hello>;
  try {
    hello = await session.hello;
  } catch (err) {
    session.close();
    throw err;
  }
  const client = new SFTPClient(
    session,
    paths,
    hello.extensions,
    serverVersionOf(conn),
    options.localFs ?? null,
  );
  try {
    await client.init();
  } catch (err) {
    session.close();
    throw err;
  }
  session.logger.debug1('SFTP version %s started', hello.version);
  return client;
}
