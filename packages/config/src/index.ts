/** @ssh/config: OpenSSH client and server config files: Host/Match, Include, tokens. */
export {};
