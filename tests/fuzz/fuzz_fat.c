/* SPDX-License-Identifier: MIT */
/* libFuzzer target: a disk image -> fw_fat_mount, then every read and write operation the
 * BIOS front end uses (listing and renaming too), with and without a disk that fails after N writes. Whatever the bytes
 * say, no crash, no hang, no out-of-bounds access, and every result is FW_FAT_OK or one of
 * the error codes.
 *
 * Input (so that small inputs describe whole FAT12/16/32 volumes; scripts/fuzz seeds it with
 * images made by mformat in this form):
 *   u32 disk sectors (1..FZ_MAX_SECTORS), u8 sector size (512 << (b & 3)),
 *   u8 fail (0: writes never fail; else writes fail after fail-1 writes, bit 7 = as
 *   write-protected), then records until the end: u32 byte offset, u16 length, bytes.
 * Sectors no record touches read as zeros. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fat.h"

#define FZ_MAX_SECTORS (1u << 17)
#define FZ_BLOCK 4096u

struct fz_disk {
	uint8_t *blk[FZ_MAX_SECTORS * 512u / FZ_BLOCK]; /* 4 KiB blocks, NULL = zeros */
	uint64_t bytes;
	uint32_t ssize;
	long writes, fail_after;
	int fail_code;
};

static struct fz_disk d;

static uint8_t *block(uint64_t off, int make)
{
	uint8_t **b = &d.blk[off / FZ_BLOCK];
	if (*b == NULL && make)
		*b = calloc(1, FZ_BLOCK);
	return *b;
}

static void fz_copy(uint64_t off, uint8_t *buf, const uint8_t *src, uint64_t n)
{
	while (n > 0) {
		uint64_t k = FZ_BLOCK - off % FZ_BLOCK;
		if (k > n)
			k = n;
		uint8_t *b = block(off, src != NULL);
		if (src != NULL)
			memcpy(b + off % FZ_BLOCK, src, k);
		else if (b != NULL)
			memcpy(buf, b + off % FZ_BLOCK, k);
		else
			memset(buf, 0, k);
		off += k, n -= k;
		if (src != NULL)
			src += k;
		else
			buf += k;
	}
}

static int fz_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	(void)ctx;
	if (count == 0 || (uint64_t)count * d.ssize > FW_DISK_MAX_BYTES ||
	    lba * d.ssize + (uint64_t)count * d.ssize > d.bytes)
		abort(); /* the library must never ask for this */
	fz_copy(lba * d.ssize, buf, NULL, (uint64_t)count * d.ssize);
	return 0;
}

static int fz_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	(void)ctx;
	if (count == 0 || (uint64_t)count * d.ssize > FW_DISK_MAX_BYTES ||
	    lba * d.ssize + (uint64_t)count * d.ssize > d.bytes)
		abort();
	if (d.fail_after >= 0 && d.writes >= d.fail_after)
		return d.fail_code;
	d.writes++;
	fz_copy(lba * d.ssize, NULL, buf, (uint64_t)count * d.ssize);
	return 0;
}

static void check(int rc)
{
	if (rc > 1 || rc < FW_FAT_ENAMES || fw_fat_strerror(rc) == NULL)
		abort();
}

/* A listed name is a C string of at most 255 UTF-8 characters (3 bytes each in the BMP). */
static void each_name(void *arg, const char *name)
{
	size_t *count = arg;
	if (strlen(name) > FW_FAT_NAME_MAX * 3)
		abort();
	++*count;
}

