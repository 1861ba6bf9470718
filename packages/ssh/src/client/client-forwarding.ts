import type { ChannelOptions } from '@ssh/channels';
import {
  type ForwardListener,
  forwardLocalPath,
  forwardLocalPathToPort,
  forwardLocalPort,
  forwardLocalPortToPath,
  forwardRemotePath,
  forwardRemotePathToPort,
  forwardRemotePort,
  forwardRemotePortToPath,
  forwardSocks,
  type LocalForwardOptions,
} from '@ssh/forward';
import { SSHConnectionBase } from '../connection-base.js';

/**
 * The port forwarding methods of a client connection (AsyncSSH's
 * forward_local_port and friends), over `@ssh/forward`.
 */
export abstract class SSHClientForwarding extends SSHConnectionBase {
  /** Listen on local listenHost:listenPort (0 picks a port) and tunnel each connection to destHost:destPort. */
  forwardLocalPort(
    listenHost: string,
    listenPort: number,
    destHost: string,
    destPort: number,
    options?: LocalForwardOptions,
  ): Promise<ForwardListener> {
    return forwardLocalPort(this.connection, listenHost, listenPort, destHost, destPort, options);
  }

  /** Listen on a local UNIX socket path and tunnel each connection to a remote path. */
  forwardLocalPath(listenPath: string, destPath: string, options?: ChannelOptions): Promise<ForwardListener> {
    return forwardLocalPath(this.connection, listenPath, destPath, options);
  }

  /** Listen on local listenHost:listenPort and tunnel each connection to a remote UNIX socket path. */
  forwardLocalPortToPath(
    listenHost: string,
    listenPort: number,
    destPath: string,
    options?: LocalForwardOptions,
  ): Promise<ForwardListener> {
    return forwardLocalPortToPath(this.connection, listenHost, listenPort, destPath, options);
  }

  /** Listen on a local UNIX socket path and tunnel each connection to remote destHost:destPort. */
  forwardLocalPathToPort(
    listenPath: string,
    destHost: string,
    destPort: number,
    options?: ChannelOptions,
  ): Promise<ForwardListener> {
    return forwardLocalPathToPort(this.connection, listenPath, destHost, destPort, options);
  }

  /** Ask the server to listen on listenHost:listenPort and deliver each connection to local destHost:destPort. */
  forwardRemotePort(
    listenHost: string,
    listenPort: number,
    destHost: string,
    destPort: number,
    options?: ChannelOptions,
  ): Promise<ForwardListener> {
    return forwardRemotePort(this.connection, listenHost, listenPort, destHost, destPort, options);
  }

  /** Ask the server to listen on a UNIX socket path and deliver each connection to a local path. */
  forwardRemotePath(
    listenPath: string,
    destPath: string,
    options?: ChannelOptions,
  ): Promise<ForwardListener> {
    return forwardRemotePath(this.connection, listenPath, destPath, options);
  }

  /** Ask the server to listen on listenHost:listenPort and deliver each connection to a local UNIX path. */
  forwardRemotePortToPath(
    listenHost: string,
    listenPort: number,
    destPath: string,
    options?: ChannelOptions,
  ): Promise<ForwardListener> {
    return forwardRemotePortToPath(this.connection, listenHost, listenPort, destPath, options);
  }

  /** Ask the server to listen on a UNIX socket path and deliver each connection to local destHost:destPort. */
  forwardRemotePathToPort(
    listenPath: string,
    destHost: string,
    destPort: number,
    options?: ChannelOptions,
  ): Promise<ForwardListener> {
    return forwardRemotePathToPort(this.connection, listenPath, destHost, destPort, options);
  }

  /** A local SOCKS 4/4a/5 listener on listenHost:listenPort whose CONNECT requests go through the server. */
  forwardSocks(listenHost: string, listenPort: number, options?: ChannelOptions): Promise<ForwardListener> {
    return forwardSocks(this.connection, listenHost, listenPort, options);
  }
}
