/** SFTP protocol numbers: packet types, status codes, open/rename/realpath flags, attribute flags. */

/** Lowest and highest SFTP versions this codec speaks. */
export const MIN_SFTP_VERSION = 3;
export const MAX_SFTP_VERSION = 6;

// Packet types: draft-ietf-secsh-filexfer-02 §3 (v3), -13 §4.3 (LINK, BLOCK, UNBLOCK in v6).
export const FXP_INIT = 1;
export const FXP_VERSION = 2;
export const FXP_OPEN = 3;
export const FXP_CLOSE = 4;
export const FXP_READ = 5;
export const FXP_WRITE = 6;
export const FXP_LSTAT = 7;
export const FXP_FSTAT = 8;
export const FXP_SETSTAT = 9;
export const FXP_FSETSTAT = 10;
export const FXP_OPENDIR = 11;
export const FXP_READDIR = 12;
export const FXP_REMOVE = 13;
export const FXP_MKDIR = 14;
export const FXP_RMDIR = 15;
export const FXP_REALPATH = 16;
export const FXP_STAT = 17;
export const FXP_RENAME = 18;
export const FXP_READLINK = 19;
export const FXP_SYMLINK = 20;
export const FXP_LINK = 21;
export const FXP_BLOCK = 22;
export const FXP_UNBLOCK = 23;
export const FXP_STATUS = 101;
export const FXP_HANDLE = 102;
export const FXP_DATA = 103;
export const FXP_NAME = 104;
export const FXP_ATTRS = 105;
export const FXP_EXTENDED = 200;
export const FXP_EXTENDED_REPLY = 201;

// Status codes: -02 §7 (0-8), -04 §7 (9-13), -05 §7 (14-17), -13 §9.1 (18-31).
export const FX_OK = 0;
export const FX_EOF = 1;
export const FX_NO_SUCH_FILE = 2;
export const FX_PERMISSION_DENIED = 3;
export const FX_FAILURE = 4;
export const FX_BAD_MESSAGE = 5;
export const FX_NO_CONNECTION = 6;
export const FX_CONNECTION_LOST = 7;
export const FX_OP_UNSUPPORTED = 8;
export const FX_INVALID_HANDLE = 9;
export const FX_NO_SUCH_PATH = 10;
export const FX_FILE_ALREADY_EXISTS = 11;
export const FX_WRITE_PROTECT = 12;
export const FX_NO_MEDIA = 13;
export const FX_NO_SPACE_ON_FILESYSTEM = 14;
export const FX_QUOTA_EXCEEDED = 15;
export const FX_UNKNOWN_PRINCIPAL = 16;
export const FX_LOCK_CONFLICT = 17;
export const FX_DIR_NOT_EMPTY = 18;
export const FX_NOT_A_DIRECTORY = 19;
export const FX_INVALID_FILENAME = 20;
export const FX_LINK_LOOP = 21;
export const FX_CANNOT_DELETE = 22;
export const FX_INVALID_PARAMETER = 23;
export const FX_FILE_IS_A_DIRECTORY = 24;
export const FX_BYTE_RANGE_LOCK_CONFLICT = 25;
export const FX_BYTE_RANGE_LOCK_REFUSED = 26;
export const FX_DELETE_PENDING = 27;
export const FX_FILE_CORRUPT = 28;
export const FX_OWNER_INVALID = 29;
export const FX_GROUP_INVALID = 30;
export const FX_NO_MATCHING_BYTE_RANGE_LOCK = 31;

// v3/v4 open pflags: -02 §6.3, -04 §6.3 (TEXT).
export const FXF_READ = 0x01;
export const FXF_WRITE = 0x02;
export const FXF_APPEND = 0x04;
export const FXF_CREAT = 0x08;
export const FXF_TRUNC = 0x10;
export const FXF_EXCL = 0x20;
export const FXF_TEXT = 0x40;

// v5/v6 open flags: -13 §8.1.1.3 (dispositions in the low three bits).
export const FXF_ACCESS_DISPOSITION = 0x07;
export const FXF_CREATE_NEW = 0x00;
export const FXF_CREATE_TRUNCATE = 0x01;
export const FXF_OPEN_EXISTING = 0x02;
export const FXF_OPEN_OR_CREATE = 0x03;
export const FXF_TRUNCATE_EXISTING = 0x04;
export const FXF_APPEND_DATA = 0x08;
export const FXF_APPEND_DATA_ATOMIC = 0x10;
export const FXF_TEXT_MODE = 0x20;
export const FXF_BLOCK_READ = 0x40;
export const FXF_BLOCK_WRITE = 0x80;
export const FXF_BLOCK_DELETE = 0x100;
export const FXF_BLOCK_ADVISORY = 0x200;
export const FXF_NOFOLLOW = 0x400;
export const FXF_DELETE_ON_CLOSE = 0x800;
export const FXF_ACCESS_AUDIT_ALARM_INFO = 0x1000;
export const FXF_ACCESS_BACKUP = 0x2000;
export const FXF_BACKUP_STREAM = 0x4000;
export const FXF_OVERRIDE_OWNER = 0x8000;

