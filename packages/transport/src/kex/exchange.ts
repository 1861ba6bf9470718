import type { DHGroup, GexHashParams, KexMethod, SSHCertificate, SSHKey } from '@ssh/crypto';

/** What both sides know when the method-specific messages start. */
export interface KexContext {
  readonly method: KexMethod;
  /** The negotiated host key (signature) algorithm. */
  readonly hostKeyAlgorithm: string;
  /** V_C and V_S without CR LF. */
  readonly clientVersion: string;
  readonly serverVersion: string;
  /** I_C and I_S: the KEXINIT payloads. */
  readonly clientKexInit: Uint8Array;
  readonly serverKexInit: Uint8Array;
  /** Queue a payload for sending. */
  send(payload: Uint8Array): void;
}

/** The outcome of the method-specific messages. */
export interface KexOutcome {
  /** The exchange hash H. */
  readonly exchangeHash: Uint8Array;
  /** The shared secret K, in the method's encoding. */
  readonly sharedSecret: Uint8Array;
  /** The server's host key (K_S). */
  readonly hostKey: SSHKey;
  /** The server's K_S blob: the host key's, or its certificate's. */
  readonly hostKeyBlob: Uint8Array;
}

/** Client-only inputs. */
export interface ClientKexInputs {
  /** Decide whether to trust the server's host key or host certificate; throw HostKeyNotVerifiable (or return false) to refuse. */
  verifyHostKey(key: SSHKey | SSHCertificate, algorithm: string): boolean | Promise<boolean>;
  /** Group sizes asked for in DH group exchange (RFC 4419 §3). */
  readonly gexBits: { readonly min: number; readonly n: number; readonly max: number };
}

/** Server-only inputs. */
export interface ServerKexInputs {
  /** The host key that signs H. */
  readonly hostKey: SSHKey;
  /** What is sent as K_S: the host key's blob, or its certificate's. */
  readonly hostKeyBlob: Uint8Array;
  /** The signature algorithm (the negotiated one, without a certificate suffix). */
  readonly signAlgorithm: string;
  /** Pick a group for a DH group exchange request. */
  chooseGroup(min: number, n: number, max: number): DHGroup;
}

/** One side's run of the method-specific kex messages. */
export interface KexExchange {
  /** Send the side's first message, if it speaks first. */
  start(): void;
  /** Handle a kex message (30..49); resolves with the outcome after the last one. */
  handle(payload: Uint8Array): Promise<KexOutcome | undefined> | KexOutcome | undefined;
}

/** Group-exchange parameters for the exchange hash, once known. */
export type GexState = GexHashParams | undefined;
