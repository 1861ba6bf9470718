/** The SFTP codec (v3 to v6 and OpenSSH extensions): neutral, bytes in and out. */
export * from './attrs.js';
export * from './constants.js';
export * from './errors.js';
export * from './extensions.js';
export * from './framer.js';
export * from './limits.js';
export * from './name.js';
export * from './requests.js';
export * from './responses.js';
export * from './version.js';
export * from './vfs-attrs.js';
