/* SPDX-License-Identifier: MIT */
/* Unit tests of fw/fat*.c against real FAT images: made by mformat (FAT12, FAT16, FAT32) and
 * scripts/mkesp (the stick's exact layout), filled with mtools, read and written by the
 * library through a sector callback over the image file, then checked with mtools (names,
 * contents) and fsck.fat -n (a clean volume) after every operation. The only stand-in is the
 * callback, which can also refuse writes (a write-protected stick, or one pulled after N
 * writes). Needs mtools and dosfstools (scripts/deps.sh test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fat.h"
#include "fat_internal.h"

static char tmp[256];

/* ---- shell helpers -------------------------------------------------------------------- */

static int sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 255;
}

/* stdout of a command (malloc'd, NUL-terminated); *rc its exit status. */
static char *out(int *rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *out(int *rc, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	size_t cap = 1 << 16, n = 0;
	char *b = malloc(cap);
	size_t k;
	while ((k = fread(b + n, 1, cap - n - 1, p)) > 0) {
		n += k;
		if (n + 1 == cap)
			b = realloc(b, cap *= 2);
	}
	b[n] = 0;
	int st = pclose(p);
	if (rc != NULL)
		*rc = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	return b;
}

/* ---- an image file as a disk ---------------------------------------------------------- */

struct img {
	char path[300];
	char mt[320];   /* what mtools' -i takes: the file, or file@@1M for the stick layout */
	bool mbr;
	int fd;
	uint64_t sectors;
	long writes, reads;
	uint32_t ssize;  /* sector size: 512, or 4096 for a 4Kn test */
	long fail_after; /* refuse writes once this many were done (-1: never) */
	int fail_code;
	struct fw_disk disk;
	struct fw_fat v;
};

static int img_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct img *m = ctx;
	assert_true(count > 0 && count * m->ssize <= FW_DISK_MAX_BYTES);
	assert_true(lba + count <= m->sectors);
	m->reads++;
	ssize_t r = pread(m->fd, buf, (size_t)count * m->ssize, (off_t)(lba * m->ssize));
	return r == (ssize_t)count * m->ssize ? 0 : FW_DISK_EIO;
}

static int img_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	struct img *m = ctx;
	assert_true(count > 0 && count * m->ssize <= FW_DISK_MAX_BYTES);
	assert_true(lba + count <= m->sectors);
	if (m->fail_after >= 0 && m->writes >= m->fail_after)
		return m->fail_code;
	m->writes++;
	ssize_t r = pwrite(m->fd, buf, (size_t)count * m->ssize, (off_t)(lba * m->ssize));
	return r == (ssize_t)count * m->ssize ? 0 : FW_DISK_EIO;
}

static struct img *img_new(const char *name, bool mbr)
{
	struct img *m = calloc(1, sizeof(*m));
	snprintf(m->path, sizeof(m->path), "%s/%s", tmp, name);
	snprintf(m->mt, sizeof(m->mt), mbr ? "%s@@1M" : "%s", m->path);
	m->mbr = mbr;
	m->fd = -1;
	m->ssize = 512;
	m->fail_after = -1;
	return m;
}

/* (Re)open and mount: after mtools changed the image, the library's caches are stale. */
static void img_mount(struct img *m)
{
	struct stat st;
	if (m->fd >= 0)
		close(m->fd);
	m->fd = open(m->path, O_RDWR);
	assert_true(m->fd >= 0);
	assert_int_equal(fstat(m->fd, &st), 0);
	m->sectors = (uint64_t)st.st_size / m->ssize;
	m->disk = (struct fw_disk){ m, img_read, img_write, m->ssize, m->sectors };
	int rc = fw_fat_mount(&m->v, &m->disk);
	if (rc != FW_FAT_OK)
		fprintf(stderr, "mount %s: %s\n", m->path, fw_fat_strerror(rc));
	assert_int_equal(rc, FW_FAT_OK);
}

static void img_free(struct img *m)
{
	if (m->fd >= 0)
		close(m->fd);
	unlink(m->path);
	free(m);
}

/* FAT12 floppy (1.44 MB, 512-byte clusters, 224-entry root). */
static struct img *make_fat12(const char *name)
{
	struct img *m = img_new(name, false);
	assert_int_equal(sh("rm -f %s && truncate -s 1440K %s && mformat -i %s -f 1440 -v FLOPPY "
			    "-N 0F12AB34 ::", m->path, m->path, m->path), 0);
	return m;
}

/* The stick as `make usb` lays it out: MBR, one FAT16 partition at 1 MiB (scripts/mkesp,
 * run once in setup; each test gets a copy). */
static struct img *make_stick(const char *name)
{
	struct img *m = img_new(name, true);
	assert_int_equal(sh("cp --sparse=always %s/stick.tmpl %s", tmp, m->path), 0);
	return m;
}

/* FAT32, as Windows formats sticks (64 MiB, 512-byte clusters). */
static struct img *make_fat32(const char *name)
{
	struct img *m = img_new(name, false);
	assert_int_equal(sh("rm -f %s && truncate -s 64M %s && mformat -i %s -F -v BIG32 "
			    "-N 3232CAFE ::", m->path, m->path, m->path), 0);
	return m;
}

static void put_file(struct img *m, const char *dest, const void *data, size_t len)
{
	char src[300];
	snprintf(src, sizeof(src), "%s/src.bin", tmp);
	FILE *f = fopen(src, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	/* every parent folder first (mcopy makes none) */
	char dir[300];
	snprintf(dir, sizeof(dir), "%s", dest);
	for (char *p = strchr(dir + 1, '/'); p != NULL; p = strchr(p + 1, '/')) {
		*p = 0;
		sh("mmd -i %s '::%s' 2>/dev/null", m->mt, dir);
		*p = '/';
	}
	assert_int_equal(sh("mcopy -o -i %s %s '::%s'", m->mt, src, dest), 0);
}

/* fsck.fat -n must find nothing to fix. It takes no offset: the stick's partition is copied. */
static void fsck_clean(struct img *m)
{
	char part[300];
	int rc;
	const char *dev = m->path;
	if (m->mbr) {
		snprintf(part, sizeof(part), "%s/part.img", tmp);
		assert_int_equal(sh("dd if=%s of=%s bs=1M skip=1 conv=sparse status=none", m->path,
				    part), 0);
		dev = part;
	}
	char *o = out(&rc, "fsck.fat -n %s 2>&1", dev);
	if (rc != 0)
		fprintf(stderr, "fsck.fat -n %s: exit %d\n%s\n", m->path, rc, o);
	assert_int_equal(rc, 0);
	free(o);
}

/* mtype's bytes of a file must equal want. */
static void mtype_is(struct img *m, const char *path, const void *want, size_t len)
{
	char dst[300];
	snprintf(dst, sizeof(dst), "%s/mtype.out", tmp);
	assert_int_equal(sh("mcopy -n -o -i %s '::%s' %s", m->mt, path, dst), 0);
	FILE *f = fopen(dst, "rb");
	assert_non_null(f);
	char *got = malloc(len + 2);
	size_t n = fread(got, 1, len + 1, f);
	fclose(f);
	if (n != len || memcmp(got, want, len) != 0)
		fprintf(stderr, "%s: %zu bytes read back, %zu expected\n", path, n, len);
	assert_int_equal(n, len);
	assert_memory_equal(got, want, len);
	free(got);
}

/* mdir -b lists full long names: the listing of dir must contain line. */
static bool mdir_has(struct img *m, const char *dir, const char *line)
{
	char *o = out(NULL, "mdir -b -i %s '::%s' 2>/dev/null", m->mt, dir);
	bool yes = false;
	for (char *s = strtok(o, "\n"); s != NULL && !yes; s = strtok(NULL, "\n"))
		yes = strcmp(s, line) == 0;
	free(o);
	return yes;
}

static void fill(uint8_t *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)((i * 131 + seed * 7 + (i >> 9)) & 0xFF);
}

