import * as wire from '@ssh/wire';
import { describe, expect, it } from 'vitest';

describe('message numbers', () => {
  it('match RFC 4250 §4.1', () => {
    expect([wire.MSG_DISCONNECT, wire.MSG_IGNORE, wire.MSG_UNIMPLEMENTED, wire.MSG_DEBUG]).toEqual([
      1, 2, 3, 4,
    ]);
    expect([
      wire.MSG_SERVICE_REQUEST,
      wire.MSG_SERVICE_ACCEPT,
      wire.MSG_EXT_INFO,
      wire.MSG_NEWCOMPRESS,
    ]).toEqual([5, 6, 7, 8]);
    expect([wire.MSG_KEXINIT, wire.MSG_NEWKEYS]).toEqual([20, 21]);
    expect([
      wire.MSG_KEXDH_INIT,
      wire.MSG_KEXDH_REPLY,
      wire.MSG_KEX_ECDH_INIT,
      wire.MSG_KEX_ECDH_REPLY,
    ]).toEqual([30, 31, 30, 31]);
    expect([
      wire.MSG_KEX_DH_GEX_REQUEST_OLD,
      wire.MSG_KEX_DH_GEX_GROUP,
      wire.MSG_KEX_DH_GEX_INIT,
      wire.MSG_KEX_DH_GEX_REPLY,
      wire.MSG_KEX_DH_GEX_REQUEST,
    ]).toEqual([30, 31, 32, 33, 34]);
    expect([wire.MSG_KEXRSA_PUBKEY, wire.MSG_KEXRSA_SECRET, wire.MSG_KEXRSA_DONE]).toEqual([30, 31, 32]);
    expect([
      wire.MSG_KEXGSS_INIT,
      wire.MSG_KEXGSS_ERROR,
      wire.MSG_KEXGSS_GROUPREQ,
      wire.MSG_KEXGSS_GROUP,
    ]).toEqual([30, 34, 40, 41]);
    expect([wire.MSG_KEX_HYBRID_INIT, wire.MSG_KEX_HYBRID_REPLY]).toEqual([30, 31]);
    expect([
      wire.MSG_USERAUTH_REQUEST,
      wire.MSG_USERAUTH_FAILURE,
      wire.MSG_USERAUTH_SUCCESS,
      wire.MSG_USERAUTH_BANNER,
    ]).toEqual([50, 51, 52, 53]);
    expect([
      wire.MSG_USERAUTH_PK_OK,
      wire.MSG_USERAUTH_PASSWD_CHANGEREQ,
      wire.MSG_USERAUTH_INFO_REQUEST,
      wire.MSG_USERAUTH_INFO_RESPONSE,
    ]).toEqual([60, 60, 60, 61]);
    expect([wire.MSG_USERAUTH_GSSAPI_RESPONSE, wire.MSG_USERAUTH_GSSAPI_MIC]).toEqual([60, 66]);
    expect([wire.MSG_GLOBAL_REQUEST, wire.MSG_REQUEST_SUCCESS, wire.MSG_REQUEST_FAILURE]).toEqual([
      80, 81, 82,
    ]);
    expect([wire.MSG_CHANNEL_OPEN, wire.MSG_CHANNEL_DATA, wire.MSG_CHANNEL_FAILURE]).toEqual([90, 94, 100]);
  });

  it('every MSG_ constant of 1-100 has a name, the right one for its context', () => {
    const contexts = ['dh', 'gex', 'ecdh', 'hybrid', 'rsa', 'gss', 'publickey', 'password'];
    const more = ['keyboard-interactive', 'gssapi-with-mic'];
    for (const [key, value] of Object.entries(wire)) {
      if (!key.startsWith('MSG_') || typeof value !== 'number') continue;
      if (/_(FIRST|LAST)$/.test(key)) continue;
      const names = [...contexts, ...more].map((c) => wire.messageName(value, c));
      expect(names, key).toContain(key);
    }
  });

  it('messageName without or with a context', () => {
    expect(wire.messageName(20)).toBe('MSG_KEXINIT');
    expect(wire.messageName(31, 'gex')).toBe('MSG_KEX_DH_GEX_GROUP');
    expect(wire.messageName(31, 'diffie-hellman-group-exchange-sha256')).toBe('MSG_KEX_DH_GEX_GROUP');
    expect(wire.messageName(30, 'diffie-hellman-group14-sha256')).toBe('MSG_KEXDH_INIT');
    expect(wire.messageName(30, 'curve25519-sha256')).toBe('MSG_KEX_ECDH_INIT');
    expect(wire.messageName(31, 'mlkem768x25519-sha256')).toBe('MSG_KEX_HYBRID_REPLY');
    expect(wire.messageName(32, 'rsa2048-sha256')).toBe('MSG_KEXRSA_DONE');
    expect(wire.messageName(60, 'password')).toBe('MSG_USERAUTH_PASSWD_CHANGEREQ');
    expect(wire.messageName(61, 'keyboard-interactive')).toBe('MSG_USERAUTH_INFO_RESPONSE');
    expect(wire.messageName(30)).toBe('MSG_KEX_METHOD_SPECIFIC(30)');
    expect(wire.messageName(62, 'gssapi-with-mic')).toBe('MSG_USERAUTH_METHOD_SPECIFIC(62)');
    expect(wire.messageName(60, 'constructor')).toBe('MSG_USERAUTH_METHOD_SPECIFIC(60)');
    expect(wire.messageName(250)).toBe('MSG_UNKNOWN(250)');
  });
});

