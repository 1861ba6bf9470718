import {
  chooseGexGroup,
  cipherRegistry,
  kexRegistry,
  type ModuliEntry,
  type PacketOpener,
  type PacketSealer,
  type SSHCertificate,
  type SSHKey,
} from '@ssh/crypto';
import { KeyExchangeFailed, MSG_NEWKEYS, ProtocolError } from '@ssh/wire';
import type { LocalAlgorithmLists } from '../algorithms/local-lists.js';
import type { KexContext, KexExchange, KexOutcome } from './exchange.js';
import { ClientKexExchange } from './exchange-client.js';
import { ServerKexExchange } from './exchange-server.js';
import { chooseHostKey } from './host-certs.js';
import { decodeKexInit, encodeKexInit, type KexInit } from './kexinit.js';
import {
  EXT_INFO_C,
  EXT_INFO_S,
  KEX_STRICT_C,
  KEX_STRICT_S,
  type NegotiatedAlgorithms,
  negotiate,
} from './negotiate.js';
import { newKeys } from './new-keys.js';

/** What the handshake needs from the transport it runs in. */
export interface HandshakeHost {
  readonly role: 'client' | 'server';
  /** V_C and V_S, known once the identification lines have been exchanged. */
  versions(): { client: string; server: string };
  /** Send a transport or kex message now, ahead of queued upper-layer messages. */
  sendNow(payload: Uint8Array): void;
  /** The sequence number the next sent packet will carry. */
  nextSendSeq(): number;
  setSealer(sealer: PacketSealer, resetSeq: boolean): void;
  setOpener(opener: PacketOpener, resetSeq: boolean): void;
  /** Our SSH_MSG_NEWKEYS has gone out: upper-layer messages may flow again. */
  newKeysSent(first: boolean, algs: NegotiatedAlgorithms): void;
  /** The peer's SSH_MSG_NEWKEYS has arrived: received packets use the new keys. */
  newKeysReceived(algs: NegotiatedAlgorithms): void;
  /** Both directions use the new keys. */
  kexDone(first: boolean, algs: NegotiatedAlgorithms, hostKey: SSHKey, hostKeyBlob: Uint8Array): void;
}

/** Settings of the key exchange. */
export interface HandshakeConfig {
  readonly lists: LocalAlgorithmLists;
  /** Client: decide whether the host key is trusted. */
  verifyHostKey?(key: SSHKey | SSHCertificate, algorithm: string): boolean | Promise<boolean>;
  /** Server: the host keys. */
  readonly hostKeys?: readonly SSHKey[];
  /** Server: certificates of some of the host keys, offered under certificate algorithms. */
  readonly hostCerts?: readonly SSHCertificate[];
  /** Server: DH group-exchange moduli (built-in groups when empty). */
  readonly moduli?: readonly ModuliEntry[];
}

/** Group sizes a client asks for in DH group exchange, as OpenSSH does for 128-bit ciphers. */
const GEX_BITS = { min: 2048, n: 3072, max: 8192 };

/**
 * Runs key exchanges (RFC 4253 §7-8) inside a transport: KEXINIT, the
 * method's messages, NEWKEYS and key switching, with strict kex and the
 * ext-info markers on the first exchange.
 */
export class Handshake {
  /** The first exchange hash, fixed for the life of the connection. */
  sessionId: Uint8Array | undefined;
  /** Both sides offered strict kex in the first exchange (OpenSSH PROTOCOL §1.10). */
  strict = false;
  /** The peer asked for SSH_MSG_EXT_INFO. */
  peerWantsExtInfo = false;
  /** The algorithms of the last completed exchange. */
  algorithms: NegotiatedAlgorithms | undefined;
  /** Sequence number of our KEXINIT while an exchange runs (to match a peer's SSH_MSG_UNIMPLEMENTED). */
  ourKexInitSeq: number | undefined;

