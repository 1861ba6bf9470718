import type { PacketOpener, PacketSealer, SSHKey } from '@ssh/crypto';
import {
  ConnectionLost,
  DEFAULT_REKEY_BYTES,
  DEFAULT_REKEY_SECONDS,
  DISC_BY_APPLICATION,
  DISC_PROTOCOL_ERROR,
  DisconnectError,
  KeyExchangeFailed,
  LogLevels,
  logger,
  MSG_DEBUG,
  MSG_DISCONNECT,
  MSG_EXT_INFO,
  MSG_IGNORE,
  MSG_KEX_FIRST,
  MSG_KEX_LAST,
  MSG_KEXINIT,
  MSG_NEWKEYS,
  MSG_SERVICE_ACCEPT,
  MSG_SERVICE_REQUEST,
  MSG_UNIMPLEMENTED,
  MSG_USERAUTH_SUCCESS,
  messageName,
  PacketReader,
  ProtocolError,
  ServiceNotAvailable,
  type SSHLogger,
} from '@ssh/wire';
import { resolveAlgorithms } from './algorithms/local-lists.js';
import { CompressionState } from './compression/compression-state.js';
import { Handshake } from './kex/handshake.js';
import type { NegotiatedAlgorithms } from './kex/negotiate.js';
import { decodeDisconnect, encodeDisconnect } from './messages/disconnect.js';
import {
  decodeDebug,
  decodeExtInfo,
  decodeService,
  encodeExtInfo,
  encodeService,
  encodeUnimplemented,
} from './messages/transport-messages.js';
import { PacketReceiver } from './packet/packet-receiver.js';
import { PacketSender } from './packet/packet-sender.js';
import type { ByteStream } from './stream/byte-stream.js';
import {
  DEFAULT_SOFTWARE_VERSION,
  type TransportHandlers,
  type TransportOptions,
} from './transport-options.js';
import { formatIdentification, VersionReader } from './version.js';

export type { TransportHandlers, TransportOptions } from './transport-options.js';
export { DEFAULT_SOFTWARE_VERSION } from './transport-options.js';

let connectionCounter = 0;

/** Largest payload a compressed packet may inflate to (OpenSSH's packet limit). */
const MAX_PAYLOAD = 256 * 1024;

/** Output held during a key exchange beyond which `send` asks the caller to wait. */
const MAX_QUEUED_BYTES = 1024 * 1024;

/**
 * The SSH transport layer (RFC 4253) over any byte stream, for either role:
 * version exchange, key exchange and rekeying, packet encryption, and the
 * transport's own messages. The layer above sends payloads and receives
 * messages numbered 50 and up.
 */
export class Transport {
  readonly role: 'client' | 'server';
  clientVersion = '';
  serverVersion = '';
  /** The peer's SSH_MSG_EXT_INFO extensions (RFC 8308), latest values. */
  readonly peerExtensions = new Map<string, Uint8Array>();
  /** Resolves when the first key exchange is complete. */
  readonly ready: Promise<void>;
  /** Resolves when the connection has closed, with the error that closed it (undefined when clean). */
  readonly closedPromise: Promise<Error | undefined>;

  /** This connection's logger. */
  readonly logger: SSHLogger;
  private readonly stream: ByteStream;
  private readonly handlers: TransportHandlers;
  private readonly options: TransportOptions;
  private readonly handshake: Handshake;
  private readonly sender = new PacketSender();
  private readonly receiver = new PacketReceiver();
  private versionReader: VersionReader | undefined;
  private readonly queued: Uint8Array[] = [];
  private pumping = false;
  private closed = false;
  private resolveReady!: () => void;
  private rejectReady!: (e: Error) => void;
  private resolveClosed!: (e: Error | undefined) => void;
  private serviceWaiters: { name: string; resolve(): void; reject(e: Error): void }[] = [];
  private hostKeyValue: SSHKey | undefined;
  private hostKeyBlobValue: Uint8Array | undefined;
  private rekeyTimer: ReturnType<typeof setTimeout> | undefined;
  private lastDisconnectIn: DisconnectError | undefined;
  private authenticated = false;
  private readonly compression = new CompressionState();
  private queuedBytes = 0;
  private drainOwed = false;
  private messageHandler: TransportHandlers['message'];
  private readonly heldMessages: Uint8Array[] = [];

