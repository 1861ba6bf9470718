/** @ssh/channels: Connection protocol: channels, sessions, processes, readers/writers, line editor. */
export { type ChannelOptions, type DataType, type SessionHandler, SSHChannel } from './channel.js';
export { type ChannelRequestHandler, ChannelRequests } from './channel-requests.js';
export { ChannelCodec, type ChannelData, DEFAULT_ENCODING, type ErrorsPolicy } from './encoding.js';
export * from './errors.js';
export { type GlobalRequestHandler, GlobalRequests } from './global-requests.js';
export { type KeyHandler, LineEditor, type LineEditorOptions } from './line-editor/editor.js';
export { SSHLineEditorChannel } from './line-editor/line-editor-channel.js';
export {
  type ChannelOpenHandler,
  type ChannelOpenRequest,
  type ConnectionTransport,
  SSHConnection,
  type SSHConnectionOptions,
} from './mux.js';
export {
  type RedirectOptions,
  SSHClientProcess,
  type WaitOptions,
} from './process/client-process.js';
export { ProcessError, type ProcessResult, SSHCompletedProcess, TimeoutError } from './process/completed.js';
export * from './process/redirect.js';
export { createProcess, openSession, type ProcessOptions, type RunOptions, run } from './process/run.js';
export { SSHServerProcess } from './process/server-process.js';
export * from './process/subprocess.js';
export * from './session/accept.js';
export { type ClientSessionOptions, createSession, SSHClientChannel } from './session/client-channel.js';
export type { EnvInput } from './session/environment.js';
export {
  type ExitSignal,
  type PtyRequest,
  SIGNAL_NUMBERS,
  signalName,
  type TermSize,
  type X11Request,
} from './session/requests.js';
export { type ServerChannelOptions, SSHServerChannel } from './session/server-channel.js';
export {
  type ClientSessionHandler,
  type ServerSessionHandler,
  SSHClientSession,
  SSHServerSession,
  SSHSession,
} from './session/session.js';
export { SSHReader } from './stream/reader.js';
export { SSHServerStreamSession } from './stream/server-stream-session.js';
export { type Separator, SSHStreamSession } from './stream/stream-session.js';
export { toReadableStream, toWritableStream, type WritableStreamOptions } from './stream/web-streams.js';
export { SSHWriter } from './stream/writer.js';
export * from './tcp/listener.js';
export * from './tcp/tcp-channel.js';
export { MAX_WINDOW, ReceiveWindow, SendWindow } from './window.js';
