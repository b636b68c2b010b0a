/* SPDX-License-Identifier: MIT */
/* Files on the stick through fw/fat.c: slicscan.cfg, the policy file, and the report files,
 * whose names and contents fw/report.c decides (as for the UEFI app, efi/report.c). Error
 * codes are fw/fat.c's (negative), turned into words by fw_fat_strerror. */
#include "bios.h"

#include "config.h"
#include "fleet_stick.h"

#define ARENA_BYTES (512u * 1024) /* the rendered report pair: tens of KiB */

static uint8_t arena[ARENA_BYTES];
static size_t arena_used;

#define FAT(ctx) (&((struct bios_stick *)(ctx))->fat)

static int neg(int rc)
{
	return rc < 0 ? rc : 0;
}

static const char *why(void *ctx, int err)
{
	struct bios_stick *st = ctx;
	static char msg[128];
	if (err == FW_FAT_EIO && st->disk.last_status != 0) {
		/* The BIOS's own word, and for a write the likeliest cause: SeaBIOS answers 0x0C
		 * for a read-only USB stick where other BIOSes say 0x03 (write-protected), and the
		 * stick was readable a moment ago. */
		ss_fmt(msg, sizeof(msg), "the stick refused a %s (INT 13h status 0x%02x)%s",
		       st->disk.last_write ? "write" : "read", st->disk.last_status,
		       st->disk.last_write ? ": is it write-protected (a lock switch)?" : "");
		return msg;
	}
	if (err == FW_FAT_EWRITEPROT)
		return "the stick is write-protected";
	if (err == FW_FAT_ENOSPC || err == FW_FAT_EDIRFULL)
		return "the stick is full";
	return fw_fat_strerror(err);
}

static bool f_exists(void *ctx, const char *path)
{
	return fw_fat_exists(FAT(ctx), path) != 0; /* an error: "exists", so it is not overwritten */
}

static int f_mkdirs(void *ctx, const char *path)
{
	return neg(fw_fat_mkdirs(FAT(ctx), path));
}

static int f_write_new(void *ctx, const char *path, const void *data, size_t len)
{
	if (len > 0xFFFFFFFFu)
		return FW_FAT_EFILESIZE;
	return neg(fw_fat_create(FAT(ctx), path, data, (uint32_t)len));
}

/* The head goes first when the file is new or empty: one append of head + data then, so that
 * a failure leaves the file as it was (fw/fat.c's append is all or nothing). */
static int f_append(void *ctx, const char *path, const void *head, size_t hlen,
		    const void *data, size_t len)
{
	uint32_t size = 0;
	int rc = fw_fat_size(FAT(ctx), path, &size);
	if (rc != FW_FAT_OK && rc != FW_FAT_ENOTFOUND)
		return neg(rc);
	if (rc == FW_FAT_ENOTFOUND || size == 0) {
		if (hlen + len > sizeof(arena) - arena_used)
			return FW_FAT_EINVAL;
		uint8_t *both = arena + arena_used;
		ss_memcopy(both, head, hlen);
		ss_memcopy(both + hlen, data, len);
		return neg(fw_fat_append(FAT(ctx), path, both, (uint32_t)(hlen + len)));
	}
	return neg(fw_fat_append(FAT(ctx), path, data, (uint32_t)len));
}

/* fw/report.c removes NAME.txt when NAME.json cannot be written: never half a pair. */
static int f_remove(void *ctx, const char *path)
{
	return neg(fw_fat_delete(FAT(ctx), path));
}

static void *f_alloc(void *ctx, size_t n)
{
	(void)ctx;
	n = (n + 15) & ~(size_t)15;
	if (n > sizeof(arena) - arena_used)
		return NULL;
	void *p = arena + arena_used;
	arena_used += n;
	return p;
}

static void f_release(void *ctx, void *p)
{
	(void)ctx;
	(void)p; /* the arena lives for one run */
}