  private ourInit: Uint8Array | undefined;
  private peerInit: Uint8Array | undefined;
  private exchange: KexExchange | undefined;
  private negotiated: NegotiatedAlgorithms | undefined;
  private ignoreNextKexPacket = false;
  private pendingOpener: PacketOpener | undefined;
  private hostKey: SSHKey | undefined;
  private hostKeyBlob: Uint8Array | undefined;
  private newKeysOut = false;
  private newKeysIn = false;
  private kexCount = 0;
  /** The peer's first KEXINIT was not its first packet (fatal under strict kex). */
  private kexInitNotFirst = false;

  constructor(
    private readonly host: HandshakeHost,
    private readonly config: HandshakeConfig,
  ) {}

  /** True while an exchange runs (from either side's KEXINIT until both NEWKEYS). */
  get running(): boolean {
    return this.ourInit !== undefined || this.peerInit !== undefined;
  }

  /** True from our KEXINIT until we have sent NEWKEYS: upper-layer messages must wait. */
  get holdingOutput(): boolean {
    return this.ourInit !== undefined && !this.newKeysOut;
  }

  /** True from the peer's KEXINIT until its NEWKEYS: only kex messages may arrive. */
  get inPeerKex(): boolean {
    return this.peerInit !== undefined && !this.newKeysIn;
  }

  /** How many key exchanges have completed. */
  get completed(): number {
    return this.kexCount;
  }

  /** True until the first exchange has completed in both directions. */
  get firstKex(): boolean {
    return this.kexCount === 0;
  }

  /** Send our KEXINIT (a no-op while an exchange is already running). */
  start(): void {
    if (this.ourInit) return;
    const l = this.config.lists;
    const first = this.firstKex;
    const markers = first
      ? this.host.role === 'client'
        ? [EXT_INFO_C, KEX_STRICT_C]
        : [EXT_INFO_S, KEX_STRICT_S]
      : [];
    const init: KexInit = {
      cookie: crypto.getRandomValues(new Uint8Array(16)),
      kexAlgs: [...l.kex, ...markers],
      hostKeyAlgs: l.hostKey,
      encryptionCtoS: l.encryption,
      encryptionStoC: l.encryption,
      macCtoS: l.mac,
      macStoC: l.mac,
      compressionCtoS: l.compression,
      compressionStoC: l.compression,
      languagesCtoS: [],
      languagesStoC: [],
      firstKexPacketFollows: false,
    };
    this.ourInit = encodeKexInit(init);
    this.ourKexInitSeq = this.host.nextSendSeq();
    this.host.sendNow(this.ourInit);
    if (this.peerInit) this.begin();
  }

  /** Handle the peer's KEXINIT; `seq` is its sequence number (strict kex wants 0 the first time). */
  onKexInit(payload: Uint8Array, seq: number): void {
    if (this.peerInit) throw new ProtocolError('SSH_MSG_KEXINIT received during a key exchange');
    decodeKexInit(payload);
    this.peerInit = payload.slice();
    if (this.firstKex && seq !== 0) this.kexInitNotFirst = true;
    if (!this.ourInit) this.start();
    else this.begin();
  }

