/** @ssh/wire: RFC 4251 data types, packet reader/writer, protocol constants and error classes. */
export * from './constants/disconnect.js';
export * from './encode.js';
export * from './errors.js';
export { checkName } from './names.js';
export { PacketReader, SSHPacket } from './reader.js';
export { mpintBytes, PacketWriter } from './writer.js';
