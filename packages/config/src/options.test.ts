import { describe, expect, it } from 'vitest';
import { toClientOptions } from './client-options.js';
import { resolveClientConfig } from './client-resolve.js';
import { memoryHost } from './host.js';
import { expandAuthorizedKeysFiles, toServerOptions } from './server-options.js';
import { resolveServerConfig } from './server-resolve.js';

const CLIENT = `
Host web
  HostName web.example.com
  Port 2222
  User deploy
  AddressFamily inet6
  BindAddress 192.0.2.5
  IdentityFile ~/.ssh/id_%h
  IdentityFile \${KEYS}/%r
  CertificateFile %d/cert-%u.pub
  IdentityAgent none
  ProxyJump bastion
  ProxyCommand nc %h %p
  Ciphers +aes128-cbc
  Compression yes
  ConnectTimeout 1m
  ServerAliveInterval 30
  ServerAliveCountMax 4
  RekeyLimit 1G 1h
  RequestTTY force
  RemoteCommand echo %r@%h
  SendEnv LANG LC_*
  SetEnv A=1 B="x y" A=2
  UserKnownHostsFile ~/.ssh/kh_%h
  GlobalKnownHostsFile /etc/ssh/kh
  ForwardAgent yes
  ForwardX11Trusted yes
  ChallengeResponseAuthentication no
  PubkeyAuthentication unbound
  CanonicalizeHostname always
  CanonicalizePermittedCNAMEs *.a.example:*.b.example,*.c.example
  TCPKeepAlive no
  IdentitiesOnly yes
`;

describe('toClientOptions', () => {
  it('maps every set keyword to its AsyncSSH option', () => {
    const host = memoryHost({ '/cfg': CLIENT }, { env: { KEYS: '/keys' } });
    const config = resolveClientConfig(host, { host: 'web', files: [{ path: '/cfg' }] });
    expect(toClientOptions(config, host)).toEqual({
      host: 'web.example.com',
      port: 2222,
      username: 'deploy',
      family: 6,
      localAddr: ['192.0.2.5', 0],
      canonicalizeHostname: 'always',
      canonicalizePermittedCnames: [[['*.a.example'], ['*.b.example', '*.c.example']]],
      clientCerts: ['/home/user/cert-user.pub'],
      kbdintAuth: false,
      encryptionAlgs: '+aes128-cbc',
      compressionAlgs: 'zlib@openssh.com,zlib,none',
      connectTimeout: 60,
      agentForwarding: true,
      x11Forwarding: 'ignore_failure',
      knownHosts: ['/home/user/.ssh/kh_web.example.com', '/etc/ssh/kh'],
      identitiesOnly: true,
      agentPath: null,
      clientKeys: ['/home/user/.ssh/id_web.example.com', '/keys/deploy'],
      tunnel: 'bastion',
      publicKeyAuth: true,
      rekeyBytes: 1073741824,
      rekeySeconds: 3600,
      command: 'echo deploy@web.example.com',
      requestPty: 'force',
      sendEnv: ['LANG', 'LC_*'],
      keepaliveCountMax: 4,
      keepaliveInterval: 30,
      env: { A: '1', B: 'x y' },
      tcpKeepalive: false,
    });
  });

  it('maps "none" and negative values', () => {
    const text =
      'ProxyCommand none\nCompression no\nForwardAgent no\nForwardX11Trusted no\nRekeyLimit default\n';
    const host = memoryHost({ '/cfg': text });
    const options = toClientOptions(
      resolveClientConfig(host, { host: 'h', files: [{ path: '/cfg' }] }),
      host,
    );
    expect(options).toMatchObject({
      proxyCommand: null,
      compressionAlgs: 'none',
      agentForwarding: false,
      x11Forwarding: false,
    });
    expect(options.rekeyBytes).toBeUndefined();
  });

  it('expands ProxyCommand tokens and keeps ProxyJump and ProxyCommand exclusive', () => {
    const host = memoryHost({
      '/a': 'Port 2200\nUser u\nProxyCommand nc %h %p %r %%\nProxyJump j\n',
      '/b': 'ProxyJump none\n',
    });
    const a = toClientOptions(resolveClientConfig(host, { host: 'h', files: [{ path: '/a' }] }), host);
    expect([a.proxyCommand, a.tunnel]).toEqual(['nc h 2200 u %', undefined]);
    const b = toClientOptions(resolveClientConfig(host, { host: 'h', files: [{ path: '/b' }] }), host);
    expect(b.tunnel).toBeNull();
  });
});

describe('toServerOptions', () => {
  it('maps every set keyword to its AsyncSSH option', () => {
    const text = `Port 2200
AddressFamily inet
HostKey /etc/ssh/k1
HostKey /etc/ssh/k2
HostCertificate /etc/ssh/k1-cert.pub
AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/keys/%u
LoginGraceTime 30s
ClientAliveInterval 1m
ClientAliveCountMax 2
Compression delayed
UseDNS yes
PermitTTY no
AllowAgentForwarding no
KbdInteractiveAuthentication no
KexAlgorithms -diffie-hellman-group14-sha256
BindAddress 0.0.0.0
`;
    const host = memoryHost({ '/s': text });
    expect(toServerOptions(resolveServerConfig(host, { files: [{ path: '/s' }] }))).toEqual({
      port: 2200,
      family: 4,
      serverHostKeys: ['/etc/ssh/k1', '/etc/ssh/k2'],
      serverHostCerts: ['/etc/ssh/k1-cert.pub'],
      authorizedClientKeys: ['.ssh/authorized_keys', '/etc/ssh/keys/%u'],
      loginTimeout: 30,
      keepaliveInterval: 60,
      keepaliveCountMax: 2,
      compressionAlgs: 'zlib@openssh.com,zlib,none',
      rdnsLookup: true,
      allowPty: false,
      agentForwarding: false,
      kbdintAuth: false,
      kexAlgs: '-diffie-hellman-group14-sha256',
      host: '0.0.0.0',
    });
  });

  it('expands AuthorizedKeysFile per user', () => {
    const host = memoryHost({
      '/s': 'AuthorizedKeysFile .ssh/authorized_keys /etc/ssh/keys/%u %h/extra_%U %%\n',
    });
    const config = resolveServerConfig(host, { files: [{ path: '/s' }] });
    expect(expandAuthorizedKeysFiles(config, 'alice', '/home/alice', 1001)).toEqual([
      '/home/alice/.ssh/authorized_keys',
      '/etc/ssh/keys/alice',
      '/home/alice/extra_1001',
      '/home/alice/%',
    ]);
  });
});