  private begin(): void {
    const ours = decodeKexInit(this.ourInit as Uint8Array);
    const theirs = decodeKexInit(this.peerInit as Uint8Array);
    const isClient = this.host.role === 'client';
    const client = isClient ? ours : theirs;
    const server = isClient ? theirs : ours;
    const algs = negotiate(client, server, !isClient, {
      isAead: (c) => cipherRegistry.get(c).kind === 'aead',
    });
    if (this.firstKex) {
      this.strict = algs.strictKex;
      this.peerWantsExtInfo = algs.peerWantsExtInfo;
      if (this.strict && this.kexInitNotFirst)
        throw new KeyExchangeFailed('strict kex: KEXINIT was not the first message');
    }
    this.negotiated = algs;
    this.ignoreNextKexPacket = algs.ignoreGuessedPacket;
    const ctx: KexContext = {
      method: kexRegistry.get(algs.kex),
      hostKeyAlgorithm: algs.hostKey,
      clientVersion: this.host.versions().client,
      serverVersion: this.host.versions().server,
      clientKexInit: isClient ? (this.ourInit as Uint8Array) : (this.peerInit as Uint8Array),
      serverKexInit: isClient ? (this.peerInit as Uint8Array) : (this.ourInit as Uint8Array),
      send: (p) => this.host.sendNow(p),
    };
    if (isClient) {
      const verify = this.config.verifyHostKey;
      if (!verify) throw new KeyExchangeFailed('no host key verification was configured');
      this.exchange = new ClientKexExchange(ctx, { verifyHostKey: verify, gexBits: GEX_BITS });
    } else {
      const choice = chooseHostKey(algs.hostKey, this.config.hostKeys ?? [], this.config.hostCerts ?? []);
      if (!choice) throw new KeyExchangeFailed(`no host key for ${algs.hostKey}`);
      const moduli = this.config.moduli ?? [];
      this.exchange = new ServerKexExchange(ctx, {
        hostKey: choice.key,
        hostKeyBlob: choice.blob,
        signAlgorithm: choice.signAlgorithm,
        chooseGroup: (min, n, max) => chooseGexGroup(min, n, max, moduli),
      });
    }
    this.exchange.start();
  }

  /** Handle a kex-method message (30..49). */
  async onKexMessage(payload: Uint8Array): Promise<void> {
    if (!this.exchange || this.pendingOpener) {
      throw new ProtocolError(`unexpected key exchange message ${payload[0]}`);
    }
    if (this.ignoreNextKexPacket) {
      this.ignoreNextKexPacket = false;
      return;
    }
    const outcome = await this.exchange.handle(payload);
    if (outcome) this.keysReady(outcome);
  }

  private keysReady(outcome: KexOutcome): void {
    const algs = this.negotiated as NegotiatedAlgorithms;
    const first = this.firstKex;
    this.sessionId ??= outcome.exchangeHash;
    this.hostKey = outcome.hostKey;
    this.hostKeyBlob = outcome.hostKeyBlob;
    const method = kexRegistry.get(algs.kex);
    const keys = newKeys(
      this.host.role,
      method,
      algs,
      outcome.sharedSecret,
      outcome.exchangeHash,
      this.sessionId,
    );
    this.host.sendNow(Uint8Array.of(MSG_NEWKEYS));
    this.host.setSealer(keys.sealer, this.strict);
    this.newKeysOut = true;
    this.pendingOpener = keys.opener;
    this.host.newKeysSent(first, algs);
    this.maybeDone();
  }

  /** Handle the peer's SSH_MSG_NEWKEYS. */
  onNewKeys(): void {
    if (!this.pendingOpener || this.newKeysIn) throw new ProtocolError('unexpected SSH_MSG_NEWKEYS');
    this.host.setOpener(this.pendingOpener, this.strict);
    this.newKeysIn = true;
    this.host.newKeysReceived(this.negotiated as NegotiatedAlgorithms);
    this.maybeDone();
  }

  private maybeDone(): void {
    if (!this.newKeysIn || !this.newKeysOut) return;
    const first = this.firstKex;
    const algs = this.negotiated as NegotiatedAlgorithms;
    const hostKey = this.hostKey as SSHKey;
    this.algorithms = algs;
    this.kexCount++;
    this.ourInit = undefined;
    this.ourKexInitSeq = undefined;
    this.peerInit = undefined;
    this.exchange = undefined;
    this.negotiated = undefined;
    this.pendingOpener = undefined;
    this.newKeysIn = false;
    this.newKeysOut = false;
    this.host.kexDone(first, algs, hostKey, this.hostKeyBlob as Uint8Array);
  }
}