// Desired access bits of v5/v6 open: -13 §8.1.1.2 (NFSv4 ACE masks).
export const ACE4_READ_DATA = 0x00000001;
export const ACE4_WRITE_DATA = 0x00000002;
export const ACE4_APPEND_DATA = 0x00000004;
export const ACE4_READ_ATTRIBUTES = 0x00000080;
export const ACE4_WRITE_ATTRIBUTES = 0x00000100;

// Rename flags (v5+): -13 §8.3.
export const FXR_OVERWRITE = 0x01;
export const FXR_ATOMIC = 0x02;
export const FXR_NATIVE = 0x04;

// Realpath control byte (v6): -13 §8.9.
export const FXRP_NO_CHECK = 0x01;
export const FXRP_STAT_IF_EXISTS = 0x02;
export const FXRP_STAT_ALWAYS = 0x03;

// Attribute flags: -02 §5 (v3), -13 §7.1 (v4-v6).
export const FILEXFER_ATTR_SIZE = 0x00000001;
export const FILEXFER_ATTR_UIDGID = 0x00000002;
export const FILEXFER_ATTR_PERMISSIONS = 0x00000004;
export const FILEXFER_ATTR_ACMODTIME = 0x00000008;
export const FILEXFER_ATTR_ACCESSTIME = 0x00000008;
export const FILEXFER_ATTR_CREATETIME = 0x00000010;
export const FILEXFER_ATTR_MODIFYTIME = 0x00000020;
export const FILEXFER_ATTR_ACL = 0x00000040;
export const FILEXFER_ATTR_OWNERGROUP = 0x00000080;
export const FILEXFER_ATTR_SUBSECOND_TIMES = 0x00000100;
export const FILEXFER_ATTR_BITS = 0x00000200;
export const FILEXFER_ATTR_ALLOCATION_SIZE = 0x00000400;
export const FILEXFER_ATTR_TEXT_HINT = 0x00000800;
export const FILEXFER_ATTR_MIME_TYPE = 0x00001000;
export const FILEXFER_ATTR_LINK_COUNT = 0x00002000;
export const FILEXFER_ATTR_UNTRANSLATED_NAME = 0x00004000;
export const FILEXFER_ATTR_CTIME = 0x00008000;
export const FILEXFER_ATTR_EXTENDED = 0x80000000;

/** The attribute flags each version defines. */
export const FILEXFER_ATTR_DEFINED_V3 = 0x8000000f;
export const FILEXFER_ATTR_DEFINED_V4 = 0x800001fd;
export const FILEXFER_ATTR_DEFINED_V5 = 0x800003fd;
export const FILEXFER_ATTR_DEFINED_V6 = 0x8000fffd;

// File types (v4+): -13 §7.2.
export const FILEXFER_TYPE_REGULAR = 1;
export const FILEXFER_TYPE_DIRECTORY = 2;
export const FILEXFER_TYPE_SYMLINK = 3;
export const FILEXFER_TYPE_SPECIAL = 4;
export const FILEXFER_TYPE_UNKNOWN = 5;
export const FILEXFER_TYPE_SOCKET = 6;
export const FILEXFER_TYPE_CHAR_DEVICE = 7;
export const FILEXFER_TYPE_BLOCK_DEVICE = 8;
export const FILEXFER_TYPE_FIFO = 9;

// statvfs@openssh.com f_flag bits: OpenSSH PROTOCOL §4.4.
export const FXE_STATVFS_ST_RDONLY = 0x1;
export const FXE_STATVFS_ST_NOSUID = 0x2;

/** Origins for SFTPClientFile.seek (as in POSIX lseek). */
export const SEEK_SET = 0;
export const SEEK_CUR = 1;
export const SEEK_END = 2;

/** Default stat flags for v4+ (every v4 attribute): AsyncSSH's default mask. */
export const DEFAULT_STAT_FLAGS = FILEXFER_ATTR_DEFINED_V4;
