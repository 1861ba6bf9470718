import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Paths of the OpenSSH tools the oracle uses. */
export const SSH = '/usr/bin/ssh';
export const SSHD = '/usr/sbin/sshd';

/** Whether both OpenSSH tools are installed. */
export function opensshPresent(): boolean {
  return existsSync(SSH) && existsSync(SSHD);
}

/** Result of one OpenSSH run. */
export interface RunResult {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run a program, collecting output (never rejects). */
export function run(file: string, args: readonly string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', timeout: 20_000, env: { ...process.env, LC_ALL: 'C' } },
      (err, stdout, stderr) => {
        resolve({ ok: err === null, stdout, stderr });
      },
    );
  });
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
const MARK = '@@ssh-config-oracle-end@@';

/**
 * Run many commands through one `/bin/sh`, which is far cheaper than spawning each
 * from Node. Only stdout is kept (stderr is dropped); `ok` is the exit status 0.
 */
export async function runBatch(commands: readonly (readonly string[])[]): Promise<RunResult[]> {
  const script = commands
    .map((argv) => `${argv.map(quote).join(' ')} 2>/dev/null; rc=$?; echo; echo "${MARK} $rc"`)
    .join('\n');
  const result = await run('/bin/sh', ['-c', script]);
  const parts = result.stdout.split(new RegExp(`\\n${MARK} (\\d+)\\n`));
  const out: RunResult[] = [];
  for (let i = 0; i < commands.length; i++) {
    const stdout = parts[i * 2] ?? '';
    out.push({ ok: parts[i * 2 + 1] === '0', stdout, stderr: '' });
  }
  return out;
}

/** Run async jobs with at most `limit` in flight, keeping result order. */
export async function pool<T, R>(
  items: readonly T[],
  limit: number,
  job: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await job(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Parse `ssh -G` / `sshd -T` output into lowercase key → values (in order). */
export function parseDump(stdout: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const sp = line.indexOf(' ');
    const key = (sp < 0 ? line : line.slice(0, sp)).toLowerCase();
    const value = sp < 0 ? '' : line.slice(sp + 1);
    const list = map.get(key) ?? [];
    list.push(value);
    map.set(key, list);
  }
  return map;
}