describe('protocol constants', () => {
  it('channel open failure codes (RFC 4254 §5.1 and AsyncSSH)', () => {
    expect([
      wire.OPEN_ADMINISTRATIVELY_PROHIBITED,
      wire.OPEN_CONNECT_FAILED,
      wire.OPEN_UNKNOWN_CHANNEL_TYPE,
      wire.OPEN_RESOURCE_SHORTAGE,
    ]).toEqual([1, 2, 3, 4]);
    expect(wire.OPEN_REQUEST_X11_FORWARDING_FAILED).toBe(0xfffffffd);
    expect(wire.OPEN_REQUEST_PTY_FAILED).toBe(0xfffffffe);
    expect(wire.OPEN_REQUEST_SESSION_FAILED).toBe(0xffffffff);
  });

  it('extended data, services and defaults', () => {
    expect(wire.EXTENDED_DATA_STDERR).toBe(1);
    expect(wire.SERVICE_USERAUTH).toBe('ssh-userauth');
    expect(wire.SERVICE_CONNECTION).toBe('ssh-connection');
    expect(wire.DEFAULT_WINDOW).toBe(2097152);
    expect(wire.DEFAULT_MAX_PKTSIZE).toBe(32768);
    expect(wire.DEFAULT_LANG).toBe('en-US');
  });

  it('the 56 terminal mode opcodes of RFC 4254 §8 (IUTF8 of RFC 8160 besides)', () => {
    const pty = Object.entries(wire).filter(
      ([k, v]) =>
        k.startsWith('PTY_') &&
        typeof v === 'number' &&
        !['PTY_VWERASE', 'PTY_IUTF8', 'PTY_OP_RESERVED'].includes(k),
    );
    expect(pty).toHaveLength(56);
    const values = pty.map(([, v]) => v as number).sort((a, b) => a - b);
    const ranges = [
      [0, 0],
      [1, 18],
      [30, 41],
      [50, 62],
      [70, 75],
      [90, 93],
      [128, 129],
    ];
    const expected = ranges.flatMap(([a, b]) =>
      Array.from({ length: (b as number) - (a as number) + 1 }, (_, i) => (a as number) + i),
    );
    expect(values).toEqual(expected);
  });

  it('disconnect codes map to their error classes', () => {
    expect(wire.disconnectErrorFromCode(wire.DISC_MAC_ERROR, 'bad mac')).toBeInstanceOf(wire.MACError);
    const e = wire.disconnectErrorFromCode(wire.DISC_PROTOCOL_VERSION_NOT_SUPPORTED, 'old');
    expect(e).toBeInstanceOf(wire.ProtocolNotSupported);
    expect(e.code).toBe(8);
    expect(new wire.ProtocolNotSupported('x').code).toBe(wire.DISC_PROTOCOL_ERROR);
    expect(wire.disconnectErrorFromCode(99, 'odd').constructor).toBe(wire.DisconnectError);
  });
});
