import { PacketReader, PacketWriter } from '@ssh/wire';
import { AgentFailure, AgentProtocolError } from '../errors.js';
import * as C from './constants.js';

/** One identity as the agent lists it: the public key (or certificate) blob and its comment. */
export interface AgentIdentity {
  readonly blob: Uint8Array;
  readonly comment: Uint8Array;
}

/** Constraints on a key added to the agent. */
export interface AgentConstraints {
  /** Seconds after which the agent deletes the key (null or undefined: never). */
  readonly lifetime?: number | null;
  /** Ask the user to confirm every use of the key. */
  readonly confirm?: boolean;
}

function message(type: number, build?: (w: PacketWriter) => void): Uint8Array {
  const w = new PacketWriter(64);
  w.writeByte(type);
  build?.(w);
  return w.toBytes().slice();
}

function hasConstraints(c: AgentConstraints): boolean {
  return c.lifetime != null || c.confirm === true;
}

function writeConstraints(w: PacketWriter, c: AgentConstraints): void {
  if (c.lifetime != null) {
    if (!Number.isInteger(c.lifetime) || c.lifetime < 0 || c.lifetime > 0xffffffff) {
      throw new RangeError(`agent key lifetime must be 0..4294967295 seconds, got ${c.lifetime}`);
    }
    w.writeByte(C.SSH_AGENT_CONSTRAIN_LIFETIME).writeUint32(c.lifetime);
  }
  if (c.confirm) w.writeByte(C.SSH_AGENT_CONSTRAIN_CONFIRM);
}

/** SSH_AGENTC_REQUEST_IDENTITIES. */
export const encodeRequestIdentities = (): Uint8Array => message(C.SSH_AGENTC_REQUEST_IDENTITIES);

/** SSH_AGENTC_SIGN_REQUEST over `data` with the key `blob` and flags (SSH_AGENT_RSA_SHA2_*). */
export const encodeSignRequest = (blob: Uint8Array, data: Uint8Array, flags: number): Uint8Array =>
  message(C.SSH_AGENTC_SIGN_REQUEST, (w) => w.writeString(blob).writeString(data).writeUint32(flags));

/**
 * SSH_AGENTC_ADD_IDENTITY, or SSH_AGENTC_ADD_ID_CONSTRAINED when there are
 * constraints. `privateFields` is string key type followed by its private fields.
 */
export function encodeAddIdentity(
  privateFields: Uint8Array,
  comment: Uint8Array,
  constraints: AgentConstraints = {},
): Uint8Array {
  const constrained = hasConstraints(constraints);
  return message(constrained ? C.SSH_AGENTC_ADD_ID_CONSTRAINED : C.SSH_AGENTC_ADD_IDENTITY, (w) => {
    w.writeBytes(privateFields).writeString(comment);
    if (constrained) writeConstraints(w, constraints);
  });
}

/** SSH_AGENTC_REMOVE_IDENTITY of the key `blob`. */
export const encodeRemoveIdentity = (blob: Uint8Array): Uint8Array =>
  message(C.SSH_AGENTC_REMOVE_IDENTITY, (w) => w.writeString(blob));

/** SSH_AGENTC_REMOVE_ALL_IDENTITIES. */
export const encodeRemoveAll = (): Uint8Array => message(C.SSH_AGENTC_REMOVE_ALL_IDENTITIES);

/** SSH_AGENTC_LOCK or SSH_AGENTC_UNLOCK with a passphrase. */
export const encodeLock = (lock: boolean, passphrase: string | Uint8Array): Uint8Array =>
  message(lock ? C.SSH_AGENTC_LOCK : C.SSH_AGENTC_UNLOCK, (w) => w.writeString(passphrase));

/** SSH_AGENTC_ADD_SMARTCARD_KEY (or its constrained form) for a PKCS#11 provider. */
export function encodeAddSmartcardKey(
  provider: string,
  pin: string,
  constraints: AgentConstraints = {},
): Uint8Array {
  const constrained = hasConstraints(constraints);
  return message(
    constrained ? C.SSH_AGENTC_ADD_SMARTCARD_KEY_CONSTRAINED : C.SSH_AGENTC_ADD_SMARTCARD_KEY,
    (w) => {
      w.writeString(provider).writeString(pin);
      if (constrained) writeConstraints(w, constraints);
    },
  );
}

