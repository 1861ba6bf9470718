import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type PeerHost, setTestUserPassword, TEST_USER } from '@ssh/testing';

function inPeer(host: PeerHost, argv: string[]): string {
  const cmd = host.command(argv);
  return execFileSync(cmd.file, cmd.args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/**
 * Lines this test adds to files in the test user's home on a peer's root
 * (made if missing, owned by the user, since sshd reads them as the user),
 * and takes out again afterwards, leaving other lines as they were.
 */
export class TestUserFiles {
  private readonly added: { file: string; lines: string[]; created: boolean }[] = [];
  readonly home: string;
  private readonly uid: number;
  private readonly gid: number;

  constructor(host: PeerHost) {
    try {
      inPeer(host, ['id', TEST_USER]);
    } catch {
      // A new account needs some password to be unlocked for sshd (UsePAM no refuses '!' accounts).
      setTestUserPassword(`x-${Math.random().toString(36).slice(2)}`, host);
    }
    this.uid = Number(inPeer(host, ['id', '-u', TEST_USER]));
    this.gid = Number(inPeer(host, ['id', '-g', TEST_USER]));
    this.home = host.hostPath(`/home/${TEST_USER}`);
  }

  /** Append `lines` to `relative` (e.g. '.shosts', '.ssh/known_hosts') in the user's home. */
  add(relative: string, lines: readonly string[]): void {
    const file = path.join(this.home, relative);
    const dir = path.dirname(file);
    if (!existsSync(dir)) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chownSync(dir, this.uid, this.gid);
    }
    const created = !existsSync(file);
    const before = created ? '' : readFileSync(file, 'utf8');
    const sep = before === '' || before.endsWith('\n') ? '' : '\n';
    writeFileSync(file, `${before}${sep}${lines.join('\n')}\n`, { mode: 0o600 });
    chownSync(file, this.uid, this.gid);
    this.added.push({ file, lines: [...lines], created });
  }

  /** Take out every line added (and files this made that are now empty). */
  restore(): void {
    for (const { file, lines, created } of this.added.reverse()) {
      if (!existsSync(file)) continue;
      const rest = readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '' && !lines.includes(l));
      if (rest.length === 0 && created) rmSync(file, { force: true });
      else writeFileSync(file, rest.length ? `${rest.join('\n')}\n` : '');
    }
    this.added.length = 0;
  }
}
