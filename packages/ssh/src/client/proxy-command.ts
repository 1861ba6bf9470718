import { spawn } from 'node:child_process';
import { Duplex } from 'node:stream';
import type { ByteStream } from '@ssh/transport';
import { fromNodeStream } from '@ssh/transport/node';

/**
 * Start a proxy command (OpenSSH's ProxyCommand) and carry the connection
 * over its stdin and stdout. A string runs through /bin/sh; an array is
 * the program and its arguments. Its stderr goes to ours, as with ssh.
 */
export function proxyCommandStream(command: string | readonly string[]): ByteStream {
  const child =
    typeof command === 'string'
      ? spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'inherit'] })
      : spawn(command[0] ?? '', command.slice(1), { stdio: ['pipe', 'pipe', 'inherit'] });
  const duplex = Duplex.from({ readable: child.stdout, writable: child.stdin });
  child.on('error', (err) => duplex.destroy(err));
  duplex.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return fromNodeStream(duplex);
}