static void expect_rc(int got, int want)
{
	if (got != want)
		fprintf(stderr, "got %d (%s), expected %d (%s)\n", got, fw_fat_strerror(got), want,
			fw_fat_strerror(want));
	assert_int_equal(got, want);
}

/* ---- names (pure) --------------------------------------------------------------------- */

static void basis_of(const char *name, char out11[12], bool *lossy, bool *exact)
{
	struct fat_name nm;
	struct fat_basis b;
	const char *p = name;
	assert_int_equal(fat_component(&p, &nm), 1);
	fat_make_basis(&nm, &b);
	memcpy(out11, b.base, 8);
	memcpy(out11 + 8, b.ext, 3);
	out11[11] = 0;
	*lossy = b.lossy;
	*exact = b.exact;
}

static void test_names(void **state)
{
	(void)state;
	static const struct { const char *name, *basis; bool lossy, exact; } t[] = {
		{ "HP-CZC1234ABC.json", "HP-CZC12JSO", true, false },
		{ "Dell-5F83FBD970E4.txt", "DELL-5F8TXT", true, false },
		{ "summary.csv", "SUMMARY CSV", false, false },
		{ "reports", "REPORTS    ", false, false },
		{ "README.TXT", "README  TXT", false, true },
		{ "REPORTS", "REPORTS    ", false, true },
		{ "a+b;c=d.txt", "A_B_C_D TXT", true, false },
		{ ".hidden", "HIDDEN     ", true, false },
		{ "my file.tar.gz", "MYFILETAGZ ", true, false },
		{ "x.jpeg", "X       JPE", true, false },
		{ "caf\xc3\xa9.txt", "CAF_    TXT", true, false },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char got[12];
		bool lossy, exact;
		basis_of(t[i].name, got, &lossy, &exact);
		if (strcmp(got, t[i].basis) != 0 || lossy != t[i].lossy || exact != t[i].exact)
			fprintf(stderr, "%s: basis '%s' lossy %d exact %d\n", t[i].name, got, lossy,
				exact);
		assert_string_equal(got, t[i].basis);
		assert_int_equal(lossy, t[i].lossy);
		assert_int_equal(exact, t[i].exact);
	}
	/* the checksum of fatgen103's algorithm, against a value computed by hand */
	const uint8_t sfn[11] = { 'H', 'P', '-', 'C', 'Z', 'C', '~', '1', 'J', 'S', 'O' };
	uint8_t sum = 0;
	for (int i = 0; i < 11; i++)
		sum = (uint8_t)(((sum & 1) ? 0x80 : 0) + (sum >> 1) + sfn[i]);
	assert_int_equal(fat_lfn_sum(sfn), sum);

	/* path components */
	struct fat_name nm;
	const char *p = "\\\\slicscan//reports\\";
	assert_int_equal(fat_component(&p, &nm), 1);
	assert_int_equal(nm.n, 8);
	assert_int_equal(fat_component(&p, &nm), 1);
	assert_int_equal(nm.n, 7);
	assert_int_equal(fat_component(&p, &nm), 0);
	static const char *const bad[] = { "\\a\\..\\b", ".", "a*b", "a?", "x:y", "trail.",
					   "trail ", "bad\xc3", "\xed\xa0\x80x", "\xc0\xaf", "tab\t" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		p = bad[i];
		int rc;
		while ((rc = fat_component(&p, &nm)) == 1)
			;
		if (rc != FW_FAT_EBADNAME)
			fprintf(stderr, "not refused: '%s'\n", bad[i]);
		assert_int_equal(rc, FW_FAT_EBADNAME);
	}
	char longname[300];
	memset(longname, 'a', 256);
	longname[256] = 0;
	p = longname;
	assert_int_equal(fat_component(&p, &nm), FW_FAT_EBADNAME);
	longname[255] = 0;
	p = longname;
	assert_int_equal(fat_component(&p, &nm), 1);
	assert_string_equal(fw_fat_strerror(FW_FAT_ENOSPC), "the disk is full");
	assert_string_equal(fw_fat_strerror(12345), "unknown error");
}

/* ---- mount ---------------------------------------------------------------------------- */

static void test_mount(void **state)
{
	(void)state;
	struct img *a = make_fat12("m12.img"), *b = make_stick("m16.img"),
		   *c = make_fat32("m32.img");
	img_mount(a);
	img_mount(b);
	img_mount(c);
	assert_int_equal(a->v.fat_bits, 12);
	assert_string_equal(a->v.label, "FLOPPY");
	assert_true(a->v.has_serial);
	assert_int_equal(a->v.serial, 0x0F12AB34);
	assert_false(a->v.has_mbr);
	assert_int_equal(a->v.partition, -1);

	assert_int_equal(b->v.fat_bits, 16);
	assert_string_equal(b->v.label, "SLICSCAN");
	assert_true(b->v.has_mbr);
	assert_int_equal(b->v.disk_signature, 0x51C5CA11); /* scripts/mkesp */
	assert_int_equal(b->v.partition, 0);
	assert_int_equal(b->v.first_lba, 2048);
	char *o = out(NULL, "minfo -i %s :: | sed -n 's/^serial number: //p'", b->mt);
	assert_int_equal(b->v.serial, (uint32_t)strtoul(o, NULL, 16));
	free(o);

	assert_int_equal(c->v.fat_bits, 32);
	assert_string_equal(c->v.label, "BIG32");
	assert_int_equal(c->v.serial, 0x3232CAFE);

	/* A superfloppy FAT16 (mkesp without --mbr) is found at LBA 0. */
	struct img *d = img_new("sf16.img", false);
	assert_int_equal(sh("scripts/mkesp -o %s --size 32 --label BARE16", d->path), 0);
	img_mount(d);
	assert_int_equal(d->v.fat_bits, 16);
	assert_string_equal(d->v.label, "BARE16");
	assert_int_equal(d->v.partition, -1);
	img_free(a);
	img_free(b);
	img_free(c);
	img_free(d);
}

/* An image in memory, for the corruption tests. */
struct mem {
	uint8_t *b;
	size_t len;
	long writes;
};

static int mem_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct mem *m = ctx;
	if (lba * 512 + count * 512ull > m->len)
		return FW_DISK_EIO;
	memcpy(buf, m->b + lba * 512, count * 512ull);
	return 0;
}

static int mem_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	struct mem *m = ctx;
	if (lba * 512 + count * 512ull > m->len)
		return FW_DISK_EIO;
	memcpy(m->b + lba * 512, buf, count * 512ull);
	m->writes++;
	return 0;
}

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc(*len);
	assert_int_equal(fread(b, 1, *len, f), *len);
	fclose(f);
	return b;
}

/* FAT12 entry c of the FAT at fat (1.44 MB floppy: 12 bits at byte c * 1.5) := value. */
static void fat12_set(uint8_t *fat, uint32_t c, uint32_t value)
{
	uint32_t off = c + c / 2;
	if (c & 1) {
		fat[off] = (uint8_t)((fat[off] & 0x0F) | ((value & 0x0F) << 4));
		fat[off + 1] = (uint8_t)(value >> 4);
	} else {
		fat[off] = (uint8_t)value;
		fat[off + 1] = (uint8_t)((fat[off + 1] & 0xF0) | ((value >> 8) & 0x0F));
	}
}

/* The root directory entry named name11 (224 entries at root), or NULL. */
static uint8_t *root_entry(uint8_t *root, const char *name11)
{
	for (int i = 0; i < 224; i++)
		if (memcmp(root + i * 32, name11, 11) == 0)
			return root + i * 32;
	return NULL;
}

