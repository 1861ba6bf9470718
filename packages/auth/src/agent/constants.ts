/** ssh-agent message numbers and constants (draft-miller-ssh-agent, OpenSSH PROTOCOL.agent). */

/** The agent refused or could not do a request. */
export const SSH_AGENT_FAILURE = 5;
/** The request succeeded. */
export const SSH_AGENT_SUCCESS = 6;
/** Failure codes of older agents, treated as SSH_AGENT_FAILURE (as OpenSSH does). */
export const SSH2_AGENT_FAILURE = 30;
/** ssh.com agent failure code, treated as SSH_AGENT_FAILURE. */
export const SSH_COM_AGENT2_FAILURE = 102;

/** Request: list the keys the agent holds. */
export const SSH_AGENTC_REQUEST_IDENTITIES = 11;
/** Reply: the list of keys (count, then blob and comment pairs). */
export const SSH_AGENT_IDENTITIES_ANSWER = 12;
/** Request: sign data with a key (blob, data, flags). */
export const SSH_AGENTC_SIGN_REQUEST = 13;
/** Reply: the signature blob. */
export const SSH_AGENT_SIGN_RESPONSE = 14;
/** Request: add a private key. */
export const SSH_AGENTC_ADD_IDENTITY = 17;
/** Request: remove the key with this public blob. */
export const SSH_AGENTC_REMOVE_IDENTITY = 18;
/** Request: remove every key. */
export const SSH_AGENTC_REMOVE_ALL_IDENTITIES = 19;
/** Request: load the keys of a PKCS#11 provider. */
export const SSH_AGENTC_ADD_SMARTCARD_KEY = 20;
/** Request: unload the keys of a PKCS#11 provider. */
export const SSH_AGENTC_REMOVE_SMARTCARD_KEY = 21;
/** Request: lock the agent with a passphrase. */
export const SSH_AGENTC_LOCK = 22;
/** Request: unlock the agent with the passphrase. */
export const SSH_AGENTC_UNLOCK = 23;
/** Request: add a private key with constraints (lifetime, confirm). */
export const SSH_AGENTC_ADD_ID_CONSTRAINED = 25;
/** Request: load PKCS#11 keys with constraints. */
export const SSH_AGENTC_ADD_SMARTCARD_KEY_CONSTRAINED = 26;
/** Request: a named extension (e.g. "query"). */
export const SSH_AGENTC_EXTENSION = 27;
/** Reply: the extension failed (treated as SSH_AGENT_FAILURE). */
export const SSH_AGENT_EXTENSION_FAILURE = 28;
/** Reply: an extension-specific answer. */
export const SSH_AGENT_EXTENSION_RESPONSE = 29;

/** Key constraint: delete the key after a number of seconds (uint32 follows). */
export const SSH_AGENT_CONSTRAIN_LIFETIME = 1;
/** Key constraint: ask the user before each use of the key. */
export const SSH_AGENT_CONSTRAIN_CONFIRM = 2;
/** Key constraint: a named extension constraint. */
export const SSH_AGENT_CONSTRAIN_EXTENSION = 255;

/** Sign request flag: make an rsa-sha2-256 signature with an ssh-rsa key. */
export const SSH_AGENT_RSA_SHA2_256 = 2;
/** Sign request flag: make an rsa-sha2-512 signature with an ssh-rsa key. */
export const SSH_AGENT_RSA_SHA2_512 = 4;

/** The largest agent message accepted (OpenSSH's limit, 256 KiB). */
export const AGENT_MAX_MESSAGE = 256 * 1024;
