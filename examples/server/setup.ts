// Where the server examples listen and which keys they use. The first
// argument is [address:]port (default 127.0.0.1:8022; port 0 picks a free
// one). SSH_HOST_KEY names the host key file (default ./ssh_host_key; when
// it does not exist a fresh key is made for this run) and
// SSH_AUTHORIZED_KEYS the authorized_keys file of clients that may log in
// (default ./authorized_keys).
import { existsSync } from 'node:fs';
import { generatePrivateKey, type PrivateKeyArg } from '@ssh/ssh';

/** The host, port and host keys to give listen(). */
export function listenOn(where = process.argv[2] ?? '127.0.0.1:8022'): {
  host: string;
  port: number;
  serverHostKeys: PrivateKeyArg[];
} {
  const m = /^(?:(?<host>\[[^\]]*\]|[^:]*):)?(?<port>\d+)$/.exec(where);
  if (!m?.groups?.port) throw new TypeError(`not an [address:]port to listen on: ${where}`);
  const host = (m.groups.host ?? '127.0.0.1').replace(/^\[(.*)\]$/, '$1');
  const keyFile = process.env.SSH_HOST_KEY ?? 'ssh_host_key';
  let hostKey: PrivateKeyArg = keyFile;
  if (!existsSync(keyFile)) {
    const fresh = generatePrivateKey('ssh-ed25519');
    console.log(
      `Host key for this run: ${new TextDecoder().decode(fresh.exportPublicKey('openssh')).trim()}`,
    );
    hostKey = fresh;
  }
  return { host, port: Number(m.groups.port), serverHostKeys: [hostKey] };
}

/** The authorized_keys file of the clients that may log in. */
export function authorizedKeysFile(): string {
  return process.env.SSH_AUTHORIZED_KEYS ?? 'authorized_keys';
}
