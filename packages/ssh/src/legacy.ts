import type { SSHClientConnection } from './client/client-connection.js';
import { connect } from './client/connect.js';
import type { SSHClient } from './client/ssh-client.js';
import type { ClientOptionFields } from './options/client-options.js';
import type { ServerOptionFields } from './options/server-options.js';
import type { SSHAcceptor } from './server/acceptor.js';
import { listen } from './server/listen.js';
import type { SSHServer } from './server/ssh-server.js';

/**
 * AsyncSSH's older `create_connection`: connect with `clientFactory` first,
 * resolving to the connection and the client object the factory made.
 */
export async function createConnection<C extends SSHClient>(
  clientFactory: () => C,
  host: string,
  port?: number,
  options: ClientOptionFields = {},
): Promise<[SSHClientConnection, C]> {
  let client: C | undefined;
  const conn = await connect(host, {
    ...options,
    ...(port !== undefined ? { port } : {}),
    clientFactory: () => {
      client = clientFactory();
      return client;
    },
  });
  if (!client) throw new TypeError('createConnection: the client factory was not called');
  return [conn, client];
}

/** AsyncSSH's older `create_server`: listen with `serverFactory` first. */
export function createServer(
  serverFactory: () => SSHServer | Partial<SSHServer>,
  host?: string,
  port?: number,
  options: ServerOptionFields = {},
): Promise<SSHAcceptor<ServerOptionFields>> {
  return listen({
    ...options,
    ...(host !== undefined ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
    serverFactory,
  });
}
