import {
  getDebugLevel,
  getLogger,
  LogLevels,
  type LogRecord,
  levelName,
  logger,
  SSHLogger,
  setDebugLevel,
  setLogHandler,
  setLogLevel,
  setSftpLogLevel,
  sftpLogger,
  ValueError,
} from '@ssh/wire';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

let records: LogRecord[];

beforeEach(() => {
  records = [];
  setLogHandler((r) => records.push(r));
});

afterEach(() => {
  setLogHandler(null);
  setLogLevel('NOTSET');
  setSftpLogLevel('NOTSET');
  setDebugLevel(1);
  vi.restoreAllMocks();
});

describe('levels', () => {
  it('use the Python logging numbers and names', () => {
    expect(LogLevels).toEqual({ NOTSET: 0, DEBUG: 10, INFO: 20, WARNING: 30, ERROR: 40, CRITICAL: 50 });
    expect(levelName(30)).toBe('WARNING');
    expect(levelName(15)).toBe('Level 15');
  });

  it('the asyncssh loggers start at NOTSET and follow the root (WARNING)', () => {
    expect(getLogger('asyncssh').level).toBe(0);
    expect(getLogger('asyncssh.sftp').level).toBe(0);
    expect(getLogger('asyncssh').getEffectiveLevel()).toBe(30);
    logger.info('hidden');
    logger.warning('shown');
    expect(records.map((r) => r.message)).toEqual(['shown']);
  });

  it('setLogLevel takes a number or a name; setSftpLogLevel follows it unless set', () => {
    setLogLevel('DEBUG');
    expect(getLogger('asyncssh').getEffectiveLevel()).toBe(10);
    expect(getLogger('asyncssh.sftp').getEffectiveLevel()).toBe(10);
    setSftpLogLevel(40);
    expect(sftpLogger.isEnabledFor(30)).toBe(false);
    expect(logger.isEnabledFor(30)).toBe(true);
    setLogLevel('WARN');
    expect(getLogger('asyncssh').level).toBe(30);
  });

  it('rejects unknown level names and non-integers', () => {
    expect(() => setLogLevel('debug' as 'DEBUG')).toThrow(ValueError);
    expect(() => setLogLevel('LOUD' as 'DEBUG')).toThrow("Unknown level: 'LOUD'");
    expect(() => setLogLevel(1.5)).toThrow(TypeError);
  });

  it('setDebugLevel takes 1, 2 or 3', () => {
    setDebugLevel(3);
    expect(getDebugLevel()).toBe(3);
    for (const bad of [0, 4, 2.5]) expect(() => setDebugLevel(bad)).toThrow(ValueError);
  });
});

