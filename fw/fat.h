/* SPDX-License-Identifier: MIT */
/* A FAT12/16/32 reader and careful writer over a sector callback, for front ends that have no
 * file system of their own (the legacy-BIOS kernel writes its reports through INT 13h).
 *
 * Specification followed: Microsoft "FAT: General Overview of On-Disk Format" 1.03 (fatgen103),
 * with the VFAT long-name entries it describes; the MBR partition table as every PC BIOS reads it.
 *
 * Contract
 * - Everything on the disk is untrusted. Every count read from it is checked before use; every
 *   loop is bounded (a cluster chain by the cluster count, a directory by 65536 entries, the
 *   FAT12/16 root by its size): a lying BPB or a looping FAT gives an error code, never an
 *   out-of-bounds access or a hang. Nothing recurses.
 * - Caller-owned state, no allocation, no libc: struct fw_fat holds the volume's geometry and
 *   a FAT window, a read-ahead and a sector buffer (about 70 KiB). One struct per volume; not re-entrant. A call uses about
 *   4 KiB of stack (one path walk's names and entries).
 * - The disk callbacks get whole sectors, at most FW_DISK_MAX_BYTES per call; they return 0, or
 *   FW_DISK_EWRITEPROT (the medium refuses writes) or any other negative number (an I/O error).
 *
 * Finding the volume (fw_fat_mount): sector 0 with 0x55AA. When it is an MBR, the active
 * partition of a FAT type is tried first, then the other FAT-typed primary partitions in
 * table order (types 01 04 06 0B 0C 0E, their hidden variants 11 14 16 1B 1C 1E, and EF); if
 * none holds a valid FAT, sector 0 itself is tried as a bare FAT ("superfloppy"). GPT disks and
 * extended partitions are not searched. The BPB is checked strictly (bytes per sector equal to
 * the disk's, powers of two, FAT big enough for every cluster, regions inside the partition
 * and the disk). FAT32 is recognised as Linux and mtools do, by a 16-bit FAT size of 0 (a small
 * FAT32 volume under 65525 clusters is accepted); FAT12 and FAT16 by the cluster count.
 *
 * Write order (so that a write cut short by a power cut or a pulled stick leaves a volume that
 * fsck.fat repairs by dropping only the new data, and everything that was there stays intact):
 *   1. find enough free clusters for the whole operation, else FW_FAT_ENOSPC with nothing written;
 *   2. mark the new clusters in the FAT (a chain ending in end-of-chain), in every FAT copy
 *      (only the active one when FAT32 mirroring is off), then the FAT32 FSInfo free count;
 *   3. zero new directory clusters, write file data;
 *   4. link the new clusters to an existing chain (a directory that grows, a file appended to);
 *   5. write the directory entries last (long-name entries before the short entry, in on-disk
 *      order); an append changes its entry's size (and dates) last, in one sector write.
 *   Cut after 2-4: lost clusters (or a chain longer than the size), which fsck frees or
 *   truncates. A medium that refuses the first write leaves the disk untouched, and the
 *   in-memory state (FAT cache, free count) is dropped so later reads see the disk as it is.
 * FSInfo: the free-cluster count is kept exact (minus what is allocated, plus what
 *   fw_fat_delete frees) when it was
 *   valid, left 0xFFFFFFFF (unknown) when it was unknown, and made unknown when it was
 *   impossible (more than the cluster count); the next-free hint is updated.
 *   Exact rather than "unknown" because Windows and fsck.fat trust a valid count, and a count
 *   made unknown would make every later mount scan the whole FAT.
 *
 * Names: paths use '\' or '/', are case-insensitive (ASCII letters) and matched against both
 *   the long (VFAT) and the 8.3 name; components are UTF-8 (Basic Multilingual Plane), at most
 *   255 characters; "." and ".." are refused. New entries get a long name unless the name is
 *   already an upper-case 8.3 name, plus a unique 8.3 name by Windows' basis-name rules (upper
 *   case, characters outside A-Z 0-9 ! # $ % & ' ( ) - @ ^ _ ` { } ~ become '_', "~N" tails
 *   when the name had to change or is taken, N up to FW_FAT_TAIL_MAX).
 *
 * Limits: sectors of 512..4096 bytes; clusters up to 64 KiB; files up to 4 GiB - 1; 65536
 *   entries per directory; a fixed FAT12/16 root that is full is FW_FAT_EDIRFULL; files are
 *   read whole into a caller buffer; nothing is overwritten; only fw_fat_delete deletes (a file,
 *   never a directory) and only fw_fat_rename renames (a file, within its directory). */
