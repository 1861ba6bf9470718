import { checkPeerValue, type DHEngine } from './dh-engine.js';
import type {
  DHGroup,
  GexKexMethod,
  KexClientState,
  KexHashName,
  KexServerResult,
  SimpleKexMethod,
} from './types.js';

function clientSide(name: string, engine: DHEngine, group: DHGroup): KexClientState {
  const pair = engine.generate(group);
  return {
    publicValue: pair.publicValue,
    finish(serverValue) {
      checkPeerValue(name, group, serverValue);
      return pair.agree(serverValue);
    },
  };
}

function serverSide(
  name: string,
  engine: DHEngine,
  group: DHGroup,
  clientValue: Uint8Array,
): KexServerResult {
  checkPeerValue(name, group, clientValue);
  const pair = engine.generate(group);
  return { publicValue: pair.publicValue, sharedSecret: pair.agree(clientValue) };
}

/**
 * A fixed-group Diffie-Hellman method (RFC 4253 §8, RFC 8268): e and f are
 * unsigned big-endian magnitudes (sent as mpints), K = f^x mod p as an mpint.
 */
export function dhMethod(name: string, hash: KexHashName, group: DHGroup, engine: DHEngine): SimpleKexMethod {
  return {
    name,
    hash,
    family: 'dh',
    secretEncoding: 'mpint',
    start: () => clientSide(name, engine, group),
    respond: (clientValue) => serverSide(name, engine, group, clientValue),
  };
}

/**
 * A Diffie-Hellman group exchange method (RFC 4419): like `dhMethod`, but the
 * group comes from SSH_MSG_KEX_DH_GEX_GROUP (see `chooseGexGroup` for the server side).
 */
export function gexMethod(name: string, hash: KexHashName, engine: DHEngine): GexKexMethod {
  return {
    name,
    hash,
    family: 'dh-gex',
    secretEncoding: 'mpint',
    start: (group) => clientSide(name, engine, group),
    respond: (clientValue, group) => serverSide(name, engine, group, clientValue),
  };
}