describe('SSHLogger', () => {
  it('tags messages with connection and channel context', () => {
    setLogLevel('INFO');
    const conn = logger.getChild('', 'conn=0');
    const chan = conn.getChild('', 'chan=1');
    conn.info('Connected to %s, port %d', 'example.com', 22);
    chan.info('Opened %s', 'session');
    expect(records.map((r) => r.message)).toEqual([
      '[conn=0] Connected to example.com, port 22',
      '[conn=0, chan=1] Opened session',
    ]);
    expect(records[0]).toMatchObject({ name: 'asyncssh', level: 20, levelName: 'INFO' });
  });

  it('a child name moves to the child logger, keeping the context', () => {
    setLogLevel('INFO');
    const sftp = logger.getChild('', 'conn=2').getChild('sftp', 'chan=0');
    expect(sftp.logger).toBe(getLogger('asyncssh.sftp'));
    sftp.info('Starting SFTP client');
    expect(records[0]).toMatchObject({
      name: 'asyncssh.sftp',
      message: '[conn=2, chan=0] Starting SFTP client',
    });
  });

  it('formats byte and list arguments as AsyncSSH does', () => {
    setLogLevel('INFO');
    logger.info(
      'Methods: %s, user %s, %r, 100%%',
      ['publickey', 'password'],
      new TextEncoder().encode('bob'),
      'x',
    );
    expect(records[0]?.message).toBe("Methods: publickey,password, user bob, 'x', 100%");
  });

  it('costs nothing when off: no formatting, lazy messages not called', () => {
    const lazy = vi.fn(() => 'expensive');
    const arg = { toString: vi.fn(() => 'arg') };
    logger.debug1(lazy);
    logger.info('value %s', arg);
    expect(lazy).not.toHaveBeenCalled();
    expect(arg.toString).not.toHaveBeenCalled();
    setLogLevel('DEBUG');
    logger.debug1(lazy);
    expect(lazy).toHaveBeenCalledOnce();
    expect(records[0]?.message).toBe('expensive');
  });

  it('debug1 always, debug2 from level 2, debug3 and packets only at level 3', () => {
    setLogLevel('DEBUG');
    const log = (l: SSHLogger) => {
      l.debug1('one');
      l.debug2('two');
      l.debug3('three');
      l.packet(7, Uint8Array.of(1), 'pkt');
    };
    log(logger);
    expect(records.map((r) => r.message)).toEqual(['one']);
    records.length = 0;
    setDebugLevel(2);
    log(logger);
    expect(records.map((r) => r.message)).toEqual(['one', 'two']);
    records.length = 0;
    setDebugLevel(3);
    log(logger);
    expect(records).toHaveLength(4);
  });

  it('debug levels do nothing unless the logger is at DEBUG', () => {
    setDebugLevel(3);
    setLogLevel('INFO');
    logger.debug1('a');
    logger.packet(null, Uint8Array.of(1, 2), 'b');
    expect(records).toHaveLength(0);
  });

  it('dumps packets in hex with their packet id', () => {
    setLogLevel('DEBUG');
    setDebugLevel(3);
    const bytes = new TextEncoder().encode('SSH-2.0-Test\r\n\x00\x01\x7f%!');
    logger.getChild('', 'conn=1').packet(4, bytes, 'Sent MSG_%s', 'IGNORE');
    const lines = (records[0]?.message ?? '').split('\n');
    expect(lines[0]).toBe('[conn=1, pktid=4] Sent MSG_IGNORE');
    expect(lines[1]).toBe(`  00000000: 53 53 48 2d 32 2e 30 2d 54 65 73 74 0d 0a 00 01  SSH-2.0-Test....`);
    expect(lines[2]).toBe(`  00000010: 7f 25 21${' '.repeat(41)}.%!`);
    records.length = 0;
    logger.packet(null, new Uint8Array(0), 'empty');
    expect(records[0]?.message).toBe('empty');
  });

  it('sends to the console by default, and survives a failing handler', () => {
    setLogHandler(null);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    logger.warning('careful');
    expect(warn).toHaveBeenCalledWith('WARNING:asyncssh:careful');
    const err = vi.spyOn(console, 'error').mockImplementation(() => {});
    setLogHandler(() => {
      throw new Error('sink down');
    });
    expect(() => logger.error('boom')).not.toThrow();
    expect(err).toHaveBeenCalled();
  });

  it('a handler on the sftp logger takes its records only', () => {
    setLogLevel('INFO');
    const sftpRecords: LogRecord[] = [];
    getLogger('asyncssh.sftp').setHandler((r) => sftpRecords.push(r));
    sftpLogger.info('sftp');
    logger.info('main');
    getLogger('asyncssh.sftp').setHandler(null);
    expect(sftpRecords.map((r) => r.message)).toEqual(['sftp']);
    expect(records.map((r) => r.message)).toEqual(['main']);
  });

  it('the root logger is reachable and named root', () => {
    expect(getLogger().name).toBe('root');
    expect(getLogger('asyncssh').parent).toBe(getLogger());
    expect(new SSHLogger().logger).toBe(getLogger('asyncssh'));
  });
});
