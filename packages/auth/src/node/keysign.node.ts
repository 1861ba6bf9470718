import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { importCertificate, importPublicKey, type SSHCertificate, type SSHKey } from '@ssh/crypto';
import { PacketReader, PacketWriter, ValueError } from '@ssh/wire';
import type { ClientAuthKey } from '../client/auth-key.js';

/** Where OpenSSH installs ssh-keysign on common systems (AsyncSSH looks in the same places). */
const KEYSIGN_PATHS = [
  '/usr/lib/openssh/ssh-keysign',
  '/usr/libexec/ssh-keysign',
  '/usr/libexec/openssh/ssh-keysign',
  '/usr/local/libexec/ssh-keysign',
];

/** The host public keys ssh-keysign can sign with. */
const HOST_KEY_FILES = ['ecdsa', 'ed25519', 'rsa'].map((t) => `/etc/ssh/ssh_host_${t}_key`);

/** The version of ssh-keysign's request and reply (OpenSSH sshconnect2.c). */
const KEYSIGN_VERSION = 2;
/** ssh-keysign sees the connection socket as this descriptor. */
const SOCKET_FD = 3;

/** ssh-keysign could not be found, refused to sign, or answered badly. */
export class KeysignError extends ValueError {
  constructor(message: string) {
    super(message);
    this.name = 'KeysignError';
  }
}

/** How to reach ssh-keysign for hostbased auth. */
export interface KeysignOptions {
  /** The connection's socket: ssh-keysign checks the request against its local address. */
  socket: Socket;
  /** ssh-keysign's path (default: the first of the usual install locations that exists). */
  keysignPath?: string;
  /**
   * The host public keys and host certificates to offer (default: the
   * `/etc/ssh/ssh_host_*_key.pub` and `-cert.pub` files that can be read).
   */
  publicKeys?: readonly (SSHKey | SSHCertificate)[];
}

function readHostPublicKeys(): (SSHKey | SSHCertificate)[] {
  const out: (SSHKey | SSHCertificate)[] = [];
  for (const base of HOST_KEY_FILES) {
    try {
      out.push(importCertificate(readFileSync(`${base}-cert.pub`)));
    } catch {
      // no certificate for this key
    }
    try {
      out.push(importPublicKey(readFileSync(`${base}.pub`)));
    } catch {
      // no key of this type
    }
  }
  return out;
}

/** Run ssh-keysign once: hand it the socket as fd 3 and the data, return the signature blob. */
function runKeysign(path: string, socket: Socket, data: Uint8Array): Promise<Uint8Array> {
  // The descriptor itself, not the Socket: handed a Socket, Node would wrap its handle in a
  // second reader (taking bytes meant for the transport) and wait for it to close.
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  if (typeof fd !== 'number' || fd < 0)
    return Promise.reject(new KeysignError('the connection has no socket descriptor to give ssh-keysign'));
  const body = new PacketWriter(data.length + 16).writeUint32(SOCKET_FD).writeString(data).toBytes();
  const request = new PacketWriter(body.length + 8)
    .writeUint32(body.length + 1)
    .writeByte(KEYSIGN_VERSION)
    .toBytes();
  return new Promise((resolve, reject) => {
    const child = spawn(path, [], { stdio: ['pipe', 'pipe', 'pipe', fd] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout?.on('data', (d: Buffer) => chunks.push(d));
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', (e) => reject(new KeysignError(`cannot run ${path}: ${e.message}`)));
    child.on('close', (code) => {
      const out = new Uint8Array(Buffer.concat(chunks));
      try {
        // Reply: uint32 length, byte version, string signature (ssh_msg_send framing).
        const r = new PacketReader(out);
        const length = r.readUint32('ssh-keysign reply length');
        if (length !== out.length - 4) throw new KeysignError('truncated reply');
        if (r.readByte('ssh-keysign version') !== KEYSIGN_VERSION)
          throw new KeysignError('bad version in reply');
        resolve(r.readString('signature').slice());
      } catch (e) {
        const why = err.trim() || (e as Error).message;
        reject(new KeysignError(`ssh-keysign did not sign (exit ${code}): ${why}`));
      }
    });
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(Buffer.concat([request, body]));
  });
}

/**
 * Host keys for hostbased auth whose signatures come from OpenSSH's setuid
 * `ssh-keysign` (AsyncSSH's `client_host_keysign`). ssh-keysign signs only
 * when the machine's /etc/ssh/ssh_config says `EnableSSHKeysign yes`, with the
 * machine's host keys, for the local user, and for the host name its socket's
 * local address resolves to: pass that as `clientHost` (see `lookupClientHost`)
 * and the local user as `clientUsername`.
 */
export function keysignHostKeys(options: KeysignOptions): ClientAuthKey[] {
  const path = options.keysignPath ?? KEYSIGN_PATHS.find((p) => existsSync(p));
  if (!path) throw new KeysignError(`ssh-keysign not found in ${KEYSIGN_PATHS.join(', ')}`);
  const keys = options.publicKeys ?? readHostPublicKeys();
  return keys.map((key) => ({
    publicData: key.publicData,
    sigAlgorithms: key.sigAlgorithms,
    sign: (data: Uint8Array) => runKeysign(path, options.socket, data),
  }));
}