#ifndef FW_FAT_H
#define FW_FAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "clock.h"

/* Callback return codes (0 = success). */
#define FW_DISK_EIO (-1)        /* any read/write failure */
#define FW_DISK_EWRITEPROT (-2) /* the medium is write-protected (INT 13h AH=03h) */

#define FW_DISK_MAX_BYTES 32768u /* largest transfer asked of a callback (64 sectors of 512) */

struct fw_disk {
	void *ctx;
	int (*read)(void *ctx, uint64_t lba, uint32_t count, void *buf);
	int (*write)(void *ctx, uint64_t lba, uint32_t count, const void *buf); /* NULL: read-only */
	uint32_t sector_size; /* 512, 1024, 2048 or 4096 */
	uint64_t sectors;     /* size of the disk */
};

/* Every error is negative; fw_fat_strerror() says it in plain English. */
enum fw_fat_err {
	FW_FAT_OK = 0,
	FW_FAT_EIO = -1,         /* the disk reported a read or write error */
	FW_FAT_EWRITEPROT = -2,  /* the medium is write-protected */
	FW_FAT_EINVAL = -3,      /* a bad argument (NULL, unsupported sector size, not mounted) */
	FW_FAT_ENOFAT = -4,      /* no FAT volume: no valid boot sector, MBR or BPB */
	FW_FAT_ECORRUPT = -5,    /* damaged file system (chain loops or leaves the volume, ...) */
	FW_FAT_ENOTFOUND = -6,   /* no such file or directory */
	FW_FAT_EEXIST = -7,      /* the name exists already */
	FW_FAT_ENOTDIR = -8,     /* a path component is a file */
	FW_FAT_EISDIR = -9,      /* the path is a directory */
	FW_FAT_EBADNAME = -10,   /* an empty, over-long or invalid name in the path */
	FW_FAT_ETOOBIG = -11,    /* the file is larger than the caller's buffer */
	FW_FAT_ENOSPC = -12,     /* not enough free clusters; nothing was changed */
	FW_FAT_EDIRFULL = -13,   /* the fixed root directory or a 65536-entry directory is full */
	FW_FAT_EFILESIZE = -14,  /* the file would exceed 4 GiB - 1 bytes */
	FW_FAT_EREADONLY = -15,  /* the file is marked read-only */
	FW_FAT_ENAMES = -16,     /* every short-name tail ~1..~FW_FAT_TAIL_MAX is taken */
};

#define FW_FAT_SECTOR_MAX 4096
/* Bytes of the FAT read at once (8 sectors of 4096 bytes, 64 of 512). */
#define FW_FAT_WINDOW FW_DISK_MAX_BYTES
#define FW_FAT_NAME_MAX 255     /* characters in one path component */
#define FW_FAT_TAIL_MAX 4095    /* highest ~N tail tried for a short name */
#define FW_FAT_DIR_ENTRIES_MAX 65536u

/* The volume. Fields above "private" are filled by fw_fat_mount and read-only for callers. */
struct fw_fat {
	int fat_bits;            /* 12, 16 or 32 */
	char label[12];          /* volume label, blanks trimmed: the root directory's label entry,
				    else the boot sector's; "" when none or "NO NAME" */
	bool has_serial;         /* the boot sector has the extended BPB (signature 0x29) */
	uint32_t serial;         /* volume serial number */
	bool has_mbr;            /* the volume was found through an MBR partition table */
	uint32_t disk_signature; /* MBR bytes 440..443 (0 when no MBR) */
	int partition;           /* 0..3, or -1 for a superfloppy */
	uint64_t first_lba;      /* where the volume starts */
	uint32_t cluster_bytes;
	uint32_t clusters;       /* data clusters (numbered 2..clusters+1) */

