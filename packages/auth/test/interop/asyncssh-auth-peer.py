"""AsyncSSH as the other end of @ssh/auth's hostbased and password-change tests.

Usage: python3 asyncssh-auth-peer.py CONFIG.json

CONFIG 'role' is 'server' or 'client'.
- server: listens on 127.0.0.1, prints "LISTENING <port>", then one "EVENT ..."
  line per auth callback and "AUTH <user>" when a user has logged in. Host-based
  auth checks 'knownClientHosts' (trust_client_host); passwords: 'password' is
  valid, 'expiredPassword' asks for a change, 'newPassword' is the only one the
  change accepts.
- client: connects, prints "EVENT ..." per password-change callback, then "OK"
  or "AUTHFAIL" (or "ERROR <text>").
Runs with AsyncSSH 2.10 (Debian 12) and 2.20 (Debian 13).
"""
import asyncio
import json
import sys
import warnings

warnings.simplefilter('ignore')
import asyncssh  # noqa: E402


def say(line):
    print(line, flush=True)


class Server(asyncssh.SSHServer):
    def __init__(self, cfg):
        self._cfg = cfg
        self._password = cfg.get('password')

    def begin_auth(self, username):
        return True

    def auth_completed(self):
        say('AUTH ok')

    def host_based_auth_supported(self):
        return 'knownClientHosts' in self._cfg

    def validate_host_based_user(self, username, client_host, client_username):
        say(f'EVENT hostbased-user {username} {client_host} {client_username}')
        return client_username == username

    def password_auth_supported(self):
        return self._password is not None or 'expiredPassword' in self._cfg

    def validate_password(self, username, password):
        if password == self._cfg.get('expiredPassword'):
            say('EVENT expired')
            raise asyncssh.PasswordChangeRequired('Your password has expired')
        return password == self._password

    def change_password(self, username, old_password, new_password):
        say(f'EVENT change {old_password} {new_password}')
        if old_password != self._cfg.get('expiredPassword'):
            return False
        if new_password == self._cfg.get('tooShort'):
            raise asyncssh.PasswordChangeRequired('Too short, try another')
        return new_password == self._cfg.get('newPassword')


class Client(asyncssh.SSHClient):
    def __init__(self, cfg):
        self._changes = list(cfg.get('changes', []))

    def password_change_requested(self, prompt, lang):
        say(f'EVENT change-requested {prompt}')
        if not self._changes:
            return NotImplemented
        old, new = self._changes.pop(0)
        return old, new

    def password_changed(self):
        say('EVENT changed')

    def password_change_failed(self):
        say('EVENT change-failed')


async def serve(cfg):
    extra = {}
    if 'knownClientHosts' in cfg:
        extra['known_client_hosts'] = cfg['knownClientHosts']
        extra['trust_client_host'] = True
    server = await asyncssh.listen(
        '127.0.0.1', 0, server_host_keys=[cfg['hostKey']],
        server_factory=lambda: Server(cfg), **extra)
    say(f'LISTENING {server.sockets[0].getsockname()[1]}')
    await asyncio.Event().wait()


async def connect(cfg):
    options = dict(username=cfg['username'], known_hosts=cfg['knownHosts'], client_keys=None,
                   agent_path=None, preferred_auth=cfg['preferredAuth'])
    if 'password' in cfg:
        options['password'] = cfg['password']
    if 'clientHostKey' in cfg:
        options.update(client_host_keys=[cfg['clientHostKey']], client_host=cfg['clientHost'],
                       client_username=cfg['clientUsername'])
    try:
        conn, _ = await asyncssh.create_connection(
            lambda: Client(cfg), '127.0.0.1', cfg['port'], **options)
    except asyncssh.PermissionDenied:
        say('AUTHFAIL')
        return
    except Exception as exc:  # noqa: BLE001 - report anything else to the test
        say(f'ERROR {type(exc).__name__}: {exc}')
        return
    say('OK')
    conn.close()
    await conn.wait_closed()


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    asyncio.run(serve(cfg) if cfg['role'] == 'server' else connect(cfg))


main()