/* A lying BPB is refused at mount; a damaged FAT or directory gives FW_FAT_ECORRUPT. */
static void test_corrupt(void **state)
{
	(void)state;
	struct img *m = make_fat12("c12.img");
	uint8_t data[3000];
	fill(data, sizeof(data), 1);
	put_file(m, "/six.bin", data, sizeof(data)); /* 6 clusters of 512 */
	assert_int_equal(sh("mmd -i %s ::/sub", m->mt), 0);
	size_t len;
	uint8_t *orig = slurp(m->path, &len);
	uint8_t *b = malloc(len);
	struct mem mm = { b, len, 0 };
	struct fw_disk d = { &mm, mem_read, mem_write, 512, len / 512 };
	static struct fw_fat v;
	static uint8_t got[4096];
	uint32_t n;

	static const struct { uint32_t off, width, value; } lies[] = {
		{ 11, 2, 0 }, { 11, 2, 1024 }, { 11, 2, 513 }, /* bytes per sector */
		{ 13, 1, 0 }, { 13, 1, 3 },                      /* sectors per cluster */
		{ 14, 2, 0 },                                    /* reserved sectors */
		{ 16, 1, 0 }, { 16, 1, 5 },                      /* FAT count */
		{ 17, 2, 0 },                                    /* root entries (FAT12) */
		{ 19, 2, 0 }, { 19, 2, 2881 }, { 19, 2, 10 },    /* total sectors */
		{ 21, 1, 0x12 },                                 /* media */
		{ 22, 2, 1 }, { 22, 2, 0 },                      /* FAT size: too small, or "FAT32" */
		{ 510, 1, 0 }, { 0, 1, 0 },                      /* signature, jump */
	};
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		memcpy(b, orig, len);
		for (uint32_t k = 0; k < lies[i].width; k++)
			b[lies[i].off + k] = (uint8_t)(lies[i].value >> (8 * k));
		int rc = fw_fat_mount(&v, &d);
		if (rc != FW_FAT_ENOFAT)
			fprintf(stderr, "lie %zu accepted: %d\n", i, rc);
		assert_int_equal(rc, FW_FAT_ENOFAT);
	}

	/* FAT12 entries: cluster c at byte c*1.5 of the FAT at sector 1. */
	memcpy(b, orig, len);
	assert_int_equal(fw_fat_mount(&v, &d), FW_FAT_OK);
	assert_int_equal(fw_fat_read_file(&v, "six.bin", got, sizeof(got), &n), FW_FAT_OK);
	assert_int_equal(n, sizeof(data));
	assert_memory_equal(got, data, sizeof(data));
	/* loop six.bin's chain: its second cluster points back to its first */
	uint8_t *root = b + 19 * 512, *fat = b + 512, *six = root_entry(root, "SIX     BIN");
	assert_non_null(six);
	uint32_t first = six[26] | six[27] << 8;
	assert_true(first >= 2);
	fat12_set(fat, first + 1, first);
	assert_int_equal(fw_fat_mount(&v, &d), FW_FAT_OK);
	expect_rc(fw_fat_read_file(&v, "six.bin", got, sizeof(got), &n), FW_FAT_ECORRUPT);
	expect_rc(fw_fat_append(&v, "six.bin", "x", 1), FW_FAT_ECORRUPT);
	/* a chain that leaves the volume */
	fat12_set(fat, first + 1, 0xF05);
	assert_int_equal(fw_fat_mount(&v, &d), FW_FAT_OK);
	expect_rc(fw_fat_read_file(&v, "six.bin", got, sizeof(got), &n), FW_FAT_ECORRUPT);
	/* a size larger than the chain */
	memcpy(b, orig, len);
	six[29] = 0x20; /* 3000 + 8192 bytes */
	assert_int_equal(fw_fat_mount(&v, &d), FW_FAT_OK);
	expect_rc(fw_fat_read_file(&v, "six.bin", got, sizeof(got), &n), FW_FAT_ETOOBIG);
	static uint8_t big[16384];
	expect_rc(fw_fat_read_file(&v, "six.bin", big, sizeof(big), &n), FW_FAT_ECORRUPT);
	expect_rc(fw_fat_append(&v, "six.bin", "x", 1), FW_FAT_ECORRUPT);
	/* a subdirectory whose chain loops onto itself: bounded, FW_FAT_ECORRUPT */
	memcpy(b, orig, len);
	uint8_t *sube = root_entry(root, "SUB        ");
	assert_non_null(sube);
	uint32_t sub = sube[26] | sube[27] << 8;
	assert_true(sub >= 2);
	fat12_set(fat, sub, sub);
	/* make every slot of the sub directory look used, so no end marker stops the walk */
	uint8_t *subd = b + (33 + (sub - 2)) * 512;
	for (int i = 2; i < 16; i++) {
		memcpy(subd + i * 32, "FILLER  TXT", 11);
		subd[i * 32 + 11] = 0x20;
		memset(subd + i * 32 + 12, 0, 20);
	}
	assert_int_equal(fw_fat_mount(&v, &d), FW_FAT_OK);
	expect_rc(fw_fat_exists(&v, "sub\\nothing"), FW_FAT_ECORRUPT);
	expect_rc(fw_fat_create(&v, "sub\\new.txt", "x", 1), FW_FAT_ECORRUPT);
	/* garbage everywhere after the boot sector: no crash, no hang */
	memcpy(b, orig, len);
	for (size_t i = 512; i < len; i++)
		b[i] = (uint8_t)(i * 2654435761u >> 24);
	int rc = fw_fat_mount(&v, &d);
	if (rc == FW_FAT_OK) {
		(void)fw_fat_read_file(&v, "\\x\\y", got, sizeof(got), &n);
		(void)fw_fat_mkdirs(&v, "\\a\\b");
		(void)fw_fat_append(&v, "\\s.csv", "1\n", 2);
	}
	free(b);
	free(orig);
	img_free(m);
}

/* ---- reading ---------------------------------------------------------------------------- */

static void read_checks(struct img *m)
{
	static uint8_t small[100], two[1024], big[70000], got[80000];
	fill(small, sizeof(small), 2);
	fill(two, sizeof(two), 3);
	fill(big, sizeof(big), 4);
	assert_int_equal(sh("mmd -i %s ::/EFI ::/EFI/BOOT 2>/dev/null; mmd -i %s ::/slicscan "
			    "2>/dev/null; true", m->mt, m->mt), 0);
	put_file(m, "/EFI/BOOT/slicscan.cfg", small, sizeof(small));
	put_file(m, "/slicscan/policy.txt", two, sizeof(two));
	put_file(m, "/slicscan/A Long Name With Spaces.bin", big, sizeof(big));
	put_file(m, "/slicscan/empty.txt", "", 0);
	img_mount(m);
	uint32_t n;
	static const char *const cfgs[] = { "\\EFI\\BOOT\\slicscan.cfg", "/efi/boot/SLICSCAN.CFG",
					    "efi\\Boot/slicscan.cfg", "\\\\EFI\\\\BOOT\\\\slicscan.cfg" };
	for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		memset(got, 0, sizeof(got));
		expect_rc(fw_fat_read_file(&m->v, cfgs[i], got, sizeof(got), &n), FW_FAT_OK);
		assert_int_equal(n, sizeof(small));
		assert_memory_equal(got, small, sizeof(small));
	}
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\policy.txt", got, sizeof(got), &n), 0);
	assert_int_equal(n, sizeof(two));
	assert_memory_equal(got, two, sizeof(two));
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\a long name with SPACES.bin", got,
				   sizeof(got), &n), 0);
	assert_int_equal(n, sizeof(big));
	assert_memory_equal(got, big, sizeof(big));
	/* the same file by its 8.3 name as mtools made it */
	char *sn = out(NULL, "mdir -i %s ::/slicscan | awk '/A Long Name/ {print $1\".\"$2}'",
		       m->mt);
	sn[strcspn(sn, "\n")] = 0;
	char path[64];
	snprintf(path, sizeof(path), "\\slicscan\\%s", sn);
	free(sn);
	expect_rc(fw_fat_read_file(&m->v, path, got, sizeof(got), &n), 0);
	assert_int_equal(n, sizeof(big));
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\empty.txt", got, sizeof(got), &n), 0);
	assert_int_equal(n, 0);
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\policy.txt", got, 1023, &n), FW_FAT_ETOOBIG);
	assert_int_equal(n, 1024);
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\nope.txt", got, sizeof(got), &n),
		  FW_FAT_ENOTFOUND);
	expect_rc(fw_fat_read_file(&m->v, "\\nodir\\policy.txt", got, sizeof(got), &n),
		  FW_FAT_ENOTFOUND);
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan", got, sizeof(got), &n), FW_FAT_EISDIR);
	expect_rc(fw_fat_read_file(&m->v, "\\", got, sizeof(got), &n), FW_FAT_EISDIR);
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\policy.txt\\x", got, sizeof(got), &n),
		  FW_FAT_ENOTDIR);
	expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\..\\x", got, sizeof(got), &n),
		  FW_FAT_EBADNAME);
	expect_rc(fw_fat_exists(&m->v, "\\slicscan\\POLICY.TXT"), 1);
	expect_rc(fw_fat_exists(&m->v, "\\slicscan"), 1);
	expect_rc(fw_fat_exists(&m->v, "\\slicscan\\nope"), 0);
	expect_rc(fw_fat_exists(&m->v, "\\nope\\nope"), 0);
	expect_rc(fw_fat_exists(&m->v, "\\slicscan\\policy.txt\\x"), FW_FAT_ENOTDIR);
	uint32_t sz;
	expect_rc(fw_fat_size(&m->v, "/slicscan/policy.txt", &sz), 0);
	assert_int_equal(sz, 1024);
	assert_int_equal(m->writes, 0); /* reading never writes */
}

