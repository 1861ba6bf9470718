import { createConnection, type Socket } from 'node:net';
import { SSHAgentClient } from '../agent/client.js';
import type { AgentStream, AgentStreamSink } from '../agent/stream.js';
import { AgentConnectionError } from '../errors.js';

/** Adapt a connected Node socket to the AgentStream the client talks over. */
export function socketAgentStream(socket: Socket): AgentStream {
  return {
    attach(sink: AgentStreamSink) {
      socket.on('data', (d: Buffer) => sink.data(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
      socket.on('drain', () => sink.drain());
      socket.on('end', () => sink.end());
      socket.on('error', (e) => sink.close(e));
      socket.on('close', () => sink.close());
    },
    write: (data) => socket.write(data),
    end: () => socket.end(),
    destroy: (error) => socket.destroy(error),
  };
}

/**
 * Connect to an ssh-agent over its UNIX socket (AsyncSSH connect_agent):
 * `agentPath`, or `SSH_AUTH_SOCK` when it is empty or not given. Throws
 * AgentConnectionError (with the system `code`, e.g. ENOENT) when no path is
 * known or the socket cannot be opened.
 */
export function connectAgent(agentPath = ''): Promise<SSHAgentClient> {
  const path = agentPath || process.env.SSH_AUTH_SOCK || '';
  if (!path) {
    return Promise.reject(new AgentConnectionError('no ssh-agent path given and SSH_AUTH_SOCK is not set'));
  }
  return new Promise((resolve, reject) => {
    let socket: Socket;
    try {
      socket = createConnection(path);
    } catch (e) {
      reject(
        new AgentConnectionError(
          `cannot connect to ssh-agent at ${path}: ${(e as Error).message}`,
          undefined,
          { cause: e },
        ),
      );
      return;
    }
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        new AgentConnectionError(`cannot connect to ssh-agent at ${path}: ${e.message}`, e.code, {
          cause: e,
        }),
      );
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(new SSHAgentClient(socketAgentStream(socket)));
    });
  });
}
