import { type ChildProcess, spawn } from 'node:child_process';

/** A peer process started by a test, with the output it has printed so far. */
export interface PeerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr. */
  output(): string;
  /** Why it exited, or undefined while it runs. */
  exitReason(): string | undefined;
  /** Stop the process (SIGTERM, then SIGKILL) and wait for it to exit. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;

function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const c of running) c.kill('SIGKILL');
  });
}

/** Start a long-running peer; it is killed when the test process exits. */
export function startProcess(file: string, args: readonly string[], name: string): PeerProcess {
  killAllOnExit();
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${file}`);
  running.add(child);
  let out = '';
  let exited: string | undefined;
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const done = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exited = `${name} exited (${signal ?? `code ${code}`}): ${out.trim().split('\n').slice(-5).join(' | ')}`;
      resolve();
    });
    child.once('error', (err) => {
      running.delete(child);
      exited = `${name} failed to start: ${err.message}`;
      resolve();
    });
  });
  const pid = child.pid;
  return {
    child,
    pid,
    output: () => out,
    exitReason: () => exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(timer);
    },
  };
}
