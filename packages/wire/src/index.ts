/** @ssh/wire: RFC 4251 data types, packet reader/writer, message numbers, protocol constants, logging. */
export * from './constants/channel-open.js';
export * from './constants/defaults.js';
export * from './constants/disconnect.js';
export * from './constants/extended-data.js';
export * from './constants/services.js';
export * from './constants/terminal-modes.js';
export * from './encode.js';
export * from './errors.js';
export * from './logging/format.js';
export { checkLevel, type LogLevel, LogLevels, levelName } from './logging/levels.js';
export * from './logging/logger.js';
export * from './logging/ssh-logger.js';
export * from './message-names.js';
export * from './messages.js';
export { checkName } from './names.js';
export { parseByteCount, parseTimeInterval } from './parse-units.js';
export { PacketReader, SSHPacket } from './reader.js';
export { mpintBytes, PacketWriter } from './writer.js';
