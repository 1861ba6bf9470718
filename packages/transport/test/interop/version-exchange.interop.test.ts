import net from 'node:net';
import { missingPeer, type RunningServer, serverPeers } from '@ssh/testing';
import { PacketReader } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIdentification, VersionReader, type VersionResult } from '../../src/version.js';

const SSH_MSG_KEXINIT = 20; // RFC 4253 §12

/** Connect, send our identification, read the server's and its first (clear-text) packet. */
function exchange(port: number): Promise<{ version: VersionResult; kexinit: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const reader = new VersionReader(true);
    let version: VersionResult | undefined;
    let rest = new Uint8Array(0);
    sock.setTimeout(10_000, () => sock.destroy(new Error('timed out waiting for the server')));
    sock.on('error', reject);
    sock.on('connect', () => sock.write(formatIdentification('ssh_0.0', 'interop-test')));
    sock.on('data', (chunk: Buffer) => {
      try {
        if (!version) {
          version = reader.push(chunk);
          if (!version) return;
          rest = version.rest.slice();
        } else {
          const next = new Uint8Array(rest.length + chunk.length);
          next.set(rest);
          next.set(chunk, rest.length);
          rest = next;
        }
        if (rest.length < 4) return;
        const len = new PacketReader(rest).readUint32('packet_length');
        if (rest.length < 4 + len) return;
        const packet = new PacketReader(rest, 4, 4 + len);
        const padding = packet.readByte('padding_length');
        const payload = packet.readBytes(len - 1 - padding, 'payload');
        sock.destroy();
        resolve({ version, kexinit: payload });
      } catch (err) {
        sock.destroy();
        reject(err);
      }
    });
  });
}

/** Read a KEXINIT payload (RFC 4253 §7.1) with the wire reader. */
function parseKexinit(payload: Uint8Array): Record<string, string[]> {
  const r = new PacketReader(payload);
  expect(r.readByte('msg')).toBe(SSH_MSG_KEXINIT);
  r.skip(16, 'cookie');
  const fields = [
    'kex',
    'hostkey',
    'enc_cs',
    'enc_sc',
    'mac_cs',
    'mac_sc',
    'comp_cs',
    'comp_sc',
    'lang_cs',
    'lang_sc',
  ];
  const out: Record<string, string[]> = {};
  for (const f of fields) out[f] = r.readNameList(f);
  r.readBoolean('first_kex_packet_follows');
  r.readUint32('reserved');
  r.expectEnd('kexinit');
  return out;
}

const EXPECTED: Record<string, RegExp> = {
  'OpenSSH sshd (debian12)': /^OpenSSH_9\.2/,
  'OpenSSH sshd (debian13)': /^OpenSSH_10\./,
  'AsyncSSH server (debian12)': /^AsyncSSH_2\.10/,
  'AsyncSSH server (debian13)': /^AsyncSSH_2\.20/,
  'Dropbear (debian12)': /^dropbear_2022\.83/,
  'Dropbear (debian13)': /^dropbear_2025\./,
};

for (const peer of serverPeers()) {
  const missing = peer.missing();
  const skip = missing ? missingPeer(peer.name, missing).skip : false;
  describe.skipIf(skip)(`version exchange with ${peer.name}`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await peer.start();
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('parses its identification and its KEXINIT with our wire code', async () => {
      const { version, kexinit } = await exchange(server.port);
      expect(version.identification.protoVersion).toBe('2.0');
      expect(version.identification.softwareVersion).toMatch(EXPECTED[peer.name] ?? /./);
      const lists = parseKexinit(kexinit);
      expect(lists.kex?.length).toBeGreaterThan(0);
      expect(lists.enc_cs).toEqual(expect.arrayContaining([expect.stringMatching(/aes|chacha/)]));
      if (peer.name === 'OpenSSH sshd (debian13)') expect(lists.kex).toContain('mlkem768x25519-sha256');
    });
  });
}