static void check_list(struct fw_fat *v, const char *dir)
{
	size_t count = 0;
	int rc = fw_fat_list(v, dir, each_name, &count);
	if (rc < 0)
		check(rc);
	else if ((size_t)rc != count || rc > (int)FW_FAT_DIR_ENTRIES_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t len)
{
	static struct fw_fat v;
	static uint8_t buf[65536];
	if (len < 6)
		return 0;
	uint32_t sectors = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
			   (uint32_t)data[3] << 24;
	d.ssize = 512u << (data[4] & 3);
	sectors = sectors % (FZ_MAX_SECTORS * 512u / d.ssize) + 1;
	d.bytes = (uint64_t)sectors * d.ssize;
	d.writes = 0;
	d.fail_after = data[5] == 0 ? -1 : (long)(data[5] & 0x7F) - 1;
	d.fail_code = (data[5] & 0x80) ? FW_DISK_EWRITEPROT : FW_DISK_EIO;
	for (size_t i = 6; i + 6 <= len;) {
		uint64_t off = (uint32_t)data[i] | (uint32_t)data[i + 1] << 8 |
			       (uint32_t)data[i + 2] << 16 | (uint32_t)data[i + 3] << 24;
		size_t n = (size_t)data[i + 4] | (size_t)data[i + 5] << 8;
		i += 6;
		if (n > len - i)
			n = len - i;
		if (off < d.bytes)
			fz_copy(off, NULL, data + i, off + n <= d.bytes ? n : d.bytes - off);
		i += n;
	}

	struct fw_disk disk = { NULL, fz_read, fz_write, d.ssize, sectors };
	static const struct fw_time t = { 2024, 5, 1, 13, 45, 7, 0, FW_TZ_UNSPECIFIED, 0 };
	uint32_t n;
	int rc = fw_fat_mount(&v, &disk);
	check(rc);
	if (rc == FW_FAT_OK) {
		if (v.fat_bits != 12 && v.fat_bits != 16 && v.fat_bits != 32)
			abort();
		fw_fat_set_time(&v, &t);
		check(fw_fat_read_file(&v, "\\EFI\\BOOT\\slicscan.cfg", buf, sizeof(buf), &n));
		check(fw_fat_read_file(&v, "/slicscan/policy.txt", buf, sizeof(buf), &n));
		if (n > sizeof(buf))
			check(fw_fat_read_file(&v, "/slicscan/policy.txt", buf, 16, &n));
		check(fw_fat_exists(&v, "\\slicscan\\reports\\HP-CZC1234ABC.json"));
		check(fw_fat_mkdirs(&v, "\\slicscan\\reports"));
		check(fw_fat_create(&v, "\\slicscan\\reports\\HP-CZC1234ABC.json", data, (uint32_t)len));
		check(fw_fat_create(&v, "\\slicscan\\reports\\HP-CZC1234ABD.json", "{}", 2));
		check(fw_fat_append(&v, "\\slicscan\\summary.csv", data, (uint32_t)(len < 700 ? len : 700)));
		check(fw_fat_append(&v, "\\slicscan\\summary.csv", "a,b\r\n", 5));
		check(fw_fat_read_file(&v, "\\slicscan\\summary.csv", buf, sizeof(buf), &n));
		check(fw_fat_size(&v, "\\slicscan\\reports", &n));
		check_list(&v, "\\slicscan\\reports");
		check_list(&v, "\\");
		/* the fleet page's swap: NAME.new written, the old page deleted, NAME.new renamed */
		check(fw_fat_create(&v, "\\slicscan\\summary.html.new", data, (uint32_t)(len < 900 ? len : 900)));
		check(fw_fat_delete(&v, "\\slicscan\\summary.html"));
		check(fw_fat_rename(&v, "\\slicscan\\summary.html.new", "summary.html"));
		check(fw_fat_rename(&v, "\\slicscan\\reports\\HP-CZC1234ABD.json", "HP-CZC1234ABC.json"));
		check(fw_fat_rename(&v, "\\EFI\\BOOT\\slicscan.cfg", "SLICSCAN.CFG"));
		/* what was written must mount and read again */
		d.fail_after = -1;
		if (fw_fat_mount(&v, &disk) == FW_FAT_OK) {
			check(fw_fat_read_file(&v, "\\slicscan\\reports\\HP-CZC1234ABC.json", buf,
					       sizeof(buf), &n));
			check(fw_fat_read_file(&v, "\\slicscan\\summary.html", buf, sizeof(buf), &n));
			check_list(&v, "\\slicscan");
		}
	}
	for (size_t i = 0; i < sizeof(d.blk) / sizeof(d.blk[0]); i++)
		if (d.blk[i] != NULL) {
			free(d.blk[i]);
			d.blk[i] = NULL;
		}
	return 0;
}
