import { cipherRegistry, kexRegistry, macRegistry } from '@ssh/crypto';
import { HostKeyNotVerifiable, KeyExchangeFailed } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { transportPair } from '../test/pair.js';

describe('our client against our server (in memory)', () => {
  it('completes the first key exchange with the defaults and accepts ssh-userauth', async () => {
    const { client, server } = transportPair();
    await Promise.all([client.ready, server.ready]);
    expect(client.sessionId).toEqual(server.sessionId);
    expect(client.algorithms?.kex).toBe(kexRegistry.defaults[0]);
    expect(client.peerExtensions.has('server-sig-algs')).toBe(true);
    await client.requestService('ssh-userauth');
    client.disconnect();
    expect(await client.closedPromise).toBeUndefined();
  });

  for (const kex of kexRegistry.supported.filter(
    (k) => !/group1[5-8]|rsa|gex|sha1/.test(k) || k === 'diffie-hellman-group-exchange-sha256',
  )) {
    it(`kex ${kex}`, async () => {
      const { client, server } = transportPair({ kexAlgs: [kex] }, { kexAlgs: [kex] });
      await Promise.all([client.ready, server.ready]);
      expect(server.algorithms?.kex).toBe(kex);
      client.disconnect();
    });
  }

  for (const cipher of cipherRegistry.supported) {
    it(`cipher ${cipher}`, async () => {
      const { client, server } = transportPair({ encryptionAlgs: [cipher] }, { encryptionAlgs: [cipher] });
      await Promise.all([client.ready, server.ready]);
      await client.requestService('ssh-userauth');
      client.disconnect();
    });
  }

  for (const mac of macRegistry.supported) {
    it(`mac ${mac}`, async () => {
      const opts = { encryptionAlgs: ['aes128-ctr'], macAlgs: [mac] };
      const { client, server } = transportPair(opts, opts);
      await Promise.all([client.ready, server.ready]);
      expect(client.algorithms?.macCtoS).toBe(mac);
      await client.requestService('ssh-userauth');
      client.disconnect();
    });
  }

  it('rekeys while messages flow, losing and reordering none', async () => {
    const got: number[] = [];
    const { client } = transportPair(
      { rekeyBytes: 64 * 1024 },
      {},
      { server: { message: (p) => void got.push(new DataView(p.buffer, p.byteOffset).getUint32(1)) } },
    );
    await client.ready;
    client.markAuthenticated();
    const before = client.sessionId;
    for (let i = 0; i < 400; i++) {
      const p = new Uint8Array(1024);
      p[0] = 94;
      new DataView(p.buffer).setUint32(1, i);
      client.send(p);
      if (i % 50 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([...Array(400).keys()]);
    expect(client.sessionId).toEqual(before);
    expect(client.keyExchanges).toBeGreaterThan(4);
    client.disconnect();
  });

  it('no common cipher is KeyExchangeFailed naming the kind, on both sides', async () => {
    const { client, server } = transportPair(
      { encryptionAlgs: ['aes128-ctr'] },
      { encryptionAlgs: ['aes256-ctr'] },
    );
    await expect(client.ready).rejects.toThrow(KeyExchangeFailed);
    await expect(server.ready).rejects.toThrow(/no matching encryption/);
  });

  it('a refused host key is HostKeyNotVerifiable', async () => {
    const { client } = transportPair({ verifyHostKey: () => false });
    await expect(client.ready).rejects.toThrow(HostKeyNotVerifiable);
  });
});

describe('compression', () => {
  it('zlib compresses both directions from the new keys on, across a rekey', async () => {
    const got: Uint8Array[] = [];
    const opts = { compressionAlgs: ['zlib'] };
    const { client, server } = transportPair(opts, opts, {
      server: { message: (p) => void got.push(p.slice()) },
    });
    await Promise.all([client.ready, server.ready]);
    expect(client.algorithms?.compressionCtoS).toBe('zlib');
    const text = new TextEncoder().encode('compress me '.repeat(2000));
    const msg = Uint8Array.of(94, ...text);
    client.send(msg);
    client.rekey();
    client.send(msg);
    await client.requestService('ssh-userauth');
    expect(got).toEqual([msg, msg]);
    client.disconnect();
  });

  it('by default a client asks for none and a server allows delayed zlib', async () => {
    const { client, server } = transportPair();
    await Promise.all([client.ready, server.ready]);
    expect(client.algorithms?.compressionCtoS).toBe('none');
    client.disconnect();
  });
});