bool bios_report_write(struct bios_stick *st, const char *dir, const char *summary,
		       const struct fw_smbios_info *smb, struct ss_result *r,
		       const struct ss_info *info, enum ss_lang lang, struct fw_saved *saved)
{
	const struct fw_files fs = { st, f_exists, f_mkdirs, f_write_new, f_append,
				     f_remove, why, f_alloc, f_release };
	return fw_report_write(&fs, dir, summary, smb, r, info, lang, saved);
}

/* ---- the fleet page (fw/fleet_stick.h): a few MiB from the E820 heap ---- */

/* A stack over the heap: fw_fleet_stick_write releases in the reverse order it allocates
 * (each report as soon as it is read), so releasing the newest block frees it and peak use is
 * the tables plus the page; any other block stays until the run ends. Each block's 16-byte
 * header holds where it began and which block was the newest before it. */
static struct {
	uint8_t *base;
	size_t cap, used, top; /* top: offset of the newest block's header (~0: none) */
} heap;

struct block_head {
	size_t before, prev_top;
};

static void *h_alloc(void *ctx, size_t n)
{
	(void)ctx;
	struct block_head h = { heap.used, heap.top };
	if (n > heap.cap || heap.cap - heap.used < 16 + ((n + 15) & ~(size_t)15))
		return NULL;
	n = (n + 15) & ~(size_t)15;
	ss_memcopy(heap.base + heap.used, &h, sizeof(h));
	heap.top = heap.used;
	heap.used += 16 + n;
	return heap.base + heap.top + 16;
}

static void h_release(void *ctx, void *p)
{
	(void)ctx;
	if (p == NULL || heap.top == SIZE_MAX || (uint8_t *)p != heap.base + heap.top + 16)
		return;
	struct block_head h;
	ss_memcopy(&h, heap.base + heap.top, sizeof(h));
	heap.used = h.before;
	heap.top = h.prev_top;
}

static int f_list(void *ctx, const char *dir, fw_list_fn each, void *arg)
{
	return neg(fw_fat_list(FAT(ctx), dir, each, arg));
}

/* One walk of the path: read into max bytes (a report is a few KiB; the block is freed, LIFO,
 * as soon as fw/fleet_stick.c has taken its row). */
static int f_read_all(void *ctx, const char *path, size_t max, char **data, size_t *len)
{
	uint32_t got = 0;
	*data = NULL;
	*len = 0;
	if (max > 0xFFFFFFFFu)
		max = 0xFFFFFFFFu;
	char *p = h_alloc(ctx, max);
	if (p == NULL)
		return FW_FAT_ETOOBIG;
	int rc = fw_fat_read_file(FAT(ctx), path, p, (uint32_t)max, &got);
	if (rc != FW_FAT_OK) {
		h_release(ctx, p);
		return neg(rc);
	}
	*data = p;
	*len = got;
	return 0;
}

static int f_rename(void *ctx, const char *path, const char *new_name)
{
	return neg(fw_fat_rename(FAT(ctx), path, new_name));
}

const char *bios_fleet_page(struct bios_stick *st, const char *dir, enum ss_lang lang,
			    uintptr_t base, size_t len)
{
	if (len < (1u << 20))
		return "no free RAM for it in the E820 map";
	heap.base = (uint8_t *)base;
	heap.cap = len;
	heap.used = 0;
	heap.top = SIZE_MAX;
	const struct fw_files fs = { st, f_exists, f_mkdirs, f_write_new, f_append,
				     f_remove, why, h_alloc, h_release };
	const struct fw_fleet_files ff = { &fs, f_list, f_read_all, f_rename };
	return fw_fleet_stick_write(&ff, dir, FW_FLEET_PAGE_DEFAULT, ss_lang_str(lang));
}

/* ---- reading: slicscan.cfg and the policy file ---- */

static uint8_t file_buf[FW_POLICY_FILE_MAX]; /* the largest file the kernel reads */

int bios_file_read(struct bios_stick *st, const char *path, uint32_t cap, const uint8_t **data,
		   uint32_t *len)
{
	if (cap > sizeof(file_buf))
		cap = sizeof(file_buf);
	int rc = fw_fat_read_file(&st->fat, path, file_buf, cap, len);
	*data = file_buf;
	return rc;
}