static void test_read_fat12(void **state)
{
	(void)state;
	struct img *m = make_fat12("r12.img");
	read_checks(m);
	img_free(m);
}

static void test_read_fat16(void **state)
{
	(void)state;
	struct img *m = make_stick("r16.img");
	read_checks(m);
	img_free(m);
}

static void test_read_fat32(void **state)
{
	(void)state;
	struct img *m = make_fat32("r32.img");
	read_checks(m);
	img_free(m);
}

/* ---- writing ---------------------------------------------------------------------------- */

/* Directories, new files, the 8.3 names, appends across clusters; mtools and fsck after each. */
static void write_checks(struct img *m, const char *short_dir_name)
{
	static const struct fw_time t = { 2024, 5, 1, 13, 45, 7, 0, FW_TZ_UNSPECIFIED, 0 };
	img_mount(m);
	fw_fat_set_time(&m->v, &t);
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports"), 0);
	fsck_clean(m);
	assert_true(mdir_has(m, "/slicscan", "::/slicscan/reports/"));
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports"), 0); /* exists: fine */
	expect_rc(fw_fat_mkdirs(&m->v, "/a/deeper/Tree Of Folders/x"), 0);
	fsck_clean(m);
	assert_true(mdir_has(m, "/a/deeper/Tree Of Folders", "::/a/deeper/Tree Of Folders/x/"));

	static uint8_t json[5000], txt[700];
	fill(json, sizeof(json), 5);
	fill(txt, sizeof(txt), 6);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\HP-CZC1234ABC.json", json,
				sizeof(json)), 0);
	fsck_clean(m);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\Dell-5F83FBD970E4.txt", txt,
				sizeof(txt)), 0);
	fsck_clean(m);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\HP-CZC1234ABD.json", "{}", 2), 0);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\empty.txt", NULL, 0), 0);
	fsck_clean(m);
	assert_true(mdir_has(m, "/slicscan/reports", "::/slicscan/reports/HP-CZC1234ABC.json"));
	assert_true(mdir_has(m, "/slicscan/reports", "::/slicscan/reports/Dell-5F83FBD970E4.txt"));
	assert_true(mdir_has(m, "/slicscan/reports", "::/slicscan/reports/HP-CZC1234ABD.json"));
	mtype_is(m, "/slicscan/reports/HP-CZC1234ABC.json", json, sizeof(json));
	mtype_is(m, "/slicscan/reports/Dell-5F83FBD970E4.txt", txt, sizeof(txt));
	mtype_is(m, "/slicscan/reports/empty.txt", "", 0);
	/* the 8.3 names: ~1 then ~2 for the second HP, both readable by those names */
	char *o = out(NULL, "mdir -i %s ::/slicscan/reports", m->mt);
	assert_non_null(strstr(o, "HP-CZC~1 JSO"));
	assert_non_null(strstr(o, "HP-CZC~2 JSO"));
	assert_non_null(strstr(o, "DELL-5~1 TXT"));
	assert_non_null(strstr(o, "2024-05-01  13:45")); /* the caller's time */
	free(o);
	mtype_is(m, "/slicscan/reports/HP-CZC~2.JSO", "{}", 2);
	o = out(NULL, "mdir -i %s ::/", m->mt);
	if (strstr(o, short_dir_name) == NULL)
		fprintf(stderr, "no '%s' in:\n%s\n", short_dir_name, o);
	assert_non_null(strstr(o, short_dir_name));
	free(o);
	/* never overwrite */
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\hp-czc1234abc.JSON", "x", 1),
		  FW_FAT_EEXIST);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports", "x", 1), FW_FAT_EEXIST);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\nodir\\x.txt", "x", 1), FW_FAT_ENOTFOUND);
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports\\HP-CZC1234ABC.json\\x"),
		  FW_FAT_ENOTDIR);
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports\\HP-CZC1234ABC.json"), FW_FAT_ENOTDIR);
	mtype_is(m, "/slicscan/reports/HP-CZC1234ABC.json", json, sizeof(json));

	/* appends: to a file mtools made, across cluster boundaries, in odd sizes */
	static uint8_t want[40000];
	size_t wlen = 0;
	memcpy(want, "serial,model,verdict\r\n", 22);
	wlen = 22;
	put_file(m, "/slicscan/summary.csv", want, wlen);
	img_mount(m);
	fw_fat_set_time(&m->v, &t);
	static const uint32_t sizes[] = { 1, 489, 512, 513, 1, 2048, 4095, 7, 8192, 3, 511 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint8_t chunk[8192];
		fill(chunk, sizes[i], 10 + (unsigned)i);
		expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", chunk, sizes[i]), 0);
		memcpy(want + wlen, chunk, sizes[i]);
		wlen += sizes[i];
		fsck_clean(m);
		mtype_is(m, "/slicscan/summary.csv", want, wlen);
	}
	uint32_t sz;
	expect_rc(fw_fat_size(&m->v, "\\slicscan\\summary.csv", &sz), 0);
	assert_int_equal(sz, wlen);
	/* mtools appends after us (it reads what we wrote), then we again */
	img_mount(m);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\reports\\empty.txt", "abc", 3), 0);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\new.csv", "a,b\r\n", 5), 0); /* created */
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\new.csv", "c,d\r\n", 5), 0);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\reports", "x", 1), FW_FAT_EISDIR);
	fsck_clean(m);
	mtype_is(m, "/slicscan/reports/empty.txt", "abc", 3);
	mtype_is(m, "/slicscan/new.csv", "a,b\r\nc,d\r\n", 10);
	/* a read-only file is left alone */
	assert_int_equal(sh("mattrib -i %s +r ::/slicscan/new.csv", m->mt), 0);
	img_mount(m);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\new.csv", "e", 1), FW_FAT_EREADONLY);
}

static void test_write_fat12(void **state)
{
	(void)state;
	struct img *m = make_fat12("w12.img");
	write_checks(m, "SLICSCAN     <DIR>");
	img_free(m);
}

