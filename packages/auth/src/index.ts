/** @ssh/auth: User authentication (client and server), known_hosts, authorized_keys, ssh-agent client. */
export {};