	/* private */
	struct fw_disk disk;
	bool mounted;
	uint32_t bps, spc, spc_shift, bps_shift;
	uint32_t total_sectors, rsvd, nfats, fat_sectors, active_fat; /* active: FAT32 no-mirror */
	bool mirror;
	uint32_t root_sector, root_sectors, root_entries; /* fixed FAT12/16 root */
	uint32_t root_cluster;   /* FAT32 root; 0 on FAT12/16 */
	uint32_t data_sector;    /* first sector of cluster 2 */
	uint32_t fsinfo_sector;  /* 0 when none */
	uint32_t free_count, next_free;
	uint16_t date, time;     /* stamped on new and changed entries (fw_fat_set_time) */
	uint8_t tenth;
	/* A window of FAT sectors (relative to the FAT's start): one BIOS call reads up to
	 * FW_FAT_WINDOW bytes of the FAT, so a free-cluster search on a full stick costs a few
	 * hundred calls, not one per sector. Changed sectors [dirty_lo, dirty_hi] are written back
	 * together. */
	uint32_t fat_cached;     /* first sector in fat_buf, or ~0 */
	uint32_t fat_count;      /* sectors in fat_buf */
	bool fat_dirty;
	uint32_t dirty_lo, dirty_hi; /* window-relative, valid when fat_dirty */
	uint32_t buf_sector;     /* volume sector in buf, or ~0 */
	uint32_t ra_first, ra_count; /* the read-ahead: sectors [ra_first, +ra_count) in ra */
	uint8_t ra[FW_FAT_WINDOW];
	uint8_t fat_buf[FW_FAT_WINDOW];
	uint8_t buf[FW_FAT_SECTOR_MAX];
	uint8_t tails[(FW_FAT_TAIL_MAX + 8) / 8]; /* short-name tails in use */
};

/* Find and check the FAT volume on disk (see above). Reads only. Returns FW_FAT_OK,
 * FW_FAT_EINVAL, FW_FAT_EIO or FW_FAT_ENOFAT. The disk struct is copied. */
int fw_fat_mount(struct fw_fat *v, const struct fw_disk *disk);

/* The date and time stamped on what is created or changed from now on (the caller reads the
 * clock). NULL, or a time that FAT cannot hold (fields out of range, a year outside
 * 1980..2107) means the FAT epoch, 1980-01-01 00:00:00. Mount sets the epoch. */
void fw_fat_set_time(struct fw_fat *v, const struct fw_time *t);

/* Read the whole file at path into buf (cap bytes). *len = its size. FW_FAT_ETOOBIG when it
 * does not fit (nothing is promised about buf then). */
int fw_fat_read_file(struct fw_fat *v, const char *path, void *buf, uint32_t cap,
		     uint32_t *len);

/* 1 when path names a file or directory, 0 when it does not, or a negative error (a damaged
 * directory, an I/O error; FW_FAT_ENOTDIR and FW_FAT_EBADNAME are errors too). */
int fw_fat_exists(struct fw_fat *v, const char *path);

/* Size of the file at path, or FW_FAT_EISDIR. */
int fw_fat_size(struct fw_fat *v, const char *path, uint32_t *size);

/* Make the directory path and every missing parent (each with "." and ".."). FW_FAT_OK when
 * it exists already; FW_FAT_ENOTDIR when a component is a file. */
int fw_fat_mkdirs(struct fw_fat *v, const char *path);

/* Create a new file holding len bytes. The parent directory must exist (FW_FAT_ENOTFOUND).
 * FW_FAT_EEXIST when the name is taken (by a file or a directory): nothing is overwritten. */
int fw_fat_create(struct fw_fat *v, const char *path, const void *data, uint32_t len);

/* Append len bytes to the file at path, creating it (as fw_fat_create) when missing. */
int fw_fat_append(struct fw_fat *v, const char *path, const void *data, uint32_t len);

/* Delete the file at path (not a directory; FW_FAT_EREADONLY when marked read-only): its
 * long-name entries, then its short entry, are marked deleted, then its clusters freed. For a
 * front end undoing what it wrote in the same run (fw/report.c never leaves half a report
 * pair). */
int fw_fat_delete(struct fw_fat *v, const char *path);

/* Called once per file by fw_fat_list with its name (the long name, else the 8.3 one) in
 * UTF-8. It must not call into the same volume (the listing is under way). */
typedef void (*fw_fat_each_fn)(void *arg, const char *name);

/* Every plain file in the directory dir (not its folders, "." or "..", nor the volume label),
 * in on-disk order: the number of files, or a negative error (FW_FAT_ENOTDIR when dir is a
 * file). Bounded like every walk (65536 entries). */
int fw_fat_list(struct fw_fat *v, const char *dir, fw_fat_each_fn each, void *arg);

/* Rename the file at path to new_name (one name, no folder) in the same directory, keeping
 * its data, attributes and dates. FW_FAT_EEXIST when new_name is taken by another file or
 * folder (as UEFI's SetInfo refuses): delete the target first. A change of case only is
 * allowed. Order: the new entries' slots found (a directory that must grow grows first), the
 * old long-name and short entries marked deleted, then the new ones written pointing at the
 * same clusters: a cut leaves the old name, or lost clusters that fsck.fat frees, never a
 * cluster shared by two entries. */
int fw_fat_rename(struct fw_fat *v, const char *path, const char *new_name);

/* The error in plain English ("the disk is write-protected"); never NULL. */
const char *fw_fat_strerror(int err);

#endif
