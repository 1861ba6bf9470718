/** @ssh/channels: Connection protocol: channels, sessions, processes, readers/writers, line editor. */
export {};
