#!/usr/bin/env node
// Install the real SSH peers the interop tests use, once and idempotently:
// Debian 12 packages on this machine, and a Debian 13 root (debootstrap) with
// the newer generation. Only acts as root on a Debian-like machine; elsewhere
// it prints, in one line, what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PACKAGES = [
  'openssh-server',
  'openssh-client',
  'python3-asyncssh',
  'dropbear-bin',
  'putty-tools',
  'debootstrap',
  'sshpass',
  // Forwarding tests: curl as a SOCKS client, xauth and xdpyinfo (x11-utils) for X11, ss (iproute2).
  'curl',
  'xauth',
  'x11-utils',
  'iproute2',
];
const ROOT_PACKAGES = ['python3-asyncssh', 'dropbear-bin', 'putty-tools'];
const cacheDir = process.env.SSH_TEST_PEERS_CACHE ?? '/var/cache/ssh-test-peers';
const root = path.join(cacheDir, 'trixie');
const mirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

const log = (msg) => console.log(`peers: ${msg}`);
const run = (file, args) => {
  const r = spawnSync(file, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.status ?? r.signal})`);
};
const installed = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=$' + '{Status}', pkg], { encoding: 'utf8' }).stdout?.includes(
    'install ok installed',
  );

const isRoot = process.getuid?.() === 0;
const isDebian = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-query');
if (!isRoot || !isDebian) {
  console.log(
    `peers: not root on Debian, installing nothing; for every interop test install ${PACKAGES.join(' ')} and run \`pnpm peers\` as root for the Debian 13 peers`,
  );
  process.exit(0);
}

// Keep package scripts from starting system services while we install.
const policy = '/usr/sbin/policy-rc.d';
const ownPolicy = !existsSync(policy);
const withPolicy = (fn) => {
  if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    fn();
  } finally {
    if (ownPolicy && existsSync(policy)) unlinkSync(policy);
  }
};

const missing = PACKAGES.filter((p) => !installed(p));
if (missing.length > 0) {
  log(`installing ${missing.join(' ')}`);
  withPolicy(() => {
    run('apt-get', ['update', '-q']);
    run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing]);
  });
} else {
  log('Debian 12 peers already installed');
}

const ready = () =>
  existsSync(path.join(root, 'usr/sbin/sshd')) &&
  existsSync(path.join(root, 'usr/sbin/dropbear')) &&
  existsSync(path.join(root, 'usr/lib/python3/dist-packages/asyncssh')) &&
  existsSync(path.join(root, 'usr/bin/puttygen'));
if (ready()) {
  log(`Debian 13 root ready in ${root}`);
} else {
  const tmp = `${root}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  log(`building the Debian 13 root in ${root} (debootstrap, about a minute)`);
  run('debootstrap', ['--variant=minbase', '--include=openssh-server,openssh-client', 'trixie', tmp, mirror]);
  writeFileSync(path.join(tmp, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  run('chroot', [tmp, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...ROOT_PACKAGES]);
  run('chroot', [tmp, 'apt-get', 'clean']);
  rmSync(root, { recursive: true, force: true });
  renameSync(tmp, root);
  log(
    `Debian 13 root ready: ${spawnSync('chroot', [root, 'ssh', '-V'], { encoding: 'utf8' }).stderr.trim()}`,
  );
}

// Terminals inside the Debian 13 root: share the machine's /dev/pts (its /dev/ptmx points there).
const pts = path.join(root, 'dev/pts');
const mounted = () =>
  readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .some((l) => l.split(' ')[1] === pts);
if (existsSync(root) && !mounted()) {
  const r = spawnSync('mount', ['--bind', '/dev/pts', pts], { stdio: ['ignore', 'inherit', 'inherit'] });
  log(
    r.status === 0
      ? `mounted /dev/pts into ${root}`
      : `could not mount /dev/pts into ${root}: pty tests in the Debian 13 root will fail`,
  );
}
