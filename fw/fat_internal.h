/* SPDX-License-Identifier: MIT */
/* What fw/fat.c (volume, sectors, FAT table, allocation), fw/fat_name.c (names) and
 * fw/fat_dir.c (directories and the public file operations) share. Not for front ends. */
#ifndef FW_FAT_INTERNAL_H
#define FW_FAT_INTERNAL_H

#include "fat.h"

#include "bytes.h"

#define FAT_ENTRY 32u
#define FAT_ATTR_RO 0x01
#define FAT_ATTR_VOLUME 0x08
#define FAT_ATTR_DIR 0x10
#define FAT_ATTR_ARCHIVE 0x20
#define FAT_ATTR_LFN 0x0F
#define FAT_LFN_CHARS 13u
#define FAT_LFN_MAX_ENTRIES 20u /* 20 * 13 = 260 >= 255 characters */

static inline void fat_put16(uint8_t *p, uint32_t x)
{
	p[0] = (uint8_t)x;
	p[1] = (uint8_t)(x >> 8);
}

static inline void fat_put32(uint8_t *p, uint32_t x)
{
	fat_put16(p, x);
	fat_put16(p + 2, x >> 16);
}

/* ---- fat.c: sectors (numbered from the volume's first sector) and the FAT ---------------- */

int fat_rd(struct fw_fat *v, uint32_t sec, uint32_t n, void *buf);
int fat_wr(struct fw_fat *v, uint32_t sec, uint32_t n, const void *buf);
int fat_load(struct fw_fat *v, uint32_t sec);  /* volume sector -> v->buf (cached) */
int fat_store(struct fw_fat *v);               /* v->buf -> its sector */
uint32_t fat_cluster_sector(const struct fw_fat *v, uint32_t c);
bool fat_cluster_ok(const struct fw_fat *v, uint32_t c);

/* The cluster after c: 1 and *next, 0 at the end of the chain, or FW_FAT_ECORRUPT when the
 * entry is free, bad, reserved or points outside the volume. */
int fat_next(struct fw_fat *v, uint32_t c, uint32_t *next);
int fat_set(struct fw_fat *v, uint32_t c, uint32_t value); /* into the cache */
uint32_t fat_eoc(const struct fw_fat *v);
int fat_flush(struct fw_fat *v);                /* the changed FAT sectors -> every FAT copy */
void fat_forget(struct fw_fat *v);              /* after an error: drop both caches */

/* Length of the chain from first (0 = none) and its last cluster; FW_FAT_ECORRUPT when it
 * breaks or runs past the cluster count (a loop). */
int fat_chain(struct fw_fat *v, uint32_t first, uint32_t *count, uint32_t *last);

/* FW_FAT_OK when n clusters are free, else FW_FAT_ENOSPC. Reads only. */
int fat_have_free(struct fw_fat *v, uint32_t n);
/* Mark n (>= 1) free clusters as one new chain ending in end-of-chain (cache only). Call
 * fat_have_free first. */
int fat_alloc(struct fw_fat *v, uint32_t n, uint32_t *first, uint32_t *last);
/* After the FAT is flushed: FSInfo's free count minus used, and the next-free hint. */
int fat_fsinfo_update(struct fw_fat *v, uint32_t used);
/* After clusters were freed (fw_fat_delete): FSInfo's free count plus freed. */
int fat_fsinfo_freed(struct fw_fat *v, uint32_t freed);
/* Write zeros over cluster c. */
int fat_zero_cluster(struct fw_fat *v, uint32_t c);

/* ---- fat_name.c: names ----------------------------------------------------------------- */

struct fat_name {
	uint16_t c[FAT_LFN_MAX_ENTRIES * FAT_LFN_CHARS];
	uint32_t n;
};

/* The next component of *path (separators '\' and '/' skipped): 1 with *out, 0 at the end of
 * the path, or FW_FAT_EBADNAME. */
int fat_component(const char **path, struct fat_name *out);
bool fat_path_end(const char *path); /* nothing but separators left */
bool fat_name_eq(const struct fat_name *a, const struct fat_name *b);
/* "NAME.EXT" of an 11-byte short name (blanks dropped, 0x05 read as 0xE5). */
void fat_sfn_name(const uint8_t sfn[11], struct fat_name *out);
uint8_t fat_lfn_sum(const uint8_t sfn[11]);

/* The 8.3 basis of a long name: base (1..8 bytes) and ext (0..3), upper case, blanks in the
 * unused bytes. Returns true when the name had to change (then a ~N tail is required);
 * *exact is true when the name IS its short name (no long-name entries needed). */
struct fat_basis {
	uint8_t base[8], ext[3];
	uint32_t bl, el;
	bool lossy, exact;
};
void fat_make_basis(const struct fat_name *nm, struct fat_basis *b);
/* If name has the form PREFIX~N[.EXT] for this basis, mark N in v->tails. */
void fat_mark_tail(struct fw_fat *v, const struct fat_basis *b, const struct fat_name *name);
/* The short name with the lowest free tail: FW_FAT_OK or FW_FAT_ENAMES. */
int fat_pick_tail(struct fw_fat *v, const struct fat_basis *b, uint8_t sfn[11]);

/* ---- fat_dir.c -------------------------------------------------------------------------- */

/* The 11 bytes of the root directory's volume label entry; *found false when it has none. */
int fat_root_label(struct fw_fat *v, uint8_t raw[11], bool *found);

#endif