static void test_write_fat16(void **state)
{
	(void)state;
	struct img *m = make_stick("w16.img");
	write_checks(m, "slicscan     <DIR>"); /* mkesp made it: an 8.3 name shown in lower case */
	img_free(m);
}

static void test_write_fat32(void **state)
{
	(void)state;
	struct img *m = make_fat32("w32.img");
	write_checks(m, "SLICSCAN     <DIR>"); /* ours: upper-case 8.3 name and its long name */
	img_free(m);
}

/* 300 report files in one directory: it grows cluster by cluster; colliding 8.3 bases get
 * tails up to ~300. On FAT12 the fixed root fills up instead: FW_FAT_EDIRFULL, still clean. */
static void grow_checks(struct img *m, const char *dir, int files)
{
	char path[128], line[160];
	img_mount(m);
	if (dir[0] != 0)
		expect_rc(fw_fat_mkdirs(&m->v, dir), 0);
	for (int i = 0; i < files; i++) {
		snprintf(path, sizeof(path), "%s\\Dell-5F83FBD9%04d.txt", dir, i);
		char body[32];
		int n = snprintf(body, sizeof(body), "report %d\n", i);
		expect_rc(fw_fat_create(&m->v, path, body, (uint32_t)n), 0);
	}
	fsck_clean(m);
	char mdir_path[128];
	snprintf(mdir_path, sizeof(mdir_path), "%s", dir);
	for (char *p = mdir_path; *p; p++)
		if (*p == '\\')
			*p = '/';
	char *o = out(NULL, "mdir -b -i %s '::%s' | grep -c 'Dell-5F83FBD9'", m->mt,
		      mdir_path[0] ? mdir_path : "/");
	assert_int_equal(atoi(o), files);
	free(o);
	for (int i = 0; i < files; i += 37) {
		snprintf(line, sizeof(line), "%s/Dell-5F83FBD9%04d.txt", mdir_path, i);
		char body[32];
		int n = snprintf(body, sizeof(body), "report %d\n", i);
		mtype_is(m, line, body, (size_t)n);
	}
	/* a name created after the directory grew is still found by the library */
	img_mount(m);
	snprintf(path, sizeof(path), "%s\\dell-5f83fbd9%04d.TXT", dir, files - 1);
	expect_rc(fw_fat_exists(&m->v, path), 1);
}

static void test_grow_fat16(void **state)
{
	(void)state;
	struct img *m = make_stick("g16.img");
	grow_checks(m, "\\slicscan\\reports", 300);
	img_free(m);
}

static void test_grow_fat32(void **state)
{
	(void)state;
	struct img *m = make_fat32("g32.img");
	grow_checks(m, "", 300); /* the FAT32 root is a cluster chain: it grows too */
	img_free(m);
}

/* fw_fat_delete: a long-named multi-cluster file and an 8.3 one go, their neighbours stay,
 * the names can be used again, FSInfo's count stays right (fsck.fat checks it). */
static void delete_checks(struct img *m, const char *dir)
{
	static uint8_t big[40000], small[100];
	char a[128], b[128], c[128], mt[128];
	fill(big, sizeof(big), 3);
	fill(small, sizeof(small), 4);
	snprintf(a, sizeof(a), "%s\\Contoso Lab PC 7 CZ1234XYZ.json", dir);
	snprintf(b, sizeof(b), "%s\\KEEP.TXT", dir);
	snprintf(c, sizeof(c), "%s\\EMPTY.TXT", dir);
	img_mount(m);
	if (dir[0] != 0)
		expect_rc(fw_fat_mkdirs(&m->v, dir), 0);
	expect_rc(fw_fat_create(&m->v, a, big, sizeof(big)), 0);
	expect_rc(fw_fat_create(&m->v, b, small, sizeof(small)), 0);
	expect_rc(fw_fat_create(&m->v, c, "", 0), 0);
	expect_rc(fw_fat_delete(&m->v, a), 0);
	expect_rc(fw_fat_delete(&m->v, c), 0);
	expect_rc(fw_fat_exists(&m->v, a), 0);
	expect_rc(fw_fat_exists(&m->v, c), 0);
	expect_rc(fw_fat_delete(&m->v, a), FW_FAT_ENOTFOUND);
	if (dir[0] != 0)
		expect_rc(fw_fat_delete(&m->v, dir), FW_FAT_EISDIR);
	fsck_clean(m);
	snprintf(mt, sizeof(mt), "%s/KEEP.TXT", dir);
	for (char *p = mt; *p; p++)
		if (*p == '\\')
			*p = '/';
	mtype_is(m, mt, small, sizeof(small));
	char mdir_dir[128], line[200];
	snprintf(mdir_dir, sizeof(mdir_dir), "%.*s", (int)(strrchr(mt, '/') - mt), mt);
	snprintf(line, sizeof(line), "::%s/Contoso Lab PC 7 CZ1234XYZ.json", mdir_dir);
	assert_false(mdir_has(m, mdir_dir[0] ? mdir_dir : "/", line));
	/* the name again, on a freshly mounted volume, then once more through the same mount */
	img_mount(m);
	expect_rc(fw_fat_create(&m->v, a, big + 1, sizeof(big) - 1), 0);
	expect_rc(fw_fat_delete(&m->v, a), 0);
	expect_rc(fw_fat_create(&m->v, a, big, sizeof(big)), 0);
	fsck_clean(m);
	snprintf(mt, sizeof(mt), "%s/Contoso Lab PC 7 CZ1234XYZ.json", dir);
	for (char *p = mt; *p; p++)
		if (*p == '\\')
			*p = '/';
	mtype_is(m, mt, big, sizeof(big));
	assert_true(mdir_has(m, mdir_dir[0] ? mdir_dir : "/", line)); /* the check above can see it */
	/* a read-only file is not deleted */
	assert_int_equal(sh("mattrib -i %s +r '::%s'", m->mt, mt), 0);
	img_mount(m);
	expect_rc(fw_fat_delete(&m->v, a), FW_FAT_EREADONLY);
}

static void test_delete(void **state)
{
	(void)state;
	struct img *m = make_fat12("d12.img");
	delete_checks(m, "");
	img_free(m);
	m = make_stick("d16.img");
	delete_checks(m, "\\slicscan\\reports");
	img_free(m);
	m = make_fat32("d32.img");
	delete_checks(m, "\\sub");
	img_free(m);
}

/* fw_fat_list's names, collected. */
struct names {
	char s[64][300];
	int n;
};

static void collect(void *arg, const char *name)
{
	struct names *l = arg;
	assert_true(l->n < 64);
	snprintf(l->s[l->n++], sizeof(l->s[0]), "%s", name);
}

static bool listed(const struct names *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (strcmp(l->s[i], name) == 0)
			return true;
	return false;
}

