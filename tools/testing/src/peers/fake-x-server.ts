import net from 'node:net';

/**
 * A minimal X server on 127.0.0.1 for tests: it reads the connection setup,
 * records the authorization it carried, and refuses with a reason that names
 * whether the cookie was `expected` (Xlib prints the reason). Its display is
 * 127.0.0.1:(port - 6000).
 */
export async function startFakeX(expected: { name: string; data: Uint8Array }): Promise<{
  display: string;
  displayNumber: number;
  seen: { name: string; data: Buffer }[];
  close(): Promise<void>;
}> {
  const seen: { name: string; data: Buffer }[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length < 12) return;
      const le = buf[0] === 0x6c;
      const r16 = (at: number) => (le ? buf.readUInt16LE(at) : buf.readUInt16BE(at));
      const n = r16(6);
      const len = r16(8);
      const pad = (x: number) => (x + 3) & ~3;
      if (buf.length < 12 + pad(n) + pad(len)) return;
      const name = buf.subarray(12, 12 + n).toString();
      const data = Buffer.from(buf.subarray(12 + pad(n), 12 + pad(n) + len));
      seen.push({ name, data });
      const ok = name === expected.name && data.equals(Buffer.from(expected.data));
      const reason = Buffer.from(`fake-x: cookie ${ok ? 'accepted' : 'rejected'}`);
      const reply = Buffer.alloc(8 + pad(reason.length));
      reply[0] = 0; // Failed
      reply[1] = reason.length;
      const w16 = (v: number, at: number) => (le ? reply.writeUInt16LE(v, at) : reply.writeUInt16BE(v, at));
      w16(11, 2);
      w16(0, 4);
      w16(pad(reason.length) / 4, 6);
      reason.copy(reply, 8);
      s.end(reply);
    });
  });
  // A display number is the port minus 6000: any port above 6000 will do.
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    display: `127.0.0.1:${port - 6000}`,
    displayNumber: port - 6000,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
