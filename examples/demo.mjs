#!/usr/bin/env node
// The README's first command. Until the umbrella package lands this shows the
// layers that exist: an SSH server and client on loopback exchanging
// identification lines and KEXINIT messages built and parsed with @ssh/wire.
import net from 'node:net';
import { formatIdentification, VersionReader } from '@ssh/transport';
import { PacketReader, PacketWriter, WireError } from '@ssh/wire';

const SSH_MSG_KEXINIT = 20; // RFC 4253 §12

/** A KEXINIT payload (RFC 4253 §7.1) in one clear-text binary packet. */
function kexinitPacket(kex) {
  const w = new PacketWriter(256, 5);
  w.writeByte(SSH_MSG_KEXINIT).writeBytes(crypto.getRandomValues(new Uint8Array(16)));
  const lists = [
    kex,
    ['ssh-ed25519'],
    ['aes128-gcm@openssh.com'],
    ['aes128-gcm@openssh.com'],
    ['hmac-sha2-256'],
    ['hmac-sha2-256'],
    ['none'],
    ['none'],
    [],
    [],
  ];
  for (const l of lists) w.writeNameList(l);
  w.writeBoolean(false).writeUint32(0);
  const payload = w.length;
  const padding = 8 - ((payload + 5) % 8) + 8; // RFC 4253 §6: at least 4 bytes, total a multiple of 8
  w.writeBytes(new Uint8Array(padding));
  const packet = w.withHeadroom();
  new DataView(packet.buffer, packet.byteOffset).setUint32(0, packet.length - 4);
  packet[4] = padding;
  return packet;
}

function readKexinit(bytes) {
  const r = new PacketReader(bytes);
  const len = r.readUint32('packet_length');
  const body = new PacketReader(bytes, 4, 4 + len);
  body.readByte('padding_length');
  if (body.readByte('msg') !== SSH_MSG_KEXINIT) throw new Error('expected KEXINIT');
  body.skip(16, 'cookie');
  return body.readNameList('kex_algorithms');
}

/** One side of the exchange: send our line and KEXINIT, read the peer's. */
function speak(sock, peerIsServer, name, kex) {
  return new Promise((resolve, reject) => {
    const reader = new VersionReader(peerIsServer);
    let version;
    let rest = new Uint8Array(0);
    sock.write(formatIdentification(name, 'demo'));
    sock.write(kexinitPacket(kex));
    sock.on('error', reject);
    sock.on('data', (chunk) => {
      try {
        if (!version) {
          version = reader.push(chunk);
          if (!version) return;
          rest = version.rest;
        } else rest = Buffer.concat([rest, chunk]);
        if (rest.length < 4 || rest.length < 4 + new PacketReader(rest).readUint32()) return;
        resolve({ peer: version.identification, kex: readKexinit(rest) });
      } catch (err) {
        reject(err);
      }
    });
  });
}

const started = performance.now();
let serverDone;
const served = new Promise((r) => {
  serverDone = r;
});
const server = net.createServer((sock) => {
  speak(sock, false, 'ssh_demo_server', ['mlkem768x25519-sha256', 'curve25519-sha256']).then(
    ({ peer, kex }) => {
      console.log(`server: client says "${peer.line}", offers kex ${kex.join(', ')}`);
      sock.end();
      serverDone();
    },
  );
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const { port } = server.address();
console.log(`server: listening on 127.0.0.1:${port}`);

const client = net.connect({ host: '127.0.0.1', port });
await new Promise((r) => client.once('connect', r));
const { peer, kex } = await speak(client, true, 'ssh_demo_client', [
  'curve25519-sha256',
  'ecdh-sha2-nistp256',
]);
console.log(
  `client: server says "${peer.line}" (software ${peer.softwareVersion}), offers kex ${kex.join(', ')}`,
);
console.log(
  `client: first common kex method: ${kex.find((k) => ['curve25519-sha256', 'ecdh-sha2-nistp256'].includes(k))}`,
);
await served;
client.end();
server.close();

try {
  new PacketReader(Uint8Array.of(0, 0, 0, 9, 1, 2)).readString('host key blob');
} catch (err) {
  if (err instanceof WireError) console.log(`bad input is a typed error: ${err.name}: ${err.message}`);
}
console.log(`done in ${Math.round(performance.now() - started)} ms`);