static void list_rename_checks(struct img *m, const char *dir, int grow_files)
{
	static uint8_t page[30000], report[700];
	char a[200], mt[200];
	struct names l = { .n = 0 };
	fill(page, sizeof(page), 5);
	fill(report, sizeof(report), 6);
	img_mount(m);
	expect_rc(fw_fat_mkdirs(&m->v, dir), 0);
	snprintf(a, sizeof(a), "%s\\reports", dir);
	expect_rc(fw_fat_mkdirs(&m->v, a), 0);
	/* what mtools puts there is listed too, long names */
	snprintf(mt, sizeof(mt), "%s/Contoso PC 7.json", dir);
	for (char *p = mt; *p; p++)
		if (*p == '\\')
			*p = '/';
	put_file(m, mt, report, sizeof(report));
	img_mount(m);
	snprintf(a, sizeof(a), "%s\\summary.html.new", dir);
	expect_rc(fw_fat_create(&m->v, a, page, sizeof(page)), 0);
	snprintf(a, sizeof(a), "%s\\KEEP.TXT", dir);
	expect_rc(fw_fat_create(&m->v, a, "keep", 4), 0);
	for (int i = 0; i < grow_files; i++) { /* fill the directory so the new name must grow it */
		snprintf(a, sizeof(a), "%s\\filler number %03d with a long name.json", dir, i);
		expect_rc(fw_fat_create(&m->v, a, "", 0), 0);
	}
	expect_rc(fw_fat_list(&m->v, dir, collect, &l), 3 + grow_files);
	assert_true(listed(&l, "summary.html.new") && listed(&l, "KEEP.TXT") &&
		    listed(&l, "Contoso PC 7.json"));
	assert_false(listed(&l, "reports") || listed(&l, ".") || listed(&l, ".."));
	l.n = 0;
	snprintf(a, sizeof(a), "%s\\KEEP.TXT", dir);
	expect_rc(fw_fat_list(&m->v, a, collect, &l), FW_FAT_ENOTDIR);
	snprintf(a, sizeof(a), "%s\\nope", dir);
	expect_rc(fw_fat_list(&m->v, a, collect, &l), FW_FAT_ENOTFOUND);
	expect_rc(fw_fat_list(&m->v, "\\", collect, &l), l.n);

	/* refused: a taken name, a folder in the new name, a missing file, a folder */
	snprintf(a, sizeof(a), "%s\\summary.html.new", dir);
	expect_rc(fw_fat_rename(&m->v, a, "keep.txt"), FW_FAT_EEXIST);
	expect_rc(fw_fat_rename(&m->v, a, "reports"), FW_FAT_EEXIST);
	expect_rc(fw_fat_rename(&m->v, a, "x\\summary.html"), FW_FAT_EBADNAME);
	expect_rc(fw_fat_rename(&m->v, a, ""), FW_FAT_EBADNAME);
	snprintf(a, sizeof(a), "%s\\reports", dir);
	expect_rc(fw_fat_rename(&m->v, a, "r2"), FW_FAT_EISDIR);
	snprintf(a, sizeof(a), "%s\\missing.html", dir);
	expect_rc(fw_fat_rename(&m->v, a, "summary.html"), FW_FAT_ENOTFOUND);
	fsck_clean(m);

	/* the swap fw_fleet_stick_write makes */
	snprintf(a, sizeof(a), "%s\\summary.html.new", dir);
	expect_rc(fw_fat_rename(&m->v, a, "summary.html"), 0);
	fsck_clean(m);
	snprintf(mt, sizeof(mt), "%s/summary.html", dir);
	for (char *p = mt; *p; p++)
		if (*p == '\\')
			*p = '/';
	mtype_is(m, mt, page, sizeof(page));
	assert_int_not_equal(sh("mtype -i %s '::%s.new' >/dev/null 2>&1", m->mt, mt), 0);
	expect_rc(fw_fat_exists(&m->v, a), 0);
	/* case only, then an 8.3 name, through a fresh mount */
	snprintf(a, sizeof(a), "%s\\summary.html", dir);
	expect_rc(fw_fat_rename(&m->v, a, "Summary.HTML"), 0);
	img_mount(m);
	l.n = 0;
	expect_rc(fw_fat_list(&m->v, dir, collect, &l), 3 + grow_files);
	assert_true(listed(&l, "Summary.HTML"));
	snprintf(a, sizeof(a), "%s\\summary.html", dir);
	expect_rc(fw_fat_rename(&m->v, a, "PAGE.HTM"), 0);
	fsck_clean(m);
	snprintf(mt, sizeof(mt), "%s/PAGE.HTM", dir);
	for (char *p = mt; *p; p++)
		if (*p == '\\')
			*p = '/';
	mtype_is(m, mt, page, sizeof(page));
}

static void test_list_rename(void **state)
{
	(void)state;
	struct img *m = make_fat12("r12.img");
	list_rename_checks(m, "\\slicscan", 5); /* 512-byte clusters: 30 of 32 slots */
	img_free(m);
	m = make_stick("r16.img");
	list_rename_checks(m, "\\slicscan", 5); /* 2 KiB clusters: 64 slots */
	img_free(m);
	m = make_fat32("r32.img");
	list_rename_checks(m, "\\sub", 5);
	img_free(m);
}

static void test_root_full_fat12(void **state)
{
	(void)state;
	struct img *m = make_fat12("f12root.img");
	img_mount(m);
	char path[64];
	int made = 0, rc = 0;
	for (int i = 0; i < 300; i++) {
		snprintf(path, sizeof(path), "\\Report-%04d.txt", i);
		rc = fw_fat_create(&m->v, path, "x", 1);
		if (rc != FW_FAT_OK)
			break;
		made++;
	}
	expect_rc(rc, FW_FAT_EDIRFULL);
	assert_int_equal(made, 74); /* 224 slots, three per name (two long, one 8.3) */
	fsck_clean(m);
	/* one slot is left (the volume label holds another): enough for an upper-case 8.3
	 * name, which needs no long-name entry, not for "newdir" (long + 8.3) */
	expect_rc(fw_fat_mkdirs(&m->v, "\\newdir"), FW_FAT_EDIRFULL);
	expect_rc(fw_fat_create(&m->v, "\\A.TXT", "x", 1), 0);
	expect_rc(fw_fat_create(&m->v, "\\B.TXT", "x", 1), FW_FAT_EDIRFULL);
	fsck_clean(m);
	img_free(m);
}

/* A full volume: FW_FAT_ENOSPC, nothing half-written, the volume clean, other files intact. */
static void full_checks(struct img *m, uint32_t chunk)
{
	img_mount(m);
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports"), 0);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", "head\r\n", 6), 0);
	uint8_t *b = malloc(chunk);
	fill(b, chunk, 9);
	char path[64];
	int rc = 0, i;
	for (i = 0; i < 100000; i++) {
		snprintf(path, sizeof(path), "\\slicscan\\reports\\filler-%05d.bin", i);
		rc = fw_fat_create(&m->v, path, b, chunk);
		if (rc != FW_FAT_OK)
			break;
	}
	expect_rc(rc, FW_FAT_ENOSPC);
	expect_rc(fw_fat_exists(&m->v, path), 0);
	fsck_clean(m);
	/* what is left is smaller than chunk: fill it with appends until that fails too */
	long before = m->writes;
	uint32_t sz0, sz1;
	expect_rc(fw_fat_size(&m->v, "\\slicscan\\summary.csv", &sz0), 0);
	for (;;) {
		rc = fw_fat_append(&m->v, "\\slicscan\\summary.csv", b, m->v.cluster_bytes);
		if (rc != FW_FAT_OK)
			break;
	}
	expect_rc(rc, FW_FAT_ENOSPC);
	expect_rc(fw_fat_size(&m->v, "\\slicscan\\summary.csv", &sz1), 0);
	long writes = m->writes;
	/* a failed append wrote nothing: fill the tail of the last cluster and stop exactly */
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", b, m->v.cluster_bytes),
		  FW_FAT_ENOSPC);
	assert_int_equal(m->writes, writes);
	/* the free-cluster search over the whole FAT reads it a window at a time, not sector by
	 * sector (one BIOS call each on a stick: seconds on a full FAT32 stick) */
	long reads = m->reads;
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", b, m->v.cluster_bytes),
		  FW_FAT_ENOSPC);
	uint32_t per = FW_FAT_WINDOW / m->v.bps;
	assert_true(m->reads - reads <= (long)((m->v.fat_sectors + per - 1) / per) + 16);
	expect_rc(fw_fat_mkdirs(&m->v, "\\another"), FW_FAT_ENOSPC);
	expect_rc(fw_fat_create(&m->v, "\\empty.txt", NULL, 0), 0); /* no cluster needed */
	assert_true(sz1 > sz0 && before < writes);
	fsck_clean(m);
	snprintf(path, sizeof(path), "/slicscan/reports/filler-%05d.bin", i / 2);
	mtype_is(m, path, b, chunk);
	free(b);
	if (m->v.fat_bits == 32) {
		/* FSInfo's free count was kept exact, not made unknown (fsck_clean checks it) */
		uint8_t fsi[512];
		assert_int_equal(pread(m->fd, fsi, 512, 512 * (off_t)m->v.fsinfo_sector), 512);
		assert_int_equal(fsi[488] | fsi[489] << 8 | fsi[490] << 16 | (uint32_t)fsi[491] << 24,
				 m->v.free_count);
		assert_true(m->v.free_count != UINT32_MAX);
	}
}

