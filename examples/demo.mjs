#!/usr/bin/env node
// The README's first command: an SSH server on loopback with a fresh host key,
// and a client that logs in with a fresh user key, checks the server's host
// key, runs commands (one with stdin) and reports what it negotiated.
// It then moves a file with SFTP (the server serves a fresh temporary folder
// as its root) and forwards a local port to a loopback service through the
// server (direct-tcpip, as ssh -L does).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, generatePrivateKey, listen, SFTPServer } from '@ssh/ssh';

const started = performance.now();
const text = (bytes) => new TextDecoder().decode(bytes);
const hostKey = generatePrivateKey('ssh-ed25519');
const userKey = generatePrivateKey('ecdsa-sha2-nistp256');

// A tiny shell for the demo server: echo, whoami, and wc -c over stdin.
async function shell(process) {
  const [cmd, ...args] = (process.command ?? '').trim().split(/\s+/);
  if (cmd === 'echo') process.stdout.write(`${args.join(' ')}\n`);
  else if (cmd === 'whoami') process.stdout.write(`${process.getExtraInfo('username')}\n`);
  else if (cmd === 'wc' && args[0] === '-c') {
    let n = 0;
    for await (const chunk of process.stdin) n += chunk.length;
    process.stdout.write(`${n}\n`);
  } else {
    process.stderr.write(`demo shell: ${cmd}: command not found\n`);
    process.exit(127);
    return;
  }
  process.exit(0);
}

// A small TCP service on loopback that the client reaches through the SSH server.
const service = net.createServer((sock) => sock.end('hello from the service behind the SSH server\n'));
await new Promise((resolve) => service.listen(0, '127.0.0.1', resolve));
const servicePort = service.address().port;

// The SFTP server's root, and a local file to upload.
const scratch = mkdtempSync(path.join(tmpdir(), 'ssh-demo-'));
const sftpRoot = path.join(scratch, 'server-root');
const upload = path.join(scratch, 'upload.bin');
writeFileSync(upload, randomBytes(1024 * 1024));
mkdirSync(sftpRoot);

const server = await listen({
  host: '127.0.0.1',
  port: 0,
  serverHostKeys: [hostKey],
  authorizedClientKeys: text(userKey.exportPublicKey('openssh')),
  processFactory: shell,
  // SFTP sessions see sftpRoot as '/'.
  sftpFactory: (channel) => new SFTPServer(channel, sftpRoot),
  // Forward direct-tcpip opens (ssh -L / -W) to the service port only.
  serverFactory: () => ({
    connectionRequested: (host, port) => host === '127.0.0.1' && port === servicePort,
  }),
});
console.log(`server: listening on 127.0.0.1:${server.port} with host key ${hostKey.getFingerprint()}`);

const conn = await connect('127.0.0.1', {
  port: server.port,
  username: 'demo',
  clientKeys: [userKey],
  knownHosts: (key) => key.getFingerprint() === hostKey.getFingerprint(),
});
console.log(
  `client: logged in as demo with ${userKey.getAlgorithm()}; kex ${conn.transport.algorithms.kex}, cipher ${conn.getExtraInfo('send_cipher')}`,
);

let result = await conn.run('echo hello from @ssh', { check: true });
console.log(`client: $ echo hello from @ssh -> ${result.stdout.trim()} (exit ${result.exitStatus})`);
result = await conn.run('whoami');
console.log(`client: $ whoami -> ${result.stdout.trim()}`);
result = await conn.run('wc -c', { input: 'x'.repeat(100_000) });
console.log(`client: $ wc -c  (100000 bytes on stdin) -> ${result.stdout.trim()}`);
result = await conn.run('frobnicate');
console.log(`client: $ frobnicate -> exit ${result.exitStatus}, stderr: ${result.stderr.trim()}`);

// SFTP: upload a file, list the server's root, download it again and compare.
const sha = (file) => createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16);
const sftp = await conn.startSftpClient();
await sftp.put(upload, '/demo.bin');
const names = await sftp.listdir('/');
const size = (await sftp.stat('/demo.bin')).size;
await sftp.get('/demo.bin', path.join(scratch, 'download.bin'));
sftp.exit();
console.log(
  `client: sftp put + get of ${size} bytes, server root lists [${names.filter((n) => !n.startsWith('.')).join(', ')}], sha256 ${sha(upload)} -> ${sha(path.join(scratch, 'download.bin'))}`,
);

// Port forwarding as ssh -L does it: a local port whose connections the server carries to the service.
const forward = await conn.forwardLocalPort('127.0.0.1', 0, '127.0.0.1', servicePort);
const reply = await new Promise((resolve, reject) => {
  let got = '';
  net
    .connect(forward.getPort(), '127.0.0.1')
    .on('data', (d) => {
      got += d;
    })
    .on('end', () => resolve(got))
    .on('error', reject);
});
console.log(
  `client: local port ${forward.getPort()} forwarded through the server to 127.0.0.1:${servicePort} -> ${reply.trim()}`,
);
forward.close();

conn.close();
await conn.waitClosed();
server.close();
service.close();
rmSync(scratch, { recursive: true, force: true });
console.log(`done in ${Math.round(performance.now() - started)} ms`);
