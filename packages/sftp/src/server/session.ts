import type { SSHReader, SSHServerProcess, SSHWriter } from '@ssh/channels';
import { PacketWriter, type SSHLogger } from '@ssh/wire';
import { SFTPAttrs } from '../codec/attrs.js';
import * as C from '../codec/constants.js';
import { SFTPBadMessage, SFTPError, SFTPFailure, SFTPInvalidHandle } from '../codec/errors.js';
import { DEFAULT_MAX_SFTP_PACKET, SFTPPacketFramer } from '../codec/framer.js';
import { EXTENSION_VERSIONS, type SFTPExtensionPair as ExtPair } from '../codec/index.js';
import { SFTPName } from '../codec/name.js';
import { decodeRequest, requestIdOf, UnknownRequestError } from '../codec/requests.js';
import { encodeResponse, type SFTPResponse, statusResponse } from '../codec/responses.js';
import { decodeHello, encodeVersion } from '../codec/version.js';
import { sftpErrorFromOs } from '../fs/os-errors.js';
import { runExtended } from './extended.js';
import type { SFTPFileObject, SFTPServerHandler } from './handler.js';
import { runRequest } from './requests.js';

/** Options of one SFTP server session. */
export interface SFTPServerSessionOptions {
  /** Highest SFTP version offered (3 to 6, default 3). */
  sftpVersion?: number;
  /** Largest packet accepted from the client (default 4 MiB + 1 KiB). */
  maxPacketLength?: number;
  /** Largest read answered and write announced in limits@openssh.com (default 256 KiB). */
  maxReadLength?: number;
  /** Most handles open at once (default 1024; 0 for no limit). */
  maxOpenHandles?: number;
  /**
   * Read SSH_FXP_SYMLINK (v3) as target first, link second, the order
   * OpenSSH and paramiko send; default: when the client's version string
   * names one of them (as AsyncSSH decides), else the draft's order.
   */
  nonstandardSymlink?: boolean;
}

/** Default largest read and write of a server session (256 KiB). */
export const SFTP_SERVER_BLOCK = 262144;

/** Client implementations that send SSH_FXP_SYMLINK with its paths swapped. */
const NONSTANDARD_SYMLINK_CLIENTS = ['OpenSSH', 'paramiko'];

/** The client's SSH identification string, when the connection can tell. */
function clientVersionOf(process: SSHServerProcess): string {
  const info = process.getExtraInfo('client_version', null);
  if (typeof info === 'string') return info;
  const t = process.channel.connection.transport as unknown as { clientVersion?: unknown };
  return typeof t.clientVersion === 'string' ? t.clientVersion : '';
}

/** What a handle stands for: an open file, or the listing of a directory being read. */
export type OpenHandle =
  | { kind: 'file'; file: SFTPFileObject }
  | { kind: 'dir'; names: SFTPName<Uint8Array>[]; at: number };

/** The state a running session shares with the request code. */
export interface SessionState {
  readonly server: SFTPServerHandler;
  readonly version: number;
  readonly logger: SSHLogger;
  readonly maxPacketLength: number;
  readonly maxReadLength: number;
  readonly maxOpenHandles: number;
  readonly username: string | null;
  /** SSH_FXP_SYMLINK carries the target first (OpenSSH's order). */
  readonly nonstandardSymlink: boolean;
  addHandle(h: OpenHandle): Uint8Array;
  getHandle(handle: Uint8Array): OpenHandle;
  fileOf(handle: Uint8Array): SFTPFileObject;
  dropHandle(handle: Uint8Array): OpenHandle;
}

/** Extensions a server session advertises in SSH_FXP_VERSION. */
export const SERVER_EXTENSIONS: readonly string[] = [
  'posix-rename@openssh.com',
  'statvfs@openssh.com',
  'fstatvfs@openssh.com',
  'hardlink@openssh.com',
  'fsync@openssh.com',
  'lsetstat@openssh.com',
  'limits@openssh.com',
  'expand-path@openssh.com',
  'copy-data',
  'home-directory',
  'users-groups-by-id@openssh.com',
];

const MAX_CODE_BY_VERSION: Record<number, number> = {
  3: C.FX_OP_UNSUPPORTED,
  4: C.FX_NO_MEDIA,
  5: C.FX_LOCK_CONFLICT,
  6: C.FX_NO_MATCHING_BYTE_RANGE_LOCK,
};

