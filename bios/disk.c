/* SPDX-License-Identifier: MIT */
/* Disks through the BIOS (INT 13h extensions, through the real-mode thunk) and the stick the
 * kernel booted from (docs/BIOS.md, "The stick").
 *
 * INT 13h, Phoenix "Enhanced Disk Drive Specification" 3.0 (the extensions every BIOS with USB
 * boot has): AH=41h says the extensions are there and whether AH=42h-44h/48h work (bit 0 of CX),
 * AH=48h gives the sector size and count, AH=42h/43h read and write by LBA through a disk
 * address packet (LOW_DAP) into the bounce buffer (LOW_BOUNCE, 32 KiB: at most 64 sectors of
 * 512 a call, which is also the most many BIOSes take). A write the medium refuses comes back
 * with CF set and AH=03h ("write-protected"): FW_DISK_EWRITEPROT. Drives without the extensions
 * (CHS only: no PC that boots USB sticks) are not used.
 *
 * Which disk is the stick: mboot.c32 passes no boot drive, so the stick is recognised by what
 * is written on it. `make usb` draws a random id per image, writes it as the MBR disk
 * signature and the FAT volume serial and names it on the kernel command line
 * (stick=SIGNATURE-SERIAL, 8 hex digits each). A disk is the stick only when both match; with
 * none or more than one match nothing is written anywhere. Every other disk is only ever read
 * (sector 0 and the FAT volume's first sectors) and gets a struct fw_disk without a write
 * callback. */
#include "bios.h"

#include "fat.h"

#define DISK_FIRST 0x80
#define DISK_LAST 0x8F
#define CHUNK_MAX 64u /* sectors per INT 13h call */
#define TRIES 3       /* a failed transfer is retried after a reset (AH=00h), as DOS did */

static int ext_present(uint8_t drive)
{
	struct bios_regs r;
	ss_memfill(&r, 0, sizeof(r));
	r.eax = 0x4100;
	r.ebx = 0x55AA;
	r.edx = drive;
	bios_int(0x13, &r);
	if ((r.eflags & BIOS_CF) || (r.ebx & 0xFFFF) != 0xAA55)
		return 0;
	return (r.ecx & 1) != 0; /* the packet functions (42h, 43h, 44h, 47h, 48h) */
}

static bool drive_params(uint8_t drive, uint32_t *sector_size, uint64_t *sectors)
{
	uint8_t *p = (uint8_t *)(uintptr_t)LOW_DRVPARAM;
	struct bios_regs r;
	ss_memfill(p, 0, 0x42);
	p[0] = 0x1A; /* the EDD 1.1 size: every BIOS fills at least that much */
	ss_memfill(&r, 0, sizeof(r));
	r.eax = 0x4800;
	r.edx = drive;
	r.ds = 0;
	r.esi = LOW_DRVPARAM;
	bios_int(0x13, &r);
	if (r.eflags & BIOS_CF)
		return false;
	*sectors = (uint64_t)ss_le32(p + 16) | (uint64_t)ss_le32(p + 20) << 32;
	*sector_size = (uint32_t)p[24] | (uint32_t)p[25] << 8;
	if (*sector_size == 0)
		*sector_size = 512; /* EDD 1.x BIOSes that leave it 0 mean 512 */
	/* Some BIOSes report no count for USB sticks: reads past the end fail at the BIOS. */
	if (*sectors == 0 || *sectors == ~(uint64_t)0)
		*sectors = 0xFFFFFFFFu;
	return *sector_size >= 512 && *sector_size <= LOW_BOUNCE_SIZE &&
	       (*sector_size & (*sector_size - 1)) == 0;
}

static void reset(uint8_t drive)
{
	struct bios_regs r;
	ss_memfill(&r, 0, sizeof(r));
	r.edx = drive;
	bios_int(0x13, &r);
}

/* One AH=42h/43h call for n sectors (n * sector size <= the bounce buffer). */
static int xfer(struct bios_disk *d, uint8_t ah, uint64_t lba, uint32_t n)
{
	uint8_t *dap = (uint8_t *)(uintptr_t)LOW_DAP;
	int rc = FW_DISK_EIO;
	for (int t = 0; t < TRIES; t++) {
		struct bios_regs r;
		ss_memfill(dap, 0, 16);
		dap[0] = 16;
		dap[2] = (uint8_t)n;
		dap[4] = 0; /* offset 0 in the bounce buffer's segment */
		dap[5] = 0;
		dap[6] = (uint8_t)bios_bounce_seg();
		dap[7] = (uint8_t)(bios_bounce_seg() >> 8);
		for (int i = 0; i < 8; i++)
			dap[8 + i] = (uint8_t)(lba >> (8 * i));
		ss_memfill(&r, 0, sizeof(r));
		r.eax = (uint32_t)ah << 8; /* AL = 0: write without verify */
		r.edx = d->drive;
		r.ds = 0;
		r.esi = LOW_DAP;
		bios_int(0x13, &r);
		if (!(r.eflags & BIOS_CF))
			return 0;
		d->last_status = (uint8_t)(r.eax >> 8);
		d->last_write = ah == 0x43;
		if (ah == 0x43 && d->last_status == 0x03)
			return FW_DISK_EWRITEPROT; /* retrying does not help */
		reset(d->drive);
	}
	return rc;
}

