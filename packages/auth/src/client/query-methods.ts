import type { Transport } from '@ssh/transport';
import {
  MSG_USERAUTH_BANNER,
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_SUCCESS,
  ProtocolError,
  SERVICE_USERAUTH,
} from '@ssh/wire';
import { MessageQueue } from '../userauth/message-queue.js';
import { authRequest, decodeFailure } from '../userauth/messages.js';

/**
 * Ask the server which auth methods it offers `username`: a "none" request
 * (RFC 4252 §5.2) whose failure lists them. Resolves with [] when the server
 * lets the user in without authentication.
 */
export async function queryAuthMethods(transport: Transport, username: string): Promise<string[]> {
  const queue = new MessageQueue();
  transport.setMessageHandler((p) => queue.push(p));
  transport.closedPromise.then((e) => queue.fail(e));
  try {
    await transport.requestService(SERVICE_USERAUTH);
    transport.send(authRequest({ username, service: 'ssh-connection', method: 'none' }).toBytes());
    for (;;) {
      const reply = await queue.next();
      if (reply[0] === MSG_USERAUTH_BANNER) continue;
      if (reply[0] === MSG_USERAUTH_SUCCESS) return [];
      if (reply[0] === MSG_USERAUTH_FAILURE) return decodeFailure(reply).methods;
      throw new ProtocolError(`unexpected message ${reply[0]} in reply to a "none" auth request`);
    }
  } finally {
    transport.setMessageHandler(undefined);
  }
}