/** The status response for an error, with codes the version lacks sent as FX_FAILURE. */
export function errorResponse(id: number, caught: unknown, version: number): SFTPResponse {
  const err = caught instanceof SFTPError ? caught : sftpErrorFromOs(caught);
  const res = statusResponse(id, err);
  if (res.kind === 'status' && res.code > (MAX_CODE_BY_VERSION[version] ?? C.FX_OP_UNSUPPORTED)) {
    return { ...res, code: C.FX_FAILURE };
  }
  return res;
}

const encoder = new TextEncoder();

class Handles {
  private readonly open = new Map<string, OpenHandle>();
  private next = 0;
  constructor(
    private readonly version: number,
    private readonly limit: number,
  ) {}

  add(h: OpenHandle): Uint8Array {
    if (this.limit > 0 && this.open.size >= this.limit) throw new SFTPFailure('Too many open handles');
    const bytes = encoder.encode(String(this.next++));
    this.open.set(key(bytes), h);
    return bytes;
  }

  get(handle: Uint8Array): OpenHandle {
    const h = this.open.get(key(handle));
    if (!h)
      throw this.version >= 4 ? new SFTPInvalidHandle('Invalid handle') : new SFTPFailure('Invalid handle');
    return h;
  }

  drop(handle: Uint8Array): OpenHandle {
    const h = this.get(handle);
    this.open.delete(key(handle));
    return h;
  }

  all(): OpenHandle[] {
    const list = [...this.open.values()];
    this.open.clear();
    return list;
  }
}

function key(handle: Uint8Array): string {
  return String.fromCharCode(...handle);
}

/**
 * Run one SFTP session on a server process (the `sftp` subsystem) with
 * `server` answering the requests, until the client closes it; then the
 * open handles are closed, `server.exit()` runs and the channel exits with
 * status 0. The channel must have `encoding: null`.
 */
export async function runSftpServer(
  process: SSHServerProcess,
  server: SFTPServerHandler,
  options: SFTPServerSessionOptions = {},
): Promise<void> {
  const logger = process.logger.getChild('sftp');
  if (process.channel.codec.encoding !== null) {
    throw new TypeError('the SFTP server needs a channel opened with encoding: null');
  }
  const stdin = process.stdin as SSHReader<Uint8Array>;
  const stdout = process.stdout as SSHWriter<Uint8Array>;
  const maxPacketLength = options.maxPacketLength ?? DEFAULT_MAX_SFTP_PACKET;
  const framer = new SFTPPacketFramer(maxPacketLength);
  const highest = Math.min(Math.max(options.sftpVersion ?? 3, C.MIN_SFTP_VERSION), C.MAX_SFTP_VERSION);
  let version = 0;
  let handles: Handles | null = null;
  let state: SessionState | null = null;
  const inflight = new Set<Promise<void>>();
  const perHandle = new Map<string, { lastWrite: Promise<void> | null; all: Set<Promise<void>> }>();
  let broken: unknown = null;
  const send = (bytes: Uint8Array) => {
    if (!stdout.isClosing()) stdout.write(bytes);
  };
  logger.info('Starting SFTP server');
  try {
    for (;;) {
      const chunk = await stdin.read(262144);
      if (chunk.length === 0) break;
      for (const packet of framer.push(chunk)) {
        if (!state) {
          const hello = decodeHello(packet, 'init');
          version = Math.min(hello.version, highest);
          if (version < C.MIN_SFTP_VERSION)
            throw new SFTPBadMessage(`unsupported SFTP version ${hello.version}`);
          const h = new Handles(version, options.maxOpenHandles ?? 1024);
          handles = h;
          state = {
            server,
            version,
            logger,
            maxPacketLength,
            maxReadLength: Math.min(options.maxReadLength ?? SFTP_SERVER_BLOCK, maxPacketLength - 1024),
            maxOpenHandles: options.maxOpenHandles ?? 1024,
            username: (process.getExtraInfo('username', null) as string | null) ?? null,
            nonstandardSymlink:
              options.nonstandardSymlink ??
              NONSTANDARD_SYMLINK_CLIENTS.some((n) => clientVersionOf(process).includes(n)),
            addHandle: (x) => h.add(x),
            getHandle: (x) => h.get(x),
            fileOf: (x) => {
              const o = h.get(x);
              if (o.kind !== 'file') throw new SFTPFailure('Handle is a directory');
              return o.file;
            },
            dropHandle: (x) => h.drop(x),
          };
          const ext: ExtPair[] = SERVER_EXTENSIONS.map((n) => [
            n,
            encoder.encode(EXTENSION_VERSIONS[n] ?? '1'),
          ]);
          logger.debug1('Negotiated SFTP version %d', version);
          send(encodeVersion(version, ext));
          continue;
        }
        const st = state;
        const reply = (res: SFTPResponse) => send(encodeResponse(res, version));
        const key = isDataTransfer(packet) ? handleKeyOf(packet) : null;
        if (key !== null) {
          // Reads and writes run side by side (up to a limit), in the order -02 §6.1 asks for
          // on one handle: a write waits for everything before it there, a read for the last write.
          while (inflight.size >= MAX_INFLIGHT) await Promise.race(inflight);
          const slot = perHandle.get(key) ?? { lastWrite: null, all: new Set<Promise<void>>() };
          perHandle.set(key, slot);
          const isWrite = packet[0] === C.FXP_WRITE;
          const before = isWrite ? [...slot.all] : slot.lastWrite ? [slot.lastWrite] : [];
          const job: Promise<void> = Promise.all(before)
            .then(() => answer(st, packet))
            .then(reply)
            .catch((err: unknown) => {
              // A request without an id: nothing to answer, the session ends.
              broken ??= err;
              stdin.channel.close();
            })
            .finally(() => {
              inflight.delete(job);
              slot.all.delete(job);
              if (slot.lastWrite === job) slot.lastWrite = null;
              if (slot.all.size === 0 && perHandle.get(key) === slot) perHandle.delete(key);
            });
          inflight.add(job);
          slot.all.add(job);
          if (isWrite) slot.lastWrite = job;
        } else {
          await Promise.all(inflight);
          reply(await answer(st, packet));
        }
      }
      if (broken) throw broken;
      // A broken frame after the packets just answered ends the session here.
      framer.push(new Uint8Array(0));
      await stdout.drain().catch(() => undefined);
    }
  } catch (err) {
    logger.info('SFTP session ended: %s', err instanceof Error ? err.message : String(err));
  } finally {
    await Promise.all(inflight).catch(() => undefined);
    for (const h of handles?.all() ?? []) {
      if (h.kind === 'file') await Promise.resolve(server.close(h.file)).catch(() => undefined);
    }
    await Promise.resolve(server.exit()).catch(() => undefined);
    logger.info('Stopping SFTP server');
    if (!process.isClosing()) process.exit(0);
  }
}

