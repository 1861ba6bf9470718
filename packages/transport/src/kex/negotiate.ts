import { KeyExchangeFailed } from '@ssh/wire';
import type { KexInit } from './kexinit.js';

/** Markers sent in the kex list that are not key exchange methods. */
export const EXT_INFO_C = 'ext-info-c'; // RFC 8308 §2.1
export const EXT_INFO_S = 'ext-info-s'; // RFC 8308 §2.1
export const KEX_STRICT_C = 'kex-strict-c-v00@openssh.com'; // OpenSSH PROTOCOL §1.10
export const KEX_STRICT_S = 'kex-strict-s-v00@openssh.com'; // OpenSSH PROTOCOL §1.10

const MARKERS = new Set([EXT_INFO_C, EXT_INFO_S, KEX_STRICT_C, KEX_STRICT_S]);

/** True for kex-list entries that signal an extension instead of naming a method. */
export function isKexMarker(name: string): boolean {
  return MARKERS.has(name);
}

/** The algorithms both sides agreed on for one key exchange. */
export interface NegotiatedAlgorithms {
  readonly kex: string;
  readonly hostKey: string;
  readonly encryptionCtoS: string;
  readonly encryptionStoC: string;
  /** The MAC per direction; undefined when the cipher there is AEAD (its tag is the MAC). */
  readonly macCtoS: string | undefined;
  readonly macStoC: string | undefined;
  readonly compressionCtoS: string;
  readonly compressionStoC: string;
  /** A guessed first kex packet from the peer must be ignored (RFC 4253 §7). */
  readonly ignoreGuessedPacket: boolean;
  /** Both sides offered strict kex (meaningful in the first kex only). */
  readonly strictKex: boolean;
  /** The client asked for SSH_MSG_EXT_INFO (server side) / the server did (client side). */
  readonly peerWantsExtInfo: boolean;
}

/** What negotiation needs to know about algorithms beyond their names. */
export interface NegotiationHints {
  /** Whether a cipher carries its own integrity tag, making the MAC unused. */
  isAead(cipher: string): boolean;
}

function choose(kind: string, client: readonly string[], server: readonly string[]): string {
  for (const name of client) {
    if (!isKexMarker(name) && server.includes(name)) return name;
  }
  throw new KeyExchangeFailed(
    `no matching ${kind} algorithm: client offered ${client.join(',') || '(none)'}; server offered ${server.join(',') || '(none)'}`,
  );
}

/**
 * Choose the algorithms of a key exchange from the client's and the server's
 * KEXINIT (RFC 4253 §7.1): for each kind, the first of the client's names the
 * server also lists. No common algorithm is a `KeyExchangeFailed` naming the kind.
 */
export function negotiate(
  client: KexInit,
  server: KexInit,
  weAreServer: boolean,
  hints: NegotiationHints,
): NegotiatedAlgorithms {
  const kex = choose('key exchange', client.kexAlgs, server.kexAlgs);
  const hostKey = choose('host key', client.hostKeyAlgs, server.hostKeyAlgs);
  const encryptionCtoS = choose(
    'encryption (client to server)',
    client.encryptionCtoS,
    server.encryptionCtoS,
  );
  const encryptionStoC = choose(
    'encryption (server to client)',
    client.encryptionStoC,
    server.encryptionStoC,
  );
  const macCtoS = hints.isAead(encryptionCtoS)
    ? undefined
    : choose('MAC (client to server)', client.macCtoS, server.macCtoS);
  const macStoC = hints.isAead(encryptionStoC)
    ? undefined
    : choose('MAC (server to client)', client.macStoC, server.macStoC);
  const compressionCtoS = choose(
    'compression (client to server)',
    client.compressionCtoS,
    server.compressionCtoS,
  );
  const compressionStoC = choose(
    'compression (server to client)',
    client.compressionStoC,
    server.compressionStoC,
  );
  const peer = weAreServer ? client : server;
  // RFC 4253 §7: a guess is right only if both sides' first kex and host key algorithms agree.
  const firstKex = (l: readonly string[]) => l.find((n) => !isKexMarker(n));
  const guessRight =
    firstKex(client.kexAlgs) === firstKex(server.kexAlgs) && client.hostKeyAlgs[0] === server.hostKeyAlgs[0];
  return {
    kex,
    hostKey,
    encryptionCtoS,
    encryptionStoC,
    macCtoS,
    macStoC,
    compressionCtoS,
    compressionStoC,
    ignoreGuessedPacket: peer.firstKexPacketFollows && !guessRight,
    strictKex: client.kexAlgs.includes(KEX_STRICT_C) && server.kexAlgs.includes(KEX_STRICT_S),
    peerWantsExtInfo: weAreServer ? client.kexAlgs.includes(EXT_INFO_C) : server.kexAlgs.includes(EXT_INFO_S),
  };
}