static void test_full_fat12(void **state)
{
	(void)state;
	struct img *m = make_fat12("full12.img");
	full_checks(m, 50000);
	img_free(m);
}

static void test_full_fat32(void **state)
{
	(void)state;
	struct img *m = img_new("full32.img", false);
	/* the smallest FAT32 mformat makes: 65525 clusters of 512 bytes */
	assert_int_equal(sh("truncate -s 33M %s && mformat -i %s -F -c 1 ::", m->path, m->path), 0);
	full_checks(m, 70000);
	/* FSInfo's free count stays exact: fsck_clean above would complain otherwise */
	img_free(m);
}

/* A write-protected stick: every write refused; the image is byte-identical afterwards, and
 * reading still works. */
static void test_write_protected(void **state)
{
	(void)state;
	struct img *imgs[3] = { make_fat12("wp12.img"), make_stick("wp16.img"),
				make_fat32("wp32.img") };
	for (int k = 0; k < 3; k++) {
		struct img *m = imgs[k];
		put_file(m, "/slicscan/summary.csv", "a\r\n", 3);
		assert_int_equal(sh("cp %s %s.orig", m->path, m->path), 0);
		img_mount(m);
		m->fail_after = 0;
		m->fail_code = FW_DISK_EWRITEPROT;
		expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports\\new"), FW_FAT_EWRITEPROT);
		expect_rc(fw_fat_create(&m->v, "\\slicscan\\x.json", "{}", 2), FW_FAT_EWRITEPROT);
		expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", "b\r\n", 3),
			  FW_FAT_EWRITEPROT);
		expect_rc(fw_fat_append(&m->v, "\\slicscan\\new.csv", "b\r\n", 3), FW_FAT_EWRITEPROT);
		assert_int_equal(m->writes, 0);
		assert_int_equal(sh("cmp -s %s %s.orig", m->path, m->path), 0);
		uint8_t got[16];
		uint32_t n;
		expect_rc(fw_fat_read_file(&m->v, "\\slicscan\\summary.csv", got, sizeof(got), &n), 0);
		assert_int_equal(n, 3);
		expect_rc(fw_fat_exists(&m->v, "\\slicscan\\x.json"), 0);
		/* a read-only disk (no write callback) says the same */
		m->disk.write = NULL;
		assert_int_equal(fw_fat_mount(&m->v, &m->disk), FW_FAT_OK);
		expect_rc(fw_fat_create(&m->v, "\\slicscan\\x.json", "{}", 2), FW_FAT_EWRITEPROT);
		char orig[320];
		snprintf(orig, sizeof(orig), "%s.orig", m->path);
		unlink(orig);
		img_free(m);
	}
}

/* The stick pulled after N writes, for every N an operation needs: the library reports an
 * error, and fsck.fat -a repairs the volume losing at most what was being written:
 * everything that was there before reads back unchanged. */
static void cut_checks(struct img *m, const char *op)
{
	static char report[3000];
	for (size_t i = 0; i < sizeof(report); i++)
		report[i] = (char)('a' + i % 26);
	put_file(m, "/slicscan/summary.csv", "head\r\n", 6);
	put_file(m, "/slicscan/reports/old.txt", "old report", 10);
	if (strcmp(op, "rename") == 0)
		put_file(m, "/slicscan/summary.html.new", report, sizeof(report));
	size_t blen;
	uint8_t *base = slurp(m->path, &blen);
	long total = -1; /* how many writes the whole operation takes: found by the first run */
	for (long n = 0; n <= total || total < 0; n++) {
		if (m->fd >= 0)
			assert_int_equal(pwrite(m->fd, base, blen, 0), (ssize_t)blen);
		img_mount(m);
		m->writes = 0;
		m->fail_after = total < 0 ? -1 : n;
		m->fail_code = FW_DISK_EIO;
		int rc;
		if (strcmp(op, "create") == 0)
			rc = fw_fat_create(&m->v, "\\slicscan\\reports\\HP-CZC1234ABC.json", report,
					   sizeof(report));
		else if (strcmp(op, "mkdirs") == 0)
			rc = fw_fat_mkdirs(&m->v, "\\slicscan\\reports\\deep\\er");
		else if (strcmp(op, "rename") == 0)
			rc = fw_fat_rename(&m->v, "\\slicscan\\summary.html.new", "summary.html");
		else
			rc = fw_fat_append(&m->v, "\\slicscan\\summary.csv", report, sizeof(report));
		m->fail_after = -1;
		if (total < 0) {
			expect_rc(rc, FW_FAT_OK);
			total = m->writes;
			fsck_clean(m);
			continue;
		}
		expect_rc(rc, n < total ? FW_FAT_EIO : FW_FAT_OK);
		/* repair, then it must be clean and hold the old files */
		int frc;
		char *o = out(&frc, "fsck.fat -a %s >/dev/null 2>&1; fsck.fat -n %s >%s/fsck.out 2>&1 "
				    "|| echo UNCLEAN; mtype -i %s ::/slicscan/reports/old.txt; "
				    "mtype -i %s ::/slicscan/summary.csv; mtype -i %s ::/slicscan/summary.html.new "
				    "2>/dev/null; mtype -i %s ::/slicscan/summary.html 2>/dev/null", m->path,
			  m->path, tmp, m->mt, m->mt, m->mt, m->mt);
		if (strncmp(o, "old reporthead\r\n", 16) != 0)
			fprintf(stderr, "%s cut after %ld of %ld writes:\n%.200s\n", op, n, total, o);
		assert_memory_equal(o, "old reporthead\r\n", 16);
		if (strcmp(op, "append") == 0 || strcmp(op, "rename") == 0)
			/* the appended part, or the renamed file under one of its names, survives
			 * whole or not at all (never twice: no two entries share its clusters) */
			assert_true(o[16] == 0 || (strlen(o + 16) == sizeof(report) &&
						   memcmp(o + 16, report, sizeof(report)) == 0));
		else
			assert_int_equal(o[16], 0);
		free(o);
		if (strcmp(op, "create") == 0 && n == total)
			mtype_is(m, "/slicscan/reports/HP-CZC1234ABC.json", report, sizeof(report));
	}
	assert_true(total > 2);
	free(base);
}

static void test_cut_fat12(void **state)
{
	(void)state;
	struct img *m = make_fat12("cut12.img");
	cut_checks(m, "create");
	cut_checks(m, "append");
	cut_checks(m, "mkdirs");
	cut_checks(m, "rename");
	img_free(m);
}

static void test_cut_fat32(void **state)
{
	(void)state;
	struct img *m = img_new("cut32.img", false);
	assert_int_equal(sh("truncate -s 33M %s && mformat -i %s -F -c 1 ::", m->path, m->path), 0);
	cut_checks(m, "create");
	cut_checks(m, "append");
	cut_checks(m, "rename");
	img_free(m);
}

/* The stick as shipped: the UEFI apps and config on it stay byte-identical while the BIOS
 * side reads the config and writes its reports next to them. */
