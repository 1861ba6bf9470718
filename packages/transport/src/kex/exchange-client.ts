import {
  checkCertificateSignature,
  checkGexGroup,
  decodeSSHCertificate,
  decodeSSHPublicKey,
  exchangeHash,
  type KexClientState,
  type KexMethod,
  type SSHCertificate,
  type SSHKey,
} from '@ssh/crypto';
import {
  HostKeyNotVerifiable,
  KeyExchangeFailed,
  MSG_KEX_DH_GEX_GROUP,
  MSG_KEX_DH_GEX_INIT,
  MSG_KEX_DH_GEX_REPLY,
  MSG_KEX_DH_GEX_REQUEST,
  MSG_KEXDH_INIT,
  MSG_KEXDH_REPLY,
  MSG_KEXRSA_DONE,
  MSG_KEXRSA_PUBKEY,
  MSG_KEXRSA_SECRET,
  PacketReader,
  PacketWriter,
  ProtocolError,
} from '@ssh/wire';
import type { ClientKexInputs, GexState, KexContext, KexExchange, KexOutcome } from './exchange.js';

/** Whether the method's public values are mpints (DH) rather than strings (ECDH, hybrids). */
function usesMpint(method: KexMethod): boolean {
  return method.family === 'dh' || method.family === 'dh-gex';
}

/** The client's side of every kex family (RFC 4253 §8, RFC 4419, RFC 4432, RFC 5656 §4, the hybrid drafts). */
export class ClientKexExchange implements KexExchange {
  private state: KexClientState | undefined;
  private gex: GexState;
  private hostKeyBlob: Uint8Array | undefined;
  private rsaSecret: { encrypted: Uint8Array; secret: Uint8Array } | undefined;
  private transientKey: Uint8Array | undefined;

  constructor(
    private readonly ctx: KexContext,
    private readonly inputs: ClientKexInputs,
  ) {}

  start(): void {
    const m = this.ctx.method;
    if (m.family === 'dh-gex') {
      const { min, n, max } = this.inputs.gexBits;
      this.ctx.send(
        new PacketWriter(16)
          .writeByte(MSG_KEX_DH_GEX_REQUEST)
          .writeUint32(min)
          .writeUint32(n)
          .writeUint32(max)
          .toBytes(),
      );
    } else if (m.family !== 'rsa') {
      this.state = m.start();
      this.sendValue(MSG_KEXDH_INIT, this.state.publicValue);
    }
  }

  private sendValue(msg: number, value: Uint8Array): void {
    const w = new PacketWriter(value.length + 16).writeByte(msg);
    if (usesMpint(this.ctx.method)) w.writeMpintBytes(value);
    else w.writeString(value);
    this.ctx.send(w.toBytes());
  }

  handle(payload: Uint8Array): Promise<KexOutcome | undefined> | undefined {
    const m = this.ctx.method;
    const r = new PacketReader(payload);
    const msg = r.readByte('message number');
    if (m.family === 'dh-gex') {
      if (msg === MSG_KEX_DH_GEX_GROUP && !this.state) {
        const group = { p: r.readPositiveMpint('p'), g: r.readPositiveMpint('g') };
        const { min, n, max } = this.inputs.gexBits;
        checkGexGroup(group, min, max);
        this.gex = { min, n, max, group };
        this.state = m.start(group);
        this.sendValue(MSG_KEX_DH_GEX_INIT, this.state.publicValue);
        return undefined;
      }
      if (msg === MSG_KEX_DH_GEX_REPLY && this.state) return this.reply(r);
    } else if (m.family === 'rsa') {
      if (msg === MSG_KEXRSA_PUBKEY && !this.rsaSecret) {
        this.hostKeyBlob = r.readString('K_S').slice();
        const transient = r.readString('K_T').slice();
        const res = m.encryptSecret(transient);
        this.rsaSecret = { encrypted: res.encryptedSecret, secret: res.sharedSecret };
        this.transientKey = transient;
        this.ctx.send(
          new PacketWriter(512).writeByte(MSG_KEXRSA_SECRET).writeString(res.encryptedSecret).toBytes(),
        );
        return undefined;
      }
      if (msg === MSG_KEXRSA_DONE && this.rsaSecret && this.hostKeyBlob && this.transientKey) {
        const sig = r.readString('signature').slice();
        return this.finish(
          this.hostKeyBlob,
          this.rsaSecret.encrypted,
          this.transientKey,
          this.rsaSecret.secret,
          sig,
        );
      }
    } else if (msg === MSG_KEXDH_REPLY && this.state) {
      return this.reply(r);
    }
    throw new ProtocolError(`unexpected key exchange message ${msg} for ${m.name}`);
  }

  private reply(r: PacketReader): Promise<KexOutcome> {
    const state = this.state as KexClientState;
    const hostKeyBlob = r.readString('K_S').slice();
    const serverValue = (usesMpint(this.ctx.method) ? r.readMpintBytes('f') : r.readString('Q_S')).slice();
    const sig = r.readString('signature').slice();
    const secret = state.finish(serverValue);
    return this.finish(hostKeyBlob, state.publicValue, serverValue, secret, sig);
  }

  private async finish(
    hostKeyBlob: Uint8Array,
    clientValue: Uint8Array,
    serverValue: Uint8Array,
    sharedSecret: Uint8Array,
    sig: Uint8Array,
  ): Promise<KexOutcome> {
    const c = this.ctx;
    const h = exchangeHash(c.method, {
      clientVersion: c.clientVersion,
      serverVersion: c.serverVersion,
      clientKexInit: c.clientKexInit,
      serverKexInit: c.serverKexInit,
      hostKey: hostKeyBlob,
      clientValue,
      serverValue,
      sharedSecret,
      ...(this.gex ? { gex: this.gex } : {}),
    });
    const isCert = c.hostKeyAlgorithm.endsWith('-cert-v01@openssh.com');
    let hostKey: SSHKey;
    let cert: SSHCertificate | undefined;
    try {
      if (isCert) {
        cert = decodeSSHCertificate(hostKeyBlob);
        hostKey = cert.key;
      } else hostKey = decodeSSHPublicKey(hostKeyBlob);
    } catch (err) {
      throw new KeyExchangeFailed(`server host key is not usable: ${(err as Error).message}`, undefined, {
        cause: err,
      });
    }
    try {
      if (cert) checkCertificateSignature(cert, c.hostKeyAlgorithm, h, sig);
      else hostKey.checkSignature(h, sig, c.hostKeyAlgorithm);
    } catch (err) {
      throw new KeyExchangeFailed(`server host key signature: ${(err as Error).message}`, undefined, {
        cause: err,
      });
    }
    const ok = await this.inputs.verifyHostKey(cert ?? hostKey, c.hostKeyAlgorithm);
    if (!ok) throw new HostKeyNotVerifiable(`host key ${hostKey.getFingerprint()} is not trusted`);
    return { exchangeHash: h, sharedSecret, hostKey, hostKeyBlob };
  }
}
