import type { SSHServerChannel } from '../session/server-channel.js';
import type { KeyHandler, LineEditor } from './editor.js';

/**
 * The line editing controls of a server channel with a PTY (AsyncSSH's
 * SSHLineEditorChannel): key bindings, line mode and echo. Reach it as
 * `channel.lineEditor` (or `process.channel.lineEditor`); null when the
 * session has no PTY, no text encoding, or `lineEditor: false`.
 */
export class SSHLineEditorChannel {
  /** The channel being edited. */
  readonly channel: SSHServerChannel;
  private readonly editor: LineEditor;

  constructor(channel: SSHServerChannel, editor: LineEditor) {
    this.channel = channel;
    this.editor = editor;
  }

  /** Bind a key sequence to a handler (see KeyHandler). */
  registerKey(key: string, handler: KeyHandler): void {
    this.editor.registerKey(key, handler);
  }

  /** Remove a key binding. */
  unregisterKey(key: string): void {
    this.editor.unregisterKey(key);
  }

  /** Switch between line-at-a-time editing and raw input. */
  setLineMode(lineMode: boolean): void {
    this.editor.setLineMode(lineMode);
  }

  /** Turn input echo on or off. */
  setEcho(echo: boolean): void {
    this.editor.setEcho(echo);
  }
}
