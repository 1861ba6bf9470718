import { type LogRecord, setDebugLevel, setLogHandler, setLogLevel } from '@ssh/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { transportPair } from '../test/pair.js';

afterEach(() => {
  setLogHandler(null);
  setLogLevel('NOTSET');
  setDebugLevel(1);
});

describe('transport logging', () => {
  it('logs nothing by default and the key exchange and packet dumps at debug level 3', async () => {
    const records: LogRecord[] = [];
    setLogHandler((r) => records.push(r));
    let pair = transportPair();
    await Promise.all([pair.client.ready, pair.server.ready]);
    pair.client.disconnect();
    expect(records.filter((r) => r.levelName === 'DEBUG')).toEqual([]);

    setLogLevel('DEBUG');
    setDebugLevel(3);
    pair = transportPair();
    await Promise.all([pair.client.ready, pair.server.ready]);
    pair.client.disconnect();
    const text = records.map((r) => r.message).join('\n');
    expect(text).toMatch(/Key exchange complete: /);
    expect(text).toMatch(/Sent MSG_KEXINIT/);
    expect(text).toMatch(/Received version SSH-2\.0-/);
  });
});
