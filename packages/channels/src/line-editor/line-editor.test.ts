import { OPEN_REQUEST_PTY_FAILED } from '@ssh/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import { acceptSessions, createProcess, type SSHServerProcess } from '../index.js';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function editorPair(factory: (p: SSHServerProcess) => unknown) {
  const p = await connectionPair();
  close = p.close;
  acceptSessions(p.server, { processFactory: factory });
  return createProcess(p.client, { termType: 'xterm', termSize: [80, 24] });
}

async function readUntil(proc: Awaited<ReturnType<typeof editorPair>>, want: string): Promise<string> {
  let seen = '';
  while (!seen.includes(want)) seen += await proc.stdout.read(4096);
  return seen;
}

describe('the line editor on a PTY session', () => {
  it('edits with backspace and arrows, echoes, and hands over whole lines; up recalls history', async () => {
    const lines: string[] = [];
    const proc = await editorPair(async (p) => {
      for (;;) {
        const line = (await p.stdin.readline()) as string;
        if (!line) break;
        lines.push(line);
        p.stdout.write(`got ${line.trim()}\n`);
      }
      p.exit(0);
    });
    proc.stdin.write('ab\x7fc\x1b[Dx\r');
    expect(await readUntil(proc, 'got axc\r\n')).toContain('\r\n');
    proc.stdin.write('\x1b[A\r');
    await readUntil(proc, 'got axc\r\n');
    expect(lines).toEqual(['axc\n', 'axc\n']);
    proc.stdin.writeEof();
    expect((await proc.wait()).exitStatus).toBe(0);
  });

  it('registerKey, setEcho(false), raw mode, and a line limit', async () => {
    const got: string[] = [];
    const proc = await editorPair(async (p) => {
      const ed = p.channel.lineEditor;
      if (!ed) throw new Error('no line editor');
      ed.registerKey('\t', (line, pos) => [`${line}TAB`, pos + 3]);
      ed.registerKey('\x1bOP', () => ['F1', -1]);
      p.stdout.write('ready\n');
      got.push((await p.stdin.readline()) as string);
      got.push((await p.stdin.read(2)) as string);
      ed.setEcho(false);
      got.push((await p.stdin.readline()) as string);
      ed.setLineMode(false);
      p.stdout.write('raw\n');
      got.push((await p.stdin.read(3)) as string);
      p.exit(0);
    });
    await readUntil(proc, 'ready\r\n');
    proc.stdin.write('a\t\r');
    proc.stdin.write('\x1bOP');
    const echoed = await readUntil(proc, 'aTAB');
    expect(echoed).toContain('aTAB');
    proc.stdin.write('secret\r');
    await readUntil(proc, 'raw\r\n').then((s) => expect(s).not.toContain('secret'));
    proc.stdin.write('\x1b[A');
    await proc.wait();
    expect(got).toEqual(['aTAB\n', 'F1', 'secret\n', '\x1b[A']);
  });
});

describe('server PTY options', () => {
  it('allowPty: false refuses the pty-req (ChannelOpenError); lineEcho: false leaves the newline to the app', async () => {
    const p = await connectionPair();
    close = p.close;
    acceptSessions(p.server, { allowPty: false, processFactory: (proc) => proc.exit(0) });
    await expect(createProcess(p.client, 'x', { termType: 'xterm' })).rejects.toMatchObject({
      name: 'ChannelOpenError',
      code: OPEN_REQUEST_PTY_FAILED,
    });

    const q = await connectionPair();
    const closeFirst = close;
    close = () => {
      closeFirst?.();
      q.close();
    };
    acceptSessions(q.server, {
      lineEcho: false,
      processFactory: async (proc) => {
        const line = (await proc.stdin.readline()) as string;
        proc.stdout.write(`[${line.trim()}]`);
        proc.exit(0);
      },
    });
    const proc = await createProcess(q.client, 'x', { termType: 'xterm' });
    proc.stdin.write('abc\r');
    const r = await proc.wait();
    // The typed characters are echoed, but no CR LF after them: the app's output follows on the same line.
    expect(r.stdout).toBe('abc[abc]');
  });
});
