import type { MacAlgorithm, PacketMac } from './types.js';

const NONE_MAC: PacketMac = {
  tagLength: 0,
  sign() {},
  verify: (_seq, _data, tag) => tag.length === 0,
};

/** The 'none' MAC (RFC 4253 §6.4): no tag. Used before the first NEWKEYS and with AEAD ciphers. */
export const noneMac: MacAlgorithm = {
  name: 'none',
  keyLength: 0,
  tagLength: 0,
  etm: false,
  create: () => NONE_MAC,
};
