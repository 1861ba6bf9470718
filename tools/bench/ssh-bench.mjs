#!/usr/bin/env node
// ssh-bench.mjs: drive the @ssh client against an SSH server, with the CLI and
// one-JSON-line contract of ../shared/tools/peers/ssh2-bench.js, so that
//   EXTRA_CLIENTS=ssh=tools/bench/ssh-bench.mjs ../shared/tools/peers/bench-peers.sh
// runs it beside OpenSSH, ssh2 and AsyncSSH. Build first: `pnpm build`.
//
//   node tools/bench/ssh-bench.mjs handshake [--count 50]     connect+auth+exec true+close
//   node tools/bench/ssh-bench.mjs exec-up   --file F         F -> exec 'cat > /dev/null'
//   node tools/bench/ssh-bench.mjs exec-down --bytes N        exec 'head -c N /dev/zero' -> discard
// common: --port 2222 --host 127.0.0.1 --user root --key K --known-hosts KH
//         --cipher C [--mac M] --kex curve25519-sha256 --hostkey ssh-ed25519
//   node tools/bench/ssh-bench.mjs sftp-get --remote R --local L [--chunk B --concurrency N]   SFTPClient.get
//   node tools/bench/ssh-bench.mjs sftp-put --local L --remote R [--chunk B --concurrency N]   SFTPClient.put
// (without --chunk / --concurrency the client's defaults: the server's limits@openssh.com
// read/write length, and as many parallel requests as fit in 4 MiB, at most 128)
import fs from 'node:fs';
import { connect } from '@ssh/ssh';

const argv = process.argv.slice(2);
const args = { _: [] };
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) args[argv[i].slice(2)] = argv[++i];
  else args._.push(argv[i]);
}
const PEERS_DIR = process.env.PEERS_DIR || '/tmp/peers';
const mode = args._[0];
const port = +(args.port || process.env.PORT || 2222);
const host = args.host || '127.0.0.1';
const user = args.user || 'root';
const key = args.key || process.env.KEY || `${PEERS_DIR}/keys/id_ed25519`;
const knownHosts = args['known-hosts'] || process.env.KNOWN_HOSTS || `${PEERS_DIR}/sshd-${port}/known_hosts`;

const options = () => ({
  port,
  username: user,
  clientKeys: [key],
  knownHosts,
  kexAlgs: [args.kex || 'curve25519-sha256'],
  serverHostKeyAlgs: [args.hostkey || 'ssh-ed25519'],
  compressionAlgs: ['none'],
  ...(args.cipher ? { encryptionAlgs: [args.cipher] } : {}),
  ...(args.mac ? { macAlgs: [args.mac] } : {}),
  encoding: null,
});

const now = () => Number(process.hrtime.bigint()) / 1e9;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const neg = (c) => {
  const a = c.transport.algorithms;
  return {
    kex: a.kex,
    hostkey: a.hostKey,
    cipher: a.encryptionCtoS,
    mac: a.macCtoS ?? 'implicit',
    compress: a.compressionCtoS,
  };
};
// CPU seconds this process used since `since` (a process.cpuUsage() value): user, system.
const cpuSince = (since) => {
  const u = process.cpuUsage(since);
  return { cpu_user: u.user / 1e6, cpu_sys: u.system / 1e6 };
};
const out = (o) =>
  process.stdout.write(`${JSON.stringify({ impl: 'ssh', node: process.version, mode, ...o })}\n`);

async function main() {
  if (mode === 'handshake') {
    const n = +(args.count || 50);
    const ms = [];
    let last;
    for (let i = 0; i < n; i++) {
      const t0 = now();
      const c = await connect(host, options());
      const r = await c.run('true');
      if (r.exitStatus !== 0) throw new Error(`exit ${r.exitStatus}`);
      last = neg(c);
      c.close();
      await c.waitClosed();
      ms.push((now() - t0) * 1e3);
    }
    out({
      count: n,
      median_ms: median(ms),
      min_ms: Math.min(...ms),
      max_ms: Math.max(...ms),
      per_conn_ms: ms.map((x) => +x.toFixed(2)),
      negotiated: last,
    });
  } else if (mode === 'exec-up') {
    const file = args.file;
    const size = fs.statSync(file).size;
    const t0 = now();
    const c = await connect(host, options());
    const tr = now();
    const cpu0 = process.cpuUsage();
    const proc = await c.createProcess('cat > /dev/null', { encoding: null });
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 })) {
      proc.stdin.write(chunk);
      await proc.stdin.drain();
    }
    proc.stdin.writeEof();
    const r = await proc.wait();
    const t1 = now();
    const cpu = cpuSince(cpu0);
    const negotiated = neg(c);
    c.close();
    await c.waitClosed();
    if (r.exitStatus !== 0) throw new Error(`exit ${r.exitStatus}`);
    out({
      bytes: size,
      secs: t1 - t0,
      MBps: size / (t1 - t0) / 1e6,
      xfer_secs: t1 - tr,
      MBps_xfer: size / (t1 - tr) / 1e6,
      ...cpu,
      negotiated,
    });
  } else if (mode === 'exec-down') {
    const want = +(args.bytes || 536870912);
    const t0 = now();
    const c = await connect(host, options());
    const tr = now();
    const cpu0 = process.cpuUsage();
    const proc = await c.createProcess(`head -c ${want} /dev/zero`, { encoding: null });
    proc.stdin.writeEof();
    let got = 0;
    for (;;) {
      const chunk = await proc.stdout.read(1 << 20);
      if (chunk.length === 0) break;
      got += chunk.length;
    }
    const r = await proc.wait();
    const t1 = now();
    const cpu = cpuSince(cpu0);
    const negotiated = neg(c);
    c.close();
    await c.waitClosed();
    if (r.exitStatus !== 0 || got !== want) throw new Error(`exit ${r.exitStatus}, got ${got}/${want}`);
    out({
      bytes: got,
      secs: t1 - t0,
      MBps: got / (t1 - t0) / 1e6,
      xfer_secs: t1 - tr,
      MBps_xfer: got / (t1 - tr) / 1e6,
      ...cpu,
      negotiated,
    });
  } else if (mode === 'sftp-get' || mode === 'sftp-put') {
    const copy = {
      ...(args.chunk ? { blockSize: +args.chunk } : {}),
      ...(args.concurrency ? { maxRequests: +args.concurrency } : {}),
    };
    const t0 = now();
    const conn = await connect(host, options());
    const tr = now();
    const cpu0 = process.cpuUsage();
    const sftp = await conn.startSftpClient();
    if (mode === 'sftp-get') await sftp.get(args.remote, args.local, copy);
    else await sftp.put(args.local, args.remote, copy);
    const t1 = now();
    const cpu = cpuSince(cpu0);
    const bytes = fs.statSync(args.local).size;
    const negotiated = neg(conn);
    sftp.exit();
    conn.close();
    await conn.waitClosed();
    out({
      bytes,
      secs: t1 - t0,
      MBps: bytes / (t1 - t0) / 1e6,
      xfer_secs: t1 - tr,
      MBps_xfer: bytes / (t1 - tr) / 1e6,
      ...(copy.blockSize ? { block_size: copy.blockSize } : {}),
      ...(copy.maxRequests ? { max_requests: copy.maxRequests } : {}),
      ...cpu,
      negotiated,
    });
  } else {
    console.error('usage: see the header of tools/bench/ssh-bench.mjs');
    process.exit(2);
  }
}
main().catch((e) => {
  console.error(e?.stack || e);
  process.exit(1);
});
