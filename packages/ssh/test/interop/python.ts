import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** A Python script running with the system AsyncSSH. */
export interface PythonRun {
  exited: Promise<number>;
  stderr(): string;
  kill(): void;
}

/** Run `script` (written into `dir`) with /usr/bin/python3; `lines` receives each stdout line as it comes. */
export function runPython(
  dir: string,
  script: string,
  args: string[],
  lines: (line: string) => void,
): PythonRun {
  const file = path.join(dir, `s${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  const child = spawn('/usr/bin/python3', ['-W', 'ignore', file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    let i = out.indexOf('\n');
    while (i >= 0) {
      lines(out.slice(0, i));
      out = out.slice(i + 1);
      i = out.indexOf('\n');
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  return { exited, stderr: () => err, kill: () => child.kill('SIGKILL') };
}

/** AsyncSSH listen_reverse on a free port (printed as 'PORT n'): runs 'hello reverse' on the first server that dials in, prints 'RESULT <stdout> <status>', exits. argv: client key file. */
export const LISTEN_REVERSE = `
import asyncio, sys, asyncssh
async def main():
    done = asyncio.get_event_loop().create_future()
    async def on_conn(conn):
        r = await conn.run('hello reverse', check=False)
        print('RESULT', r.stdout.strip(), r.exit_status, flush=True)
        conn.close()
        done.set_result(None)
    acc = await asyncssh.listen_reverse('127.0.0.1', 0, acceptor=on_conn, known_hosts=None,
                                        client_keys=[sys.argv[1]], username='tester')
    print('PORT', acc.sockets[0].getsockname()[1], flush=True)
    await asyncio.wait_for(done, 30)
    acc.close()
asyncio.run(main())
`;

/** AsyncSSH connect_reverse to 127.0.0.1:argv[1] serving commands ('asyncssh ran: <command>', exit 5) until closed, then prints 'CLOSED'. argv: port, host key file, authorized_keys file. */
export const CONNECT_REVERSE = `
import asyncio, sys, asyncssh
def handler(process):
    process.stdout.write('asyncssh ran: ' + process.command + '\\n')
    process.exit(5)
async def main():
    async with asyncssh.connect_reverse('127.0.0.1', int(sys.argv[1]), server_host_keys=[sys.argv[2]],
                                        authorized_client_keys=sys.argv[3], process_factory=handler) as conn:
        await asyncio.wait_for(conn.wait_closed(), 20)
    print('CLOSED', flush=True)
asyncio.run(main())
`;