static int disk_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	struct bios_disk *d = ctx;
	uint8_t *out = buf;
	uint32_t per = LOW_BOUNCE_SIZE / d->sector_size;
	if (per > CHUNK_MAX)
		per = CHUNK_MAX;
	while (count > 0) {
		uint32_t n = count < per ? count : per;
		int rc = xfer(d, 0x42, lba, n);
		if (rc != 0)
			return rc;
		ss_memcopy(out, bios_bounce(), (size_t)n * d->sector_size);
		out += (size_t)n * d->sector_size;
		lba += n;
		count -= n;
	}
	return 0;
}

static int disk_write(void *ctx, uint64_t lba, uint32_t count, const void *buf)
{
	struct bios_disk *d = ctx;
	const uint8_t *in = buf;
	uint32_t per = LOW_BOUNCE_SIZE / d->sector_size;
	if (!d->writable)
		return FW_DISK_EIO; /* never reached: only the stick gets this callback */
	if (per > CHUNK_MAX)
		per = CHUNK_MAX;
	while (count > 0) {
		uint32_t n = count < per ? count : per;
		ss_memcopy(bios_bounce(), in, (size_t)n * d->sector_size);
		int rc = xfer(d, 0x43, lba, n);
		if (rc != 0)
			return rc;
		in += (size_t)n * d->sector_size;
		lba += n;
		count -= n;
	}
	return 0;
}

bool bios_disk_open(struct bios_disk *d, uint8_t drive)
{
	ss_memfill(d, 0, sizeof(*d));
	d->drive = drive;
	if (!ext_present(drive) || !drive_params(drive, &d->sector_size, &d->sectors))
		return false;
	d->fw.ctx = d;
	d->fw.read = disk_read;
	d->fw.write = NULL;
	d->fw.sector_size = d->sector_size;
	d->fw.sectors = d->sectors;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool hex8(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		int h = hexval(s[i]);
		if (h < 0)
			return false;
		v = v << 4 | (uint32_t)h;
	}
	*out = v;
	return true;
}

bool bios_stick_id_parse(const char *s, size_t n, uint32_t *sig, uint32_t *serial)
{
	return n == 17 && s[8] == '-' && hex8(s, sig) && hex8(s + 9, serial);
}

/* fw_fat_mount needs about 9 KiB: static, as everything large in the kernel. */
static struct fw_fat probe;

int bios_stick_find(struct bios_stick *st, uint32_t sig, uint32_t serial)
{
	unsigned matches = 0;
	st->found = false;
	st->drives = 0;
	for (unsigned drive = DISK_FIRST; drive <= DISK_LAST; drive++) {
		struct bios_disk d;
		if (!bios_disk_open(&d, (uint8_t)drive))
			continue;
		st->drives++;
		if (fw_fat_mount(&probe, &d.fw) != FW_FAT_OK)
			continue;
		if (!probe.has_mbr || probe.disk_signature != sig || !probe.has_serial ||
		    probe.serial != serial)
			continue;
		if (matches++ == 0)
			st->disk = d;
	}
	if (matches == 0) {
		ss_fmt(st->why, sizeof(st->why),
		       "no disk carries this stick's id %08x-%08x (%u disks seen)", (unsigned)sig,
		       (unsigned)serial, st->drives);
		return -1;
	}
	if (matches > 1) {
		ss_fmt(st->why, sizeof(st->why),
		       "%u disks carry this stick's id %08x-%08x: not writing to any", matches,
		       (unsigned)sig, (unsigned)serial);
		return -1;
	}
	st->disk.fw.ctx = &st->disk;
	st->disk.writable = true;
	st->disk.fw.write = disk_write;
	int rc = fw_fat_mount(&st->fat, &st->disk.fw);
	if (rc != FW_FAT_OK) {
		ss_fmt(st->why, sizeof(st->why), "the stick (BIOS drive 0x%02x): %s",
		       st->disk.drive, fw_fat_strerror(rc));
		return -1;
	}
	st->found = true;
	return 0;
}
