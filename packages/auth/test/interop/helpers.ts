import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer } from '@ssh/testing';

/** Whether an OpenSSH client tool is on PATH; otherwise skip (or fail under CI=true). */
export function requireTool(tool: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
  if (r.status === 0) return true;
  return !missingPeer(tool, 'apt-get install openssh-client').skip;
}

/** Run a tool and return its status and output (never throws on a non-zero exit). */
export function run(
  file: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): { status: number; out: string; err: string } {
  const r = spawnSync(file, args, { encoding: 'utf8', env: env ?? process.env, timeout: 20_000 });
  return { status: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** A private temporary folder, removed by `remove`. */
export function tempDir(prefix: string): { dir: string; file(name: string): string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  return {
    dir,
    file: (name) => path.join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