/** SSH_AGENTC_REMOVE_SMARTCARD_KEY for a PKCS#11 provider. */
export const encodeRemoveSmartcardKey = (provider: string, pin: string): Uint8Array =>
  message(C.SSH_AGENTC_REMOVE_SMARTCARD_KEY, (w) => w.writeString(provider).writeString(pin));

/** SSH_AGENTC_EXTENSION: the extension name, then its contents as they are (OpenSSH's form). */
export const encodeExtension = (name: string, contents: Uint8Array = new Uint8Array(0)): Uint8Array =>
  message(C.SSH_AGENTC_EXTENSION, (w) => w.writeString(name).writeBytes(contents));

/** Whether a reply type is one of the failure codes. */
export function isFailure(type: number): boolean {
  return (
    type === C.SSH_AGENT_FAILURE ||
    type === C.SSH2_AGENT_FAILURE ||
    type === C.SSH_COM_AGENT2_FAILURE ||
    type === C.SSH_AGENT_EXTENSION_FAILURE
  );
}

/** Read a reply's type; throw AgentFailure for failure codes and AgentProtocolError for other types. */
function expectType(reply: Uint8Array, request: string, ...wanted: number[]): PacketReader {
  const r = new PacketReader(reply);
  const type = reply.length === 0 ? -1 : r.readByte('message type');
  if (isFailure(type)) throw new AgentFailure(request);
  if (!wanted.includes(type)) {
    throw new AgentProtocolError(
      `ssh-agent answered ${request} with message type ${type}, expected ${wanted.join(' or ')}`,
    );
  }
  return r;
}

function guard<T>(request: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AgentFailure || e instanceof AgentProtocolError) throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new AgentProtocolError(`malformed ssh-agent reply to ${request}: ${why}`, { cause: e });
  }
}

/** Decode SSH_AGENT_IDENTITIES_ANSWER. */
export function decodeIdentitiesAnswer(reply: Uint8Array): AgentIdentity[] {
  return guard('request identities', () => {
    const r = expectType(reply, 'request identities', C.SSH_AGENT_IDENTITIES_ANSWER);
    const n = r.readUint32('identity count');
    if (n > r.remaining / 8)
      throw new AgentProtocolError(`ssh-agent claims ${n} identities in ${reply.length} bytes`);
    const out: AgentIdentity[] = [];
    for (let i = 0; i < n; i++) {
      out.push({ blob: r.readString('key blob').slice(), comment: r.readString('comment').slice() });
    }
    r.expectEnd('identities answer');
    return out;
  });
}

/** Decode SSH_AGENT_SIGN_RESPONSE: the signature blob. */
export function decodeSignResponse(reply: Uint8Array): Uint8Array {
  return guard('sign', () => {
    const r = expectType(reply, 'sign', C.SSH_AGENT_SIGN_RESPONSE);
    const sig = r.readString('signature').slice();
    r.expectEnd('sign response');
    return sig;
  });
}

/** Check a reply is SSH_AGENT_SUCCESS (extra bytes are allowed, as some agents send them). */
export function expectSuccess(reply: Uint8Array, request: string): void {
  guard(request, () => expectType(reply, request, C.SSH_AGENT_SUCCESS));
}

/**
 * Decode the reply to the "query" extension: the names of the extensions
 * the agent supports (SUCCESS or EXTENSION_RESPONSE, optionally repeating
 * the string "query", then one string per name).
 */
export function decodeQueryReply(reply: Uint8Array): string[] {
  return guard('extension query', () => {
    const r = expectType(reply, 'extension query', C.SSH_AGENT_SUCCESS, C.SSH_AGENT_EXTENSION_RESPONSE);
    const names: string[] = [];
    while (!r.atEnd)
      names.push(new TextDecoder('utf-8', { fatal: true }).decode(r.readString('extension name')));
    if (names[0] === 'query') names.shift();
    return names;
  });
}
