import { DEFAULT_LANG } from '@ssh/wire';
import type { ChannelData } from '../encoding.js';
import type { ExitSignal } from '../session/requests.js';

/** What a finished process reports (fields of SSHCompletedProcess and ProcessError). */
export interface ProcessResult {
  env: Record<string, string> | null;
  command: string | null;
  subsystem: string | null;
  exitStatus: number | null;
  exitSignal: ExitSignal | null;
  returncode: number | null;
  stdout: ChannelData | null;
  stderr: ChannelData | null;
}

/** The result of `run()` or `process.wait()`. */
export class SSHCompletedProcess implements ProcessResult {
  /** The environment requested, or null. */
  readonly env: Record<string, string> | null;
  /** The command run, or null. */
  readonly command: string | null;
  /** The subsystem opened, or null. */
  readonly subsystem: string | null;
  /** Exit status; -1 when a signal was reported; null if none. */
  readonly exitStatus: number | null;
  /** (signal, coreDumped, msg, lang), or null. */
  readonly exitSignal: ExitSignal | null;
  /** Exit status or negative signal number, or null. */
  readonly returncode: number | null;
  /** Captured stdout, unless redirected (then null). */
  readonly stdout: ChannelData | null;
  /** Captured stderr, unless redirected (then null). */
  readonly stderr: ChannelData | null;

  constructor(r: ProcessResult) {
    this.env = r.env;
    this.command = r.command;
    this.subsystem = r.subsystem;
    this.exitStatus = r.exitStatus;
    this.exitSignal = r.exitSignal;
    this.returncode = r.returncode;
    this.stdout = r.stdout;
    this.stderr = r.stderr;
  }
}

function describe(r: ProcessResult): string {
  const what = r.command ?? r.subsystem ?? 'shell';
  if (r.exitSignal)
    return `Process ${what} exited with signal ${r.exitSignal[0]}${r.exitSignal[2] ? `: ${r.exitSignal[2]}` : ''}`;
  if (r.exitStatus !== null) return `Process ${what} exited with status ${r.exitStatus}`;
  return `Process ${what} exited without status`;
}

/** A process failed the `check`: non-zero exit, a signal, or no status. `code` is the exit status (0 if none). */
export class ProcessError extends Error implements ProcessResult {
  readonly code: number;
  readonly reason: string;
  readonly lang: string;
  readonly env: Record<string, string> | null;
  readonly command: string | null;
  readonly subsystem: string | null;
  readonly exitStatus: number | null;
  readonly exitSignal: ExitSignal | null;
  readonly returncode: number | null;
  readonly stdout: ChannelData | null;
  readonly stderr: ChannelData | null;

  constructor(r: ProcessResult, reason = describe(r), lang = DEFAULT_LANG) {
    super(reason);
    this.name = new.target.name;
    this.code = r.exitStatus !== null && r.exitStatus >= 0 ? r.exitStatus : 0;
    this.reason = reason;
    this.lang = lang;
    this.env = r.env;
    this.command = r.command;
    this.subsystem = r.subsystem;
    this.exitStatus = r.exitStatus;
    this.exitSignal = r.exitSignal;
    this.returncode = r.returncode;
    this.stdout = r.stdout;
    this.stderr = r.stderr;
  }
}

/** `run()` or `wait()` timed out; carries the output read so far. */
export class TimeoutError extends ProcessError {
  constructor(r: ProcessResult, seconds: number) {
    super(r, `Process ${r.command ?? r.subsystem ?? 'shell'} timed out after ${seconds} seconds`);
  }
}
