import net from 'node:net';
import { decodeKexInit, type KexInit } from '../src/kex/kexinit.js';
import { PacketReceiver } from '../src/packet/packet-receiver.js';
import { formatIdentification, type Identification, VersionReader } from '../src/version.js';

/** Connect, send our identification, and read the server's identification and clear-text KEXINIT. */
export function probeServer(port: number): Promise<{ identification: Identification; kexinit: KexInit }> {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: '127.0.0.1', port });
    const reader = new VersionReader(true);
    const packets = new PacketReceiver();
    let identification: Identification | undefined;
    sock.setTimeout(10_000, () => sock.destroy(new Error('timed out waiting for the server')));
    sock.on('error', reject);
    sock.on('connect', () => sock.write(formatIdentification('probe_0', 'interop-test')));
    sock.on('data', (chunk: Buffer) => {
      try {
        let rest: Uint8Array = chunk;
        if (!identification) {
          const v = reader.push(chunk);
          if (!v) return;
          identification = v.identification;
          rest = v.rest;
        }
        packets.push(rest);
        const payload = packets.next();
        if (!payload) return;
        sock.destroy();
        resolve({ identification, kexinit: decodeKexInit(payload) });
      } catch (err) {
        sock.destroy();
        reject(err);
      }
    });
  });
}
