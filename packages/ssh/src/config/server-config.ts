import { type ServerConfigOptions, toServerOptions } from '@ssh/config';
import { loadServerConfig } from '@ssh/config/node';
import type { ServerOptionFields } from '../options/server-options.js';

/** The sshd_config keywords `listen` honours, as its option names. */
function fromConfig(c: ServerConfigOptions): ServerOptionFields {
  const out: Record<string, unknown> = {
    host: c.host,
    port: c.port,
    family: c.family,
    serverHostKeys: c.serverHostKeys,
    encryptionAlgs: c.encryptionAlgs,
    kexAlgs: c.kexAlgs,
    macAlgs: c.macAlgs,
    compressionAlgs: c.compressionAlgs,
    keepaliveInterval: c.keepaliveInterval,
    keepaliveCountMax: c.keepaliveCountMax,
    loginTimeout: c.loginTimeout,
    allowPty: c.allowPty,
    rekeyBytes: c.rekeyBytes,
    rekeySeconds: c.rekeySeconds,
    tcpKeepalive: c.tcpKeepalive,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as ServerOptionFields;
}

/** The options an sshd_config sets (files named by `config`), to be layered under explicit options. */
export function loadServerConfigOptions(config: string | readonly string[]): ServerOptionFields {
  const files = typeof config === 'string' ? [config] : config;
  return fromConfig(toServerOptions(loadServerConfig({ config: files })));
}
