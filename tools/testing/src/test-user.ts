import { execFileSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PeerHost } from './generation.js';

/** The unprivileged local account tests log in as when a peer cannot be given its own authorized_keys path. */
export const TEST_USER = 'sshtest';

/**
 * Make sure the local test account exists (created as root with `useradd`)
 * and that `publicLine` is in its ~/.ssh/authorized_keys. Returns its home.
 */
export function authorizeForTestUser(publicLine: string): string {
  const home = `/home/${TEST_USER}`;
  if (!hasUser()) {
    execFileSync('useradd', ['-m', '-d', home, '-s', '/bin/sh', TEST_USER], { stdio: 'ignore' });
  }
  const info = execFileSync('id', ['-u', TEST_USER], { encoding: 'utf8' }).trim();
  const uid = Number(info);
  const gid = Number(execFileSync('id', ['-g', TEST_USER], { encoding: 'utf8' }).trim());
  const dir = path.join(home, '.ssh');
  if (!existsSync(dir)) mkdirSync(dir, { mode: 0o700, recursive: true });
  chownSync(dir, uid, gid);
  const file = path.join(dir, 'authorized_keys');
  appendFileSync(file, `${publicLine}\n`, { mode: 0o600 });
  chownSync(file, uid, gid);
  return home;
}

/**
 * Make sure the local test account exists on a peer's root (the machine, or
 * the Debian 13 root) and set its password (with `chpasswd`, as root).
 */
export function setTestUserPassword(password: string, host?: PeerHost): void {
  const run = (argv: string[], input?: string) => {
    const cmd = host ? host.command(argv) : { file: argv[0] as string, args: argv.slice(1) };
    execFileSync(cmd.file, cmd.args, { input: input ?? '', stdio: ['pipe', 'ignore', 'pipe'] });
  };
  try {
    run(['id', TEST_USER]);
  } catch {
    run(['useradd', '-m', '-d', `/home/${TEST_USER}`, '-s', '/bin/sh', TEST_USER]);
  }
  run(['chpasswd'], `${TEST_USER}:${password}\n`);
}

function hasUser(): boolean {
  try {
    execFileSync('id', [TEST_USER], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
