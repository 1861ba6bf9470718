"""Answer known_hosts and authorized_keys questions with AsyncSSH (the API @ssh/auth re-creates).

Usage: python3 asyncssh-oracle.py QUESTIONS.json  -> prints one JSON object.
"""
import json
import sys
import warnings

warnings.simplefilter('ignore')
import asyncssh  # noqa: E402


def fingerprints(keys):
    return sorted({k.get_fingerprint() for k in keys})


def plain_options(options):
    out = {}
    for name, value in options.items():
        if name in ('from', 'principals'):
            continue
        if name in ('permitopen', 'permitlisten') and isinstance(value, set):
            value = sorted([h, p] for h, p in value)
        out[name] = value
    return out


def main():
    with open(sys.argv[1]) as f:
        q = json.load(f)
    kh = asyncssh.import_known_hosts(q['knownHosts'])
    kh_answers = []
    for host, addr, port in q['khQueries']:
        m = kh.match(host, addr, port)
        kh_answers.append({'host': fingerprints(m[0]), 'ca': fingerprints(m[1]), 'revoked': fingerprints(m[2])})
    ak = asyncssh.import_authorized_keys(q['authorizedKeys'])
    ak_answers = []
    for key_line, host, addr, principals, ca in q['akQueries']:
        key = asyncssh.import_public_key(key_line)
        options = ak.validate(key, host, addr, principals, ca)
        ak_answers.append(None if options is None else plain_options(options))
    print(json.dumps({'version': asyncssh.__version__, 'kh': kh_answers, 'ak': ak_answers}))


main()