  constructor(stream: ByteStream, options: TransportOptions, handlers: TransportHandlers = {}) {
    this.role = options.role;
    this.stream = stream;
    this.options = options;
    this.handlers = handlers;
    this.messageHandler = handlers.message;
    this.logger = options.logger ?? logger.getChild('', `conn=${connectionCounter++}`);
    const lists = resolveAlgorithms(
      options,
      options.role === 'server' ? (options.serverHostKeys ?? []) : undefined,
      options.role === 'server' ? (options.serverHostCerts ?? []) : [],
    );
    const ours = formatIdentification(options.softwareVersion ?? DEFAULT_SOFTWARE_VERSION);
    if (this.role === 'client') this.clientVersion = ours.slice(0, -2);
    else this.serverVersion = ours.slice(0, -2);
    this.ready = new Promise((res, rej) => {
      this.resolveReady = res;
      this.rejectReady = rej;
    });
    this.ready.catch(() => undefined);
    this.closedPromise = new Promise((res) => {
      this.resolveClosed = res;
    });
    this.handshake = new Handshake(
      {
        role: this.role,
        versions: () => ({ client: this.clientVersion, server: this.serverVersion }),
        sendNow: (p) => this.writePacket(p),
        nextSendSeq: () => this.sender.seq,
        setSealer: (s: PacketSealer, reset: boolean) => this.sender.setSealer(s, reset),
        setOpener: (o: PacketOpener, reset: boolean) => this.receiver.setOpener(o, reset),
        newKeysSent: (first, algs) => this.afterNewKeysSent(first, algs),
        newKeysReceived: (algs) => {
          this.compression.inAlg = this.role === 'client' ? algs.compressionStoC : algs.compressionCtoS;
          this.compression.update();
        },
        kexDone: (first, algs, hostKey, blob) => this.afterKex(first, algs, hostKey, blob),
      },
      {
        lists,
        ...(options.verifyHostKey ? { verifyHostKey: options.verifyHostKey } : {}),
        ...(options.serverHostKeys ? { hostKeys: options.serverHostKeys } : {}),
        ...(options.serverHostCerts ? { hostCerts: options.serverHostCerts } : {}),
        ...(options.moduli ? { moduli: options.moduli } : {}),
      },
    );
    this.versionReader = new VersionReader(this.role === 'client');
    stream.attach({
      data: (chunk) => this.onData(chunk),
      drain: () => this.handlers.drain?.(),
      end: () =>
        this.fail(
          this.versionReader
            ? this.versionReader.endedEarly()
            : new ConnectionLost('connection closed by peer'),
        ),
      close: (err) =>
        this.fail(
          new ConnectionLost(
            err ? `connection lost: ${err.message}` : 'connection closed by peer',
            undefined,
            err ? { cause: err } : undefined,
          ),
        ),
    });
    stream.write(new TextEncoder().encode(ours));
    this.handshake.start();
  }

  /** The algorithms negotiated in the last key exchange. */
  get algorithms(): NegotiatedAlgorithms | undefined {
    return this.handshake.algorithms;
  }

  /** How many key exchanges have completed (1 after the first). */
  get keyExchanges(): number {
    return this.handshake.completed;
  }

  /** The session identifier (the first exchange hash). */
  get sessionId(): Uint8Array | undefined {
    return this.handshake.sessionId;
  }

  /** The server's host key (client: as proven in the key exchange; server: the one it used). */
  get hostKey(): SSHKey | undefined {
    return this.hostKeyValue;
  }

  /** The server's K_S from the first key exchange: the host key blob, or its certificate's (what publickey-hostbound binds to). */
  get hostKeyBlob(): Uint8Array | undefined {
    return this.hostKeyBlobValue;
  }

  /** Whether the connection has closed. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Send a payload. While a key exchange holds output, upper-layer messages
   * wait in order and go out after it. Returns false when the caller should
   * wait for the `drain` handler.
   */
  send(payload: Uint8Array): boolean {
    return this.sendMessage(payload, undefined);
  }

  /**
   * Send one message made of `payload` followed by `tail` (e.g. a channel
   * data header and the data), without joining them first. Otherwise as `send`.
   */
  sendParts(payload: Uint8Array, tail: Uint8Array): boolean {
    return this.sendMessage(payload, tail);
  }

  private sendMessage(payload: Uint8Array, tail: Uint8Array | undefined): boolean {
    if (this.closed) throw new ConnectionLost('connection is closed');
    if (this.queued.length === 0 && !this.mustHold()) return this.writePacket(payload, tail);
    if (tail) payload = joinParts(payload, tail);
    this.queued.push(payload);
    this.queuedBytes += payload.length;
    this.flushQueue();
    if (this.queuedBytes < MAX_QUEUED_BYTES) return true;
    this.drainOwed = true;
    return false;
  }