/** Most reads and writes a session runs at once. */
const MAX_INFLIGHT = 64;

/** Whether a packet is SSH_FXP_READ or SSH_FXP_WRITE (independent of each other; they may run concurrently). */
function isDataTransfer(packet: Uint8Array): boolean {
  return packet[0] === C.FXP_READ || packet[0] === C.FXP_WRITE;
}

/** The handle a read or write names, as a map key; null when the packet is too short to say. */
function handleKeyOf(packet: Uint8Array): string | null {
  if (packet.length < 9) return null;
  const len = new DataView(packet.buffer, packet.byteOffset, packet.byteLength).getUint32(5);
  if (9 + len > packet.length) return null;
  return key(packet.subarray(9, 9 + len));
}

/** Decode one request and answer it; malformed requests get FX_BAD_MESSAGE, unknown ones FX_OP_UNSUPPORTED. */
async function answer(state: SessionState, packet: Uint8Array): Promise<SFTPResponse> {
  const id = requestIdOf(packet);
  if (id === null) throw new SFTPBadMessage('SFTP request too short for a request id');
  try {
    const req = decodeRequest(packet, state.version);
    if (req.kind === 'extended') return await runExtended(state, req.id, req.request, req.data);
    return await runRequest(state, req);
  } catch (err) {
    if (err instanceof UnknownRequestError) return errorResponse(err.id, err, state.version);
    if (!(err instanceof SFTPError)) state.logger.debug1('SFTP request %d failed: %s', id, String(err));
    return errorResponse(id, err, state.version);
  }
}

/** An empty attribute set. */
export function noAttrs(): SFTPAttrs {
  return new SFTPAttrs();
}

/** A name response with one entry (realpath, readlink, expand-path). */
export function oneName(id: number, filename: Uint8Array, attrs: SFTPAttrs = noAttrs()): SFTPResponse {
  return { kind: 'name', id, names: [new SFTPName(filename, filename, attrs)] };
}

/** An extended reply built with a PacketWriter. */
export function extendedReply(id: number, fill: (w: PacketWriter) => void): SFTPResponse {
  const w = new PacketWriter(128);
  fill(w);
  return { kind: 'extended-reply', id, data: w.toBytes() };
}
