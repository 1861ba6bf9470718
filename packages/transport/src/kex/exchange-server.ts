import { exchangeHash, type KexMethod, type KexServerResult, type RsaKexServerKey } from '@ssh/crypto';
import {
  MSG_KEX_DH_GEX_GROUP,
  MSG_KEX_DH_GEX_INIT,
  MSG_KEX_DH_GEX_REPLY,
  MSG_KEX_DH_GEX_REQUEST,
  MSG_KEX_DH_GEX_REQUEST_OLD,
  MSG_KEXDH_INIT,
  MSG_KEXDH_REPLY,
  MSG_KEXRSA_DONE,
  MSG_KEXRSA_PUBKEY,
  MSG_KEXRSA_SECRET,
  PacketReader,
  PacketWriter,
  ProtocolError,
} from '@ssh/wire';
import type { GexState, KexContext, KexExchange, KexOutcome, ServerKexInputs } from './exchange.js';

function usesMpint(method: KexMethod): boolean {
  return method.family === 'dh' || method.family === 'dh-gex';
}

/** The server's side of every kex family: answer the client and sign H with the host key. */
export class ServerKexExchange implements KexExchange {
  private gex: GexState;
  private rsaKey: RsaKexServerKey | undefined;

  constructor(
    private readonly ctx: KexContext,
    private readonly inputs: ServerKexInputs,
  ) {}

  start(): void {
    const m = this.ctx.method;
    if (m.family !== 'rsa') return;
    this.rsaKey = m.createServerKey();
    this.ctx.send(
      new PacketWriter(1024)
        .writeByte(MSG_KEXRSA_PUBKEY)
        .writeString(this.inputs.hostKeyBlob)
        .writeString(this.rsaKey.publicKey)
        .toBytes(),
    );
  }

  handle(payload: Uint8Array): KexOutcome | undefined {
    const m = this.ctx.method;
    const r = new PacketReader(payload);
    const msg = r.readByte('message number');
    if (m.family === 'dh-gex') {
      if ((msg === MSG_KEX_DH_GEX_REQUEST || msg === MSG_KEX_DH_GEX_REQUEST_OLD) && !this.gex) {
        const old = msg === MSG_KEX_DH_GEX_REQUEST_OLD;
        const min = old ? undefined : r.readUint32('min');
        const n = r.readUint32('n');
        const max = old ? undefined : r.readUint32('max');
        const group = this.inputs.chooseGroup(min ?? n, n, max ?? n);
        this.gex = { ...(min !== undefined ? { min } : {}), n, ...(max !== undefined ? { max } : {}), group };
        this.ctx.send(
          new PacketWriter(1100)
            .writeByte(MSG_KEX_DH_GEX_GROUP)
            .writeMpint(group.p)
            .writeMpint(group.g)
            .toBytes(),
        );
        return undefined;
      }
      if (msg === MSG_KEX_DH_GEX_INIT && this.gex) {
        const e = r.readMpintBytes('e').slice();
        return this.reply(MSG_KEX_DH_GEX_REPLY, e, m.respond(e, this.gex.group));
      }
    } else if (m.family === 'rsa') {
      if (msg === MSG_KEXRSA_SECRET && this.rsaKey) {
        const encrypted = r.readString('encrypted secret').slice();
        const secret = this.rsaKey.decryptSecret(encrypted);
        const h = this.hash(encrypted, this.rsaKey.publicKey, secret);
        const sig = this.inputs.hostKey.sign(h, this.inputs.signAlgorithm);
        this.ctx.send(
          new PacketWriter(sig.length + 16).writeByte(MSG_KEXRSA_DONE).writeString(sig).toBytes(),
        );
        return {
          exchangeHash: h,
          sharedSecret: secret,
          hostKey: this.inputs.hostKey,
          hostKeyBlob: this.inputs.hostKeyBlob,
        };
      }
    } else if (msg === MSG_KEXDH_INIT) {
      const clientValue = (usesMpint(m) ? r.readMpintBytes('e') : r.readString('Q_C')).slice();
      return this.reply(MSG_KEXDH_REPLY, clientValue, m.respond(clientValue));
    }
    throw new ProtocolError(`unexpected key exchange message ${msg} for ${m.name}`);
  }

  private hash(clientValue: Uint8Array, serverValue: Uint8Array, sharedSecret: Uint8Array): Uint8Array {
    const c = this.ctx;
    return exchangeHash(c.method, {
      clientVersion: c.clientVersion,
      serverVersion: c.serverVersion,
      clientKexInit: c.clientKexInit,
      serverKexInit: c.serverKexInit,
      hostKey: this.inputs.hostKeyBlob,
      clientValue,
      serverValue,
      sharedSecret,
      ...(this.gex ? { gex: this.gex } : {}),
    });
  }

  private reply(msg: number, clientValue: Uint8Array, res: KexServerResult): KexOutcome {
    const h = this.hash(clientValue, res.publicValue, res.sharedSecret);
    const sig = this.inputs.hostKey.sign(h, this.inputs.signAlgorithm);
    const w = new PacketWriter(2048).writeByte(msg).writeString(this.inputs.hostKeyBlob);
    if (usesMpint(this.ctx.method)) w.writeMpintBytes(res.publicValue);
    else w.writeString(res.publicValue);
    this.ctx.send(w.writeString(sig).toBytes());
    return {
      exchangeHash: h,
      sharedSecret: res.sharedSecret,
      hostKey: this.inputs.hostKey,
      hostKeyBlob: this.inputs.hostKeyBlob,
    };
  }
}
