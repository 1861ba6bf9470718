/** @ssh/transport: SSH transport layer: version exchange, binary packets, negotiation, key exchange, rekeying. */
export {};