  /** Whether upper-layer output must wait: a key exchange holds it, or one is due. */
  private mustHold(): boolean {
    const hs = this.handshake;
    return hs.firstKex || hs.holdingOutput || this.rekeyDue();
  }

  private rekeyDue(): boolean {
    const limit = this.options.rekeyBytes ?? DEFAULT_REKEY_BYTES;
    return (
      this.authenticated && (this.sender.bytesSinceKeys >= limit || this.receiver.bytesSinceKeys >= limit)
    );
  }

  /**
   * Route messages numbered 50 and up to `handler` from now on (the auth
   * layer takes them, then hands them to the connection layer).
   */
  setMessageHandler(handler: TransportHandlers['message']): void {
    this.messageHandler = handler;
    if (!handler) return;
    // Hand over what arrived between two owners (e.g. a CHANNEL_OPEN right after auth success).
    const held = this.heldMessages.splice(0);
    for (const p of held) {
      const r = handler(p, -1);
      if (r instanceof Promise) r.catch((err: unknown) => this.fail(err));
    }
  }

  /**
   * Give back messages a layer took but did not handle (they go to the next
   * message handler, ahead of anything newer).
   */
  returnMessages(payloads: readonly Uint8Array[]): void {
    this.heldMessages.unshift(...payloads);
  }

