import { cipherRegistry, createPacketOpener, createPacketSealer, macRegistry } from '@ssh/crypto';
import { MACError, ProtocolError } from '@ssh/wire';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PacketReceiver } from './packet-receiver.js';
import { PacketSender } from './packet-sender.js';

const COMBOS: [string, string][] = [
  ['none', 'none'],
  ['chacha20-poly1305@openssh.com', 'none'],
  ['aes128-gcm@openssh.com', 'none'],
  ['aes256-gcm@openssh.com', 'none'],
  ['aes128-ctr', 'hmac-sha2-256'],
  ['aes256-ctr', 'hmac-sha2-512-etm@openssh.com'],
  ['aes192-ctr', 'umac-64-etm@openssh.com'],
  ['aes128-ctr', 'umac-128@openssh.com'],
  ['aes256-cbc', 'hmac-sha1'],
];

function keyedPair(cipherName: string, macName: string) {
  const cipher = cipherRegistry.get(cipherName);
  const mac = macRegistry.get(macName);
  const keys = {
    key: crypto.getRandomValues(new Uint8Array(cipher.keyLength)),
    iv: crypto.getRandomValues(new Uint8Array(cipher.ivLength)),
    macKey: crypto.getRandomValues(new Uint8Array(mac.keyLength)),
  };
  const sender = new PacketSender();
  const receiver = new PacketReceiver();
  if (cipherName !== 'none') {
    sender.setSealer(createPacketSealer(cipher, mac, keys), false);
    receiver.setOpener(createPacketOpener(cipher, mac, keys), false);
  }
  return { sender, receiver };
}

function drain(receiver: PacketReceiver): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let p = receiver.next(); p; p = receiver.next()) out.push(p.slice());
  return out;
}

describe('binary packet protocol (RFC 4253 §6)', () => {
  for (const [cipher, mac] of COMBOS) {
    it(`${cipher} + ${mac}: payloads survive any chunking`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.uint8Array({ minLength: 1, maxLength: 3000 }), { minLength: 1, maxLength: 6 }),
          fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 20 }),
          (payloads, cuts) => {
            const { sender, receiver } = keyedPair(cipher, mac);
            const wire = payloads.map((p) => sender.frame(p));
            const all = new Uint8Array(wire.reduce((n, w) => n + w.length, 0));
            let o = 0;
            for (const w of wire) {
              all.set(w, o);
              o += w.length;
            }
            const got: Uint8Array[] = [];
            let at = 0;
            let i = 0;
            while (at < all.length) {
              const n = cuts[i++ % cuts.length] as number;
              receiver.push(all.slice(at, at + n));
              at += n;
              got.push(...drain(receiver));
            }
            expect(got).toEqual(payloads);
            expect(receiver.seq).toBe(payloads.length);
            expect(receiver.buffered).toBe(0);
          },
        ),
        { numRuns: 25 },
      );
    });
  }

  it('a large payload (35000 bytes) passes', () => {
    const { sender, receiver } = keyedPair('aes128-gcm@openssh.com', 'none');
    const big = crypto.getRandomValues(new Uint8Array(35000));
    receiver.push(sender.frame(big));
    expect(receiver.next()).toEqual(big);
  });

  for (const [cipher, mac] of COMBOS.filter(([c]) => c !== 'none')) {
    it(`${cipher} + ${mac}: a flipped bit is a MACError`, () => {
      const { sender, receiver } = keyedPair(cipher, mac);
      const pkt = sender.frame(Uint8Array.of(94, 1, 2, 3, 4, 5, 6, 7, 8, 9));
      pkt[pkt.length - 20] = (pkt[pkt.length - 20] as number) ^ 0x10;
      receiver.push(pkt);
      expect(() => receiver.next()).toThrow(MACError);
    });
  }

  it('refuses a packet length of 0xFFFFFFF0 before reading it', () => {
    const receiver = new PacketReceiver();
    receiver.push(Uint8Array.of(0xff, 0xff, 0xff, 0xf0, 4, 0, 0, 0));
    expect(() => receiver.next()).toThrow(ProtocolError);
    expect(() => new PacketReceiver().next()).not.toThrow();
  });

  it('refuses padding shorter than 4 bytes', () => {
    const receiver = new PacketReceiver();
    receiver.push(Uint8Array.of(0, 0, 0, 12, 2, 21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    expect(() => receiver.next()).toThrow(/bad padding length 2/);
  });
});
