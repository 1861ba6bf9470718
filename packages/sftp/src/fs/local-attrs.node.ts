import type { BigIntStats, StatsFs } from 'node:fs';
import { fileTypeFromMode, SFTPAttrs } from '../codec/attrs.js';
import { SFTPVFSAttrs } from '../codec/vfs-attrs.js';

const NS = 1_000_000_000n;

/** SFTPAttrs of a Node BigIntStats: size, uid/gid, full mode, times with nanoseconds, link count. */
export function attrsFromStats(st: BigIntStats): SFTPAttrs {
  const time = (ns: bigint): [number, number] => [Number(ns / NS), Number(ns % NS)];
  const [atime, atimeNs] = time(st.atimeNs);
  const [mtime, mtimeNs] = time(st.mtimeNs);
  const [ctime, ctimeNs] = time(st.ctimeNs);
  const [crtime, crtimeNs] = time(st.birthtimeNs);
  const mode = Number(st.mode);
  return new SFTPAttrs({
    type: fileTypeFromMode(mode),
    size: Number(st.size),
    allocSize: Number(st.blocks) * 512,
    uid: Number(st.uid),
    gid: Number(st.gid),
    permissions: mode,
    atime,
    atimeNs,
    mtime,
    mtimeNs,
    ctime,
    ctimeNs,
    ...(crtime > 0 ? { crtime, crtimeNs } : {}),
    nlink: Number(st.nlink),
  });
}

/** SFTPVFSAttrs from Node's statfs (fields it does not report: frsize = bsize, favail = ffree, namemax 255). */
export function vfsAttrsFromStatfs(st: StatsFs): SFTPVFSAttrs {
  return new SFTPVFSAttrs({
    bsize: st.bsize,
    frsize: st.bsize,
    blocks: st.blocks,
    bfree: st.bfree,
    bavail: st.bavail,
    files: st.files,
    ffree: st.ffree,
    favail: st.ffree,
    fsid: 0,
    flags: 0,
    namemax: 255,
  });
}

/** Seconds plus nanoseconds as fractional seconds for utimes. */
export function fractionalTime(seconds: number, ns: number | null): number {
  return ns === null ? seconds : seconds + ns / 1e9;
}
