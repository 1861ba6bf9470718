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