static void test_uefi_stick(void **state)
{
	(void)state;
	char app[300], cfg[300];
	snprintf(app, sizeof(app), "%s/BOOTX64.EFI", tmp);
	snprintf(cfg, sizeof(cfg), "%s/slicscan.cfg", tmp);
	assert_int_equal(sh("head -c 150000 /dev/urandom > %s && printf 'action = wait\\r\\n' > %s",
			    app, cfg), 0);
	struct img *m = img_new("uefi.img", true);
	assert_int_equal(sh("scripts/mkesp -o %s --mbr --size 48 --label SLICSCAN --bootx64 %s "
			    "--bootia32 %s --cfg %s", m->path, app, app, cfg), 0);
	img_mount(m);
	static uint8_t got[200000];
	uint32_t n;
	expect_rc(fw_fat_read_file(&m->v, "\\EFI\\BOOT\\slicscan.cfg", got, sizeof(got), &n), 0);
	assert_int_equal(n, 15);
	assert_memory_equal(got, "action = wait\r\n", 15);
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports"), 0);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\CZC1234ABC.txt", "verdict\r\n", 9), 0);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", "s,m,v\r\n", 7), 0);
	fsck_clean(m);
	assert_int_equal(sh("mcopy -n -o -i %s ::/EFI/BOOT/BOOTX64.EFI %s/x64.out && cmp -s %s "
			    "%s/x64.out", m->mt, tmp, app, tmp), 0);
	assert_int_equal(sh("mcopy -n -o -i %s ::/EFI/BOOT/BOOTIA32.EFI %s/x64.out && cmp -s %s "
			    "%s/x64.out", m->mt, tmp, app, tmp), 0);
	/* the UEFI side (here: mtools) appends to the same summary, then we do again */
	assert_int_equal(sh("printf 'u,e,fi\\r\\n' > %s/line && mtype -i %s ::/slicscan/summary.csv "
			    "> %s/sum && cat %s/line >> %s/sum && mcopy -o -i %s %s/sum "
			    "::/slicscan/summary.csv", tmp, m->mt, tmp, tmp, tmp, m->mt, tmp), 0);
	img_mount(m);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", "b,i,os\r\n", 8), 0);
	fsck_clean(m);
	mtype_is(m, "/slicscan/summary.csv", "s,m,v\r\nu,e,fi\r\nb,i,os\r\n", 23);
	img_free(m);
}

/* 4096-byte sectors (4Kn drives, some card readers): the BPB's sector size is the disk's. */
static void test_4k_sectors(void **state)
{
	(void)state;
	struct img *m = img_new("s4k.img", false);
	m->ssize = 4096;
	assert_int_equal(sh("truncate -s 16M %s && mformat -i %s -S 5 -T 4096 -c 1 -v SEC4K ::",
			    m->path, m->path), 0);
	put_file(m, "/slicscan/summary.csv", "head\r\n", 6);
	img_mount(m);
	assert_int_equal(m->v.cluster_bytes, 4096);
	static uint8_t b[10000], want[10006];
	fill(b, sizeof(b), 12);
	memcpy(want, "head\r\n", 6);
	memcpy(want + 6, b, sizeof(b));
	expect_rc(fw_fat_mkdirs(&m->v, "\\slicscan\\reports"), 0);
	expect_rc(fw_fat_create(&m->v, "\\slicscan\\reports\\HP-CZC1234ABC.json", b, sizeof(b)), 0);
	expect_rc(fw_fat_append(&m->v, "\\slicscan\\summary.csv", b, sizeof(b)), 0);
	fsck_clean(m);
	mtype_is(m, "/slicscan/reports/HP-CZC1234ABC.json", b, sizeof(b));
	mtype_is(m, "/slicscan/summary.csv", want, sizeof(want));
	/* a 512-byte disk under a 4096-byte BPB is no FAT this library can use */
	m->disk.sector_size = 512;
	m->disk.sectors *= 8;
	expect_rc(fw_fat_mount(&m->v, &m->disk), FW_FAT_ENOFAT);
	img_free(m);
}

/* An MBR whose first partition is not FAT: the FAT partition behind it is the one found. */
static void test_mbr_choice(void **state)
{
	(void)state;
	struct img *m = make_stick("choice.img");
	/* entry 0 moves to entry 1; entry 0 becomes an active Linux partition over the gap */
	static const uint8_t linux_part[16] = { 0x80, 0, 0, 0, 0x83, 0, 0, 0, 1, 0, 0, 0, 0xFF, 7 };
	uint8_t e[16];
	int fd = open(m->path, O_RDWR);
	assert_true(fd >= 0);
	assert_int_equal(pread(fd, e, 16, 446), 16);
	assert_int_equal(pwrite(fd, e, 16, 462), 16);
	assert_int_equal(pwrite(fd, linux_part, 16, 446), 16);
	close(fd);
	img_mount(m);
	assert_int_equal(m->v.partition, 1);
	assert_int_equal(m->v.first_lba, 2048);
	assert_int_equal(m->v.fat_bits, 16);
	img_free(m);
}

/* Invalid times become the FAT epoch. */
static void test_time(void **state)
{
	(void)state;
	struct img *m = make_fat12("time.img");
	img_mount(m);
	static const struct fw_time bad = { 2023, 2, 29, 10, 0, 0, 0, FW_TZ_UNSPECIFIED, 0 };
	fw_fat_set_time(&m->v, &bad);
	expect_rc(fw_fat_create(&m->v, "\\a.txt", "x", 1), 0);
	fw_fat_set_time(&m->v, NULL);
	expect_rc(fw_fat_create(&m->v, "\\b.txt", "x", 1), 0);
	static const struct fw_time leap = { 2024, 2, 29, 23, 59, 59, 0, FW_TZ_UNSPECIFIED, 0 };
	fw_fat_set_time(&m->v, &leap);
	expect_rc(fw_fat_create(&m->v, "\\c.txt", "x", 1), 0);
	char *o = out(NULL, "mdir -i %s ::/", m->mt);
	assert_int_equal(strstr(o, "1980-01-01") != NULL, 1);
	assert_non_null(strstr(o, "2024-02-29  23:59"));
	free(o);
	fsck_clean(m);
	img_free(m);
}

static int setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/slicscan-fat-XXXXXX");
	if (mkdtemp(tmp) == NULL)
		return -1;
	setenv("MTOOLS_SKIP_CHECK", "1", 1);
	/* mtools' own settings file could change how names are made; ignore it */
	setenv("MTOOLSRC", "/dev/null", 1);
	if (sh("command -v mformat >/dev/null && command -v fsck.fat >/dev/null") != 0) {
		fprintf(stderr, "test_fw_fat: needs mtools and dosfstools (scripts/deps.sh test)\n");
		return -1;
	}
	if (sh("scripts/mkesp -o %s/stick.tmpl --mbr --size 48 --label SLICSCAN", tmp) != 0) {
		fprintf(stderr, "test_fw_fat: scripts/mkesp failed (run from the top folder)\n");
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	sh("rm -rf %s", tmp);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_mount),
		cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_read_fat12),
		cmocka_unit_test(test_read_fat16),
		cmocka_unit_test(test_read_fat32),
		cmocka_unit_test(test_write_fat12),
		cmocka_unit_test(test_write_fat16),
		cmocka_unit_test(test_write_fat32),
		cmocka_unit_test(test_grow_fat16),
		cmocka_unit_test(test_grow_fat32),
		cmocka_unit_test(test_root_full_fat12),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_list_rename),
		cmocka_unit_test(test_full_fat12),
		cmocka_unit_test(test_full_fat32),
		cmocka_unit_test(test_write_protected),
		cmocka_unit_test(test_cut_fat12),
		cmocka_unit_test(test_cut_fat32),
		cmocka_unit_test(test_uefi_stick),
		cmocka_unit_test(test_mbr_choice),
		cmocka_unit_test(test_4k_sectors),
		cmocka_unit_test(test_time),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