  /** Client: request a service (RFC 4253 §10) and wait for it to be accepted. */
  requestService(name: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.serviceWaiters.push({ name, resolve, reject });
      this.send(encodeService(MSG_SERVICE_REQUEST, name));
    });
  }

  /**
   * Tell the transport user authentication has succeeded: automatic rekeying
   * by bytes and time starts only then, as OpenSSH does (sshd refuses a
   * re-exchange before auth).
   */
  markAuthenticated(): void {
    this.authenticated = true;
    this.scheduleRekey();
    this.checkRekey();
  }

  /** Start a key re-exchange now. */
  rekey(): void {
    if (!this.closed && !this.handshake.firstKex) this.handshake.start();
  }

  /** Send SSH_MSG_DISCONNECT and close. */
  disconnect(code = DISC_BY_APPLICATION, reason = 'disconnected by application', lang?: string): void {
    if (this.closed) return;
    this.writePacket(encodeDisconnect(code, reason, lang));
    this.closeStream(false);
    this.finish(code === DISC_BY_APPLICATION ? undefined : new DisconnectError(code, reason, lang));
  }

  /** Drop the connection at once, without a disconnect message. */
  abort(): void {
    if (this.closed) return;
    this.stream.destroy();
    this.finish(undefined);
  }

  private writePacket(payload: Uint8Array, tail?: Uint8Array): boolean {
    const c = this.compression.out;
    const logging = this.logger.isEnabledFor(LogLevels.DEBUG);
    if (tail && (c || logging)) {
      payload = joinParts(payload, tail);
      tail = undefined;
    }
    if (logging)
      this.logger.packet(this.sender.seq, payload, () => `Sent ${messageName(payload[0] as number)}`);
    const ok = this.stream.write(this.sender.frame(c ? c.compress(payload) : payload, tail));
    // zlib@openssh.com starts right after the server's SSH_MSG_USERAUTH_SUCCESS (OpenSSH PROTOCOL §1.2).
    if (payload[0] === MSG_USERAUTH_SUCCESS && this.role === 'server') this.compression.authenticated();
    this.checkRekey();
    return ok;
  }

  private onData(chunk: Uint8Array): void {
    if (this.closed) return;
    try {
      if (this.versionReader) {
        const res = this.versionReader.push(chunk);
        if (!res) return;
        this.versionReader = undefined;
        if (this.role === 'client') this.serverVersion = res.identification.line;
        else this.clientVersion = res.identification.line;
        this.logger.debug1('Received version %s', res.identification.line);
        chunk = res.rest;
      }
      this.receiver.push(chunk);
    } catch (err) {
      this.fail(err);
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        if (this.closed) return;
        const seq = this.receiver.seq;
        const packet = this.receiver.next();
        if (!packet) break;
        const inflate = this.compression.in;
        const payload = inflate ? inflate.decompress(packet, MAX_PAYLOAD) : packet;
        if (payload[0] === MSG_USERAUTH_SUCCESS && this.role === 'client') this.compression.authenticated();
        const r = this.dispatch(payload, seq);
        if (r) await r;
      }
      this.checkRekey();
    } catch (err) {
      this.fail(err);
    } finally {
      this.pumping = false;
    }
  }

  private dispatch(payload: Uint8Array, seq: number): void | Promise<void> {
    const msg = payload[0] as number;
    if (this.logger.isEnabledFor(LogLevels.DEBUG))
      this.logger.packet(seq, payload, () => `Received ${messageName(msg)}`);
    const hs = this.handshake;
    // Strict kex: nothing but the key exchange itself until the first NEWKEYS (OpenSSH PROTOCOL §1.10).
    if (hs.firstKex && hs.strict && (msg < MSG_KEXINIT || msg > MSG_KEX_LAST)) {
      throw new ProtocolError(`strict kex: message ${msg} is not allowed during the initial key exchange`);
    }
    if (msg >= MSG_KEXINIT && msg <= MSG_KEX_LAST) {
      if (msg === MSG_KEXINIT) return hs.onKexInit(payload, seq);
      if (msg === MSG_NEWKEYS) return hs.onNewKeys();
      if (msg >= MSG_KEX_FIRST) return hs.onKexMessage(payload);
      this.writePacket(encodeUnimplemented(seq));
      return;
    }
    switch (msg) {
      case MSG_DISCONNECT:
        this.lastDisconnectIn = decodeDisconnect(payload);
        throw this.lastDisconnectIn;
      case MSG_IGNORE:
        return;
      case MSG_UNIMPLEMENTED:
        return this.onUnimplemented(payload);
      case MSG_DEBUG:
        this.handlers.debug?.(decodeDebug(payload));
        return;
    }
    if (hs.firstKex || hs.inPeerKex) {
      throw new ProtocolError(`message ${msg} is not allowed during a key exchange`);
    }
    switch (msg) {
      case MSG_SERVICE_REQUEST:
        return this.onServiceRequest(payload);
      case MSG_SERVICE_ACCEPT:
        return this.onServiceAccept(payload);
      case MSG_EXT_INFO:
        for (const [k, v] of decodeExtInfo(payload)) this.peerExtensions.set(k, v);
        return;
    }
    if (msg >= 50 && this.messageHandler) return this.messageHandler(payload, seq);
    if (msg >= 50 && this.authenticated) {
      // Between the auth layer and the connection layer: keep it for the next handler.
      if (this.heldMessages.length >= 4096)
        throw new ProtocolError('too many messages before the connection layer started');
      this.heldMessages.push(payload.slice());
      return;
    }
    this.writePacket(encodeUnimplemented(seq));
  }

  private onUnimplemented(payload: Uint8Array): void {
    const seq = new PacketReader(payload, 1).readUint32('packet sequence number');
    if (seq === this.handshake.ourKexInitSeq) {
      throw new KeyExchangeFailed(
        'the peer does not accept a key re-exchange now (it answered SSH_MSG_UNIMPLEMENTED)',
      );
    }
    this.handlers.unimplemented?.(seq);
  }

  private onServiceRequest(payload: Uint8Array): void {
    if (this.role !== 'server') throw new ProtocolError('SSH_MSG_SERVICE_REQUEST sent to a client');
    const name = decodeService(payload);
    const accept = this.options.acceptService ? this.options.acceptService(name) : name === 'ssh-userauth';
    if (!accept) throw new ServiceNotAvailable(`service ${JSON.stringify(name)} is not available`);
    this.writePacket(encodeService(MSG_SERVICE_ACCEPT, name));
  }

  private onServiceAccept(payload: Uint8Array): void {
    const name = decodeService(payload);
    const waiter = this.serviceWaiters.shift();
    if (!waiter || waiter.name !== name)
      throw new ProtocolError(`unexpected SSH_MSG_SERVICE_ACCEPT for ${JSON.stringify(name)}`);
    waiter.resolve();
  }

  private afterNewKeysSent(first: boolean, algs: NegotiatedAlgorithms): void {
    this.compression.outAlg = this.role === 'client' ? algs.compressionCtoS : algs.compressionStoC;
    this.compression.update();
    // RFC 8308 §2.4: the server's EXT_INFO goes right after its first NEWKEYS.
    if (first && this.role === 'server' && this.handshake.peerWantsExtInfo) {
      const sigAlgs = resolveAlgorithms(this.options, this.options.serverHostKeys ?? []).signature;
      // OpenSSH PROTOCOL §1.9: publickey-hostbound@openssh.com, version "0".
      this.writePacket(
        encodeExtInfo(
          new Map([
            ['server-sig-algs', sigAlgs.join(',')],
            ['publickey-hostbound@openssh.com', '0'],
          ]),
        ),
      );
    }
    if (!first) this.flushQueue();
  }

  private afterKex(first: boolean, algs: NegotiatedAlgorithms, hostKey: SSHKey, blob: Uint8Array): void {
    this.hostKeyValue = hostKey;
    if (first) this.hostKeyBlobValue = blob;
    this.logger.debug1(
      () =>
        `Key exchange ${first ? 'complete' : 'redone'}: ${algs.kex}, host key ${algs.hostKey}, ` +
        `cipher ${algs.encryptionCtoS}/${algs.encryptionStoC}, MAC ${algs.macCtoS ?? 'implicit'}/${algs.macStoC ?? 'implicit'}`,
    );
    this.scheduleRekey();
    this.checkRekey();
    this.flushQueue();
    if (first) this.resolveReady();
  }

  /** Send queued output in order until a key exchange holds it again. */
  private flushQueue(): void {
    while (
      this.queued.length > 0 &&
      !this.closed &&
      !this.handshake.firstKex &&
      !this.handshake.holdingOutput
    ) {
      if (this.rekeyDue()) {
        // Start the due exchange, or wait for the running one to finish (afterKex flushes again).
        this.checkRekey();
        return;
      }
      const p = this.queued.shift() as Uint8Array;
      this.queuedBytes -= p.length;
      this.writePacket(p);
    }
    if (this.drainOwed && this.queuedBytes < MAX_QUEUED_BYTES / 2) {
      this.drainOwed = false;
      this.handlers.drain?.();
    }
  }

  private checkRekey(): void {
    if (this.handshake.firstKex || this.handshake.running || this.closed) return;
    if (this.rekeyDue()) this.handshake.start();
  }

  private scheduleRekey(): void {
    if (this.rekeyTimer) clearTimeout(this.rekeyTimer);
    const seconds = this.options.rekeySeconds ?? DEFAULT_REKEY_SECONDS;
    if (!seconds || this.closed || !this.authenticated) return;
    this.rekeyTimer = setTimeout(() => this.rekey(), seconds * 1000);
    const t = this.rekeyTimer as { unref?: () => void };
    t.unref?.();
  }

  private fail(err: unknown): void {
    if (this.closed) return;
    const error =
      err instanceof DisconnectError
        ? err
        : new ProtocolError(err instanceof Error ? err.message : String(err), undefined, { cause: err });
    // Tell the peer why, unless it told us (a received DISCONNECT) or the link is gone.
    if (!(error instanceof ConnectionLost) && !this.receivedDisconnect(err)) {
      try {
        this.writePacket(encodeDisconnect(error.code || DISC_PROTOCOL_ERROR, error.reason));
      } catch {
        // The stream may already be unusable.
      }
    }
    this.closeStream(error instanceof ConnectionLost);
    this.finish(error);
  }

  /** End the stream so a last DISCONNECT still goes out, then tear it down shortly after. */
  private closeStream(now: boolean): void {
    if (now) {
      this.stream.destroy();
      return;
    }
    this.stream.end();
    const t = setTimeout(() => this.stream.destroy(), 2000) as { unref?: () => void };
    t.unref?.();
  }

  private receivedDisconnect(err: unknown): boolean {
    return err instanceof DisconnectError && this.lastDisconnectIn === err;
  }

  private finish(error: Error | undefined): void {
    if (this.closed) return;
    this.closed = true;
    if (error) this.logger.debug1('Connection closed: %s', error.message);
    else this.logger.debug1('Connection closed');
    if (this.rekeyTimer) clearTimeout(this.rekeyTimer);
    const reason = error ?? new ConnectionLost('connection closed');
    this.rejectReady(reason);
    for (const w of this.serviceWaiters.splice(0)) w.reject(reason);
    this.queued.length = 0;
    this.resolveClosed(error);
    this.handlers.closed?.(error);
  }
}

/** `head` followed by `tail` in one new array. */
function joinParts(head: Uint8Array, tail: Uint8Array): Uint8Array {
  const out = new Uint8Array(head.length + tail.length);
  out.set(head);
  out.set(tail, head.length);
  return out;
}
