/* SPDX-License-Identifier: MIT */
/* FAT volumes: finding one (MBR or superfloppy), the BPB check, sector I/O, the FAT table and
 * cluster allocation. The write order and the limits are explained in fat.h. */
#include "fat_internal.h"

/* ---- sectors ------------------------------------------------------------------------------ */

static int disk_err(int rc, bool writing)
{
	if (writing && rc == FW_DISK_EWRITEPROT)
		return FW_FAT_EWRITEPROT;
	return FW_FAT_EIO;
}

/* Transfers of whole sectors inside the volume, split to FW_DISK_MAX_BYTES per call. */
static int xfer(struct fw_fat *v, uint32_t sec, uint32_t n, void *rbuf, const void *wbuf)
{
	if (!ss_in_bounds(sec, n, v->total_sectors))
		return FW_FAT_ECORRUPT;
	if (wbuf != NULL && v->disk.write == NULL)
		return FW_FAT_EWRITEPROT;
	uint32_t per = FW_DISK_MAX_BYTES >> v->bps_shift;
	while (n > 0) {
		uint32_t k = n < per ? n : per;
		uint64_t lba = v->first_lba + sec;
		int rc = wbuf != NULL ? v->disk.write(v->disk.ctx, lba, k, wbuf)
				      : v->disk.read(v->disk.ctx, lba, k, rbuf);
		if (rc != 0)
			return disk_err(rc, wbuf != NULL);
		if (wbuf != NULL)
			wbuf = (const uint8_t *)wbuf + ((size_t)k << v->bps_shift);
		else
			rbuf = (uint8_t *)rbuf + ((size_t)k << v->bps_shift);
		sec += k;
		n -= k;
	}
	return FW_FAT_OK;
}

int fat_rd(struct fw_fat *v, uint32_t sec, uint32_t n, void *buf)
{
	return xfer(v, sec, n, buf, NULL);
}

int fat_wr(struct fw_fat *v, uint32_t sec, uint32_t n, const void *buf)
{
	/* The sector buffer may hold one of these sectors: it would be stale. */
	if (v->buf_sector != UINT32_MAX && v->buf_sector - sec < n && buf != v->buf)
		v->buf_sector = UINT32_MAX;
	int rc = xfer(v, sec, n, NULL, buf);
	/* The read-ahead keeps what was written (after a failure the disk may hold either). */
	for (uint32_t i = 0; i < n && v->ra_count > 0; i++) {
		if (sec + i - v->ra_first >= v->ra_count)
			continue;
		if (rc != FW_FAT_OK)
			v->ra_count = 0;
		else
			ss_memcopy(v->ra + ((size_t)(sec + i - v->ra_first) << v->bps_shift),
				   (const uint8_t *)buf + ((size_t)i << v->bps_shift), v->bps);
	}
	return rc;
}

/* A sector through the read-ahead: a miss reads up to FW_FAT_WINDOW bytes from sec on (to the
 * volume's end), so walking a directory or a path costs one disk call per 32 KiB, not one per
 * sector (a stick's report folder of 1,000 files is about 100 sectors, walked once per file
 * the fleet page reads). */
int fat_load(struct fw_fat *v, uint32_t sec)
{
	if (v->buf_sector == sec)
		return FW_FAT_OK;
	v->buf_sector = UINT32_MAX;
	if (v->ra_count == 0 || sec - v->ra_first >= v->ra_count) {
		uint32_t per = FW_FAT_WINDOW >> v->bps_shift, n = per;
		if (sec >= v->total_sectors)
			return FW_FAT_ECORRUPT;
		if (v->total_sectors - sec < n)
			n = v->total_sectors - sec;
		v->ra_count = 0;
		int rc = fat_rd(v, sec, n, v->ra);
		if (rc != FW_FAT_OK)
			return rc;
		v->ra_first = sec;
		v->ra_count = n;
	}
	ss_memcopy(v->buf, v->ra + ((size_t)(sec - v->ra_first) << v->bps_shift), v->bps);
	v->buf_sector = sec;
	return FW_FAT_OK;
}

int fat_store(struct fw_fat *v)
{
	if (v->buf_sector == UINT32_MAX)
		return FW_FAT_EINVAL;
	int rc = fat_wr(v, v->buf_sector, 1, v->buf);
	if (rc != FW_FAT_OK)
		v->buf_sector = UINT32_MAX; /* the disk may hold either version now */
	return rc;
}

bool fat_cluster_ok(const struct fw_fat *v, uint32_t c)
{
	return c >= 2 && c - 2 < v->clusters;
}

uint32_t fat_cluster_sector(const struct fw_fat *v, uint32_t c)
{
	return v->data_sector + ((c - 2) << v->spc_shift);
}

int fat_zero_cluster(struct fw_fat *v, uint32_t c)
{
	ss_memfill(v->buf, 0, v->bps);
	v->buf_sector = UINT32_MAX;
	uint32_t s = fat_cluster_sector(v, c);
	for (uint32_t i = 0; i < v->spc; i++) {
		int rc = fat_wr(v, s + i, 1, v->buf);
		if (rc != FW_FAT_OK)
			return rc;
	}
	return FW_FAT_OK;
}

/* ---- the FAT ------------------------------------------------------------------------------ */

int fat_flush(struct fw_fat *v)
{
	if (!v->fat_dirty)
		return FW_FAT_OK;
	uint32_t n = v->dirty_hi - v->dirty_lo + 1;
	const uint8_t *from = v->fat_buf + ((size_t)v->dirty_lo << v->bps_shift);
	for (uint32_t f = 0; f < v->nfats; f++) {
		if (!v->mirror && f != v->active_fat)
			continue;
		int rc = fat_wr(v, v->rsvd + f * v->fat_sectors + v->fat_cached + v->dirty_lo, n,
				from);
		if (rc != FW_FAT_OK)
			return rc;
	}
	v->fat_dirty = false;
	return FW_FAT_OK;
}

void fat_forget(struct fw_fat *v)
{
	v->fat_cached = UINT32_MAX;
	v->fat_count = 0;
	v->fat_dirty = false;
	v->buf_sector = UINT32_MAX;
	v->ra_count = 0;
}

/* The FAT byte at offset off (of the active FAT), through the window: a miss writes back what
 * changed and reads the window-aligned run of sectors holding off. */
static int fat_byte(struct fw_fat *v, uint32_t off, uint8_t **p)
{
	uint32_t s = off >> v->bps_shift;
	if (s >= v->fat_sectors)
		return FW_FAT_ECORRUPT; /* cannot happen after the mount check */
	if (v->fat_cached == UINT32_MAX || s < v->fat_cached || s - v->fat_cached >= v->fat_count) {
		int rc = fat_flush(v);
		if (rc != FW_FAT_OK)
			return rc;
		uint32_t per = FW_FAT_WINDOW >> v->bps_shift;
		uint32_t first = s - s % per;
		uint32_t n = v->fat_sectors - first < per ? v->fat_sectors - first : per;
		v->fat_cached = UINT32_MAX;
		v->fat_count = 0;
		rc = fat_rd(v, v->rsvd + v->active_fat * v->fat_sectors + first, n, v->fat_buf);
		if (rc != FW_FAT_OK)
			return rc;
		v->fat_cached = first;
		v->fat_count = n;
	}
	*p = &v->fat_buf[((size_t)(s - v->fat_cached) << v->bps_shift) + (off & (v->bps - 1))];
	return FW_FAT_OK;
}

/* Note that the FAT byte at offset off (already in the window) changed. */
static void fat_touch(struct fw_fat *v, uint32_t off)
{
	uint32_t w = (off >> v->bps_shift) - v->fat_cached;
	if (!v->fat_dirty) {
		v->dirty_lo = v->dirty_hi = w;
		v->fat_dirty = true;
		return;
	}
	if (w < v->dirty_lo)
		v->dirty_lo = w;
	if (w > v->dirty_hi)
		v->dirty_hi = w;
}

static int fat_get(struct fw_fat *v, uint32_t c, uint32_t *val)
{
	uint8_t *p, *q;
	int rc;
	if (v->fat_bits == 12) {
		uint32_t off = c + c / 2;
		if ((rc = fat_byte(v, off, &p)) != FW_FAT_OK)
			return rc;
		uint32_t lo = *p;
		if ((rc = fat_byte(v, off + 1, &q)) != FW_FAT_OK)
			return rc;
		uint32_t w = lo | ((uint32_t)*q << 8);
		*val = (c & 1) ? w >> 4 : w & 0xFFF;
		return FW_FAT_OK;
	}
	if (v->fat_bits == 16) {
		if ((rc = fat_byte(v, c * 2, &p)) != FW_FAT_OK)
			return rc;
		*val = ss_le16(p);
		return FW_FAT_OK;
	}
	if ((rc = fat_byte(v, c * 4, &p)) != FW_FAT_OK)
		return rc;
	*val = ss_le32(p) & 0x0FFFFFFF;
	return FW_FAT_OK;
}

int fat_set(struct fw_fat *v, uint32_t c, uint32_t value)
{
	uint8_t *p;
	int rc;
	if (!fat_cluster_ok(v, c))
		return FW_FAT_ECORRUPT;
	if (v->fat_bits == 12) {
		uint32_t off = c + c / 2;
		value &= 0xFFF;
		if ((rc = fat_byte(v, off, &p)) != FW_FAT_OK)
			return rc;
		if (c & 1)
			*p = (uint8_t)((*p & 0x0F) | ((value & 0x0F) << 4));
		else
			*p = (uint8_t)value;
		fat_touch(v, off);
		/* The second byte may be past the window: fat_byte writes this one back first. */
		if ((rc = fat_byte(v, off + 1, &p)) != FW_FAT_OK)
			return rc;
		if (c & 1)
			*p = (uint8_t)(value >> 4);
		else
			*p = (uint8_t)((*p & 0xF0) | (value >> 8));
		fat_touch(v, off + 1);
		return FW_FAT_OK;
	}
	uint32_t off = c * (v->fat_bits / 8);
	if ((rc = fat_byte(v, off, &p)) != FW_FAT_OK)
		return rc;
	if (v->fat_bits == 16)
		fat_put16(p, value);
	else
		fat_put32(p, (ss_le32(p) & 0xF0000000) | (value & 0x0FFFFFFF)); /* top 4 bits reserved */
	fat_touch(v, off);
	return FW_FAT_OK;
}

uint32_t fat_eoc(const struct fw_fat *v)
{
	return v->fat_bits == 12 ? 0xFFF : v->fat_bits == 16 ? 0xFFFF : 0x0FFFFFFF;
}

int fat_next(struct fw_fat *v, uint32_t c, uint32_t *next)
{
	uint32_t x;
	if (!fat_cluster_ok(v, c))
		return FW_FAT_ECORRUPT;
	int rc = fat_get(v, c, &x);
	if (rc != FW_FAT_OK)
		return rc;
	if (x >= fat_eoc(v) - 7) /* 0xFF8.. / 0xFFF8.. / 0x0FFFFFF8..: end of chain */
		return 0;
	if (!fat_cluster_ok(v, x)) /* free, reserved, bad (0x..F7) or past the volume */
		return FW_FAT_ECORRUPT;
	*next = x;
	return 1;
}

int fat_chain(struct fw_fat *v, uint32_t first, uint32_t *count, uint32_t *last)
{
	*count = 0;
	*last = 0;
	if (first == 0)
		return FW_FAT_OK;
	uint32_t c = first;
	for (;;) {
		if (*count >= v->clusters)
			return FW_FAT_ECORRUPT; /* longer than the volume: a loop */
		(*count)++;
		*last = c;
		uint32_t n;
		int rc = fat_next(v, c, &n);
		if (rc <= 0)
			return rc;
		c = n;
	}
}

/* ---- allocation --------------------------------------------------------------------------- */

static uint32_t scan_start(const struct fw_fat *v)
{
	return fat_cluster_ok(v, v->next_free) ? v->next_free : 2;
}

int fat_have_free(struct fw_fat *v, uint32_t n)
{
	uint32_t c = scan_start(v), found = 0;
	if (n == 0)
		return FW_FAT_OK;
	for (uint32_t i = 0; i < v->clusters; i++) {
		uint32_t x;
		int rc = fat_get(v, c, &x);
		if (rc != FW_FAT_OK)
			return rc;
		if (x == 0 && ++found == n)
			return FW_FAT_OK;
		c = c - 2 + 1 < v->clusters ? c + 1 : 2;
	}
	return FW_FAT_ENOSPC;
}

int fat_alloc(struct fw_fat *v, uint32_t n, uint32_t *first, uint32_t *last)
{
	uint32_t c = scan_start(v), got = 0, prev = 0;
	*first = *last = 0;
	for (uint32_t i = 0; i < v->clusters && got < n; i++) {
		uint32_t x;
		int rc = fat_get(v, c, &x);
		if (rc != FW_FAT_OK)
			return rc;
		if (x == 0) {
			if ((rc = fat_set(v, c, fat_eoc(v))) != FW_FAT_OK)
				return rc;
			if (prev != 0 && (rc = fat_set(v, prev, c)) != FW_FAT_OK)
				return rc;
			if (prev == 0)
				*first = c;
			prev = c;
			got++;
		}
		c = c - 2 + 1 < v->clusters ? c + 1 : 2;
	}
	if (got < n)
		return FW_FAT_ENOSPC; /* fat_have_free said otherwise: the FAT changed under us */
	*last = prev;
	v->next_free = prev; /* the next search starts here (FSInfo's hint means the same) */
	return FW_FAT_OK;
}

#define FSI_LEAD 0x41615252u
#define FSI_STRUC 0x61417272u
#define FSI_TRAIL 0xAA550000u

/* FSInfo's free count minus used plus freed (one of them 0). */
static int fsinfo_change(struct fw_fat *v, uint32_t used, uint32_t freed)
{
	if (v->fsinfo_sector == 0 || (used == 0 && freed == 0))
		return FW_FAT_OK;
	int rc = fat_load(v, v->fsinfo_sector);
	if (rc != FW_FAT_OK)
		return rc;
	if (ss_le32(v->buf) != FSI_LEAD || ss_le32(v->buf + 484) != FSI_STRUC ||
	    ss_le32(v->buf + 508) != FSI_TRAIL)
		return FW_FAT_OK; /* changed since mount: leave it alone */
	uint32_t free_count = v->free_count;
	if (free_count != UINT32_MAX)
		free_count = free_count >= used ? free_count - used : UINT32_MAX;
	if (free_count != UINT32_MAX)
		free_count = free_count <= v->clusters && v->clusters - free_count >= freed ?
				     free_count + freed : UINT32_MAX;
	fat_put32(v->buf + 488, free_count);
	fat_put32(v->buf + 492, v->next_free);
	if ((rc = fat_store(v)) != FW_FAT_OK)
		return rc;
	v->free_count = free_count;
	return FW_FAT_OK;
}

int fat_fsinfo_update(struct fw_fat *v, uint32_t used)
{
	return fsinfo_change(v, used, 0);
}

int fat_fsinfo_freed(struct fw_fat *v, uint32_t freed)
{
	return fsinfo_change(v, 0, freed);
}

/* ---- mount -------------------------------------------------------------------------------- */

static int log2_exact(uint32_t x)
{
	for (int i = 0; i < 32; i++)
		if (x == (1u << i))
			return i;
	return -1;
}

static void copy_label(char out[12], const uint8_t *p)
{
	uint32_t n = 11;
	while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == 0))
		n--;
	for (uint32_t i = 0; i < n; i++)
		out[i] = (char)p[i];
	out[n] = 0;
	if (ss_streq(out, "NO NAME"))
		out[0] = 0;
}

/* Check the boot sector at lba (at most limit sectors long) and set up v from it.
 * FW_FAT_OK, FW_FAT_ENOFAT or FW_FAT_EIO. */
static int try_volume(struct fw_fat *v, uint64_t lba, uint64_t limit)
{
	const uint8_t *b = v->buf;
	fat_forget(v);
	if (v->disk.read(v->disk.ctx, lba, 1, v->buf) != 0)
		return FW_FAT_EIO;
	if (b[510] != 0x55 || b[511] != 0xAA || !(b[0] == 0xEB || b[0] == 0xE9))
		return FW_FAT_ENOFAT;
	uint32_t bps = ss_le16(b + 11), spc = b[13], rsvd = ss_le16(b + 14), nfats = b[16];
	uint32_t root_entries = ss_le16(b + 17), tot16 = ss_le16(b + 19), media = b[21];
	uint32_t fat16sz = ss_le16(b + 22), tot32 = ss_le32(b + 32), fat32sz = ss_le32(b + 36);
	int bps_shift = log2_exact(bps), spc_shift = log2_exact(spc);
	if (bps != v->disk.sector_size || bps_shift < 0 || spc_shift < 0 || bps * spc > 65536 ||
	    rsvd == 0 || nfats < 1 || nfats > 2 || !(media == 0xF0 || media >= 0xF8))
		return FW_FAT_ENOFAT;
	bool fat32 = fat16sz == 0;
	uint32_t fatsz = fat32 ? fat32sz : fat16sz;
	uint64_t total = tot16 != 0 ? tot16 : tot32;
	if (fatsz == 0 || total == 0 || total > limit)
		return FW_FAT_ENOFAT;
	if (fat32 && (root_entries != 0 || tot16 != 0 || ss_le16(b + 42) != 0))
		return FW_FAT_ENOFAT; /* FAT32: no fixed root, 32-bit total, version 0.0 */
	if (!fat32 && root_entries == 0)
		return FW_FAT_ENOFAT;
	uint64_t root_secs = ((uint64_t)root_entries * FAT_ENTRY + bps - 1) >> bps_shift;
	uint64_t data = rsvd + (uint64_t)nfats * fatsz + root_secs;
	if (data >= total)
		return FW_FAT_ENOFAT;
	uint64_t clusters = (total - data) >> spc_shift;
	uint64_t need; /* FAT bytes for clusters + 2 entries */
	int bits;
	if (fat32) {
		bits = 32;
		need = (clusters + 2) * 4;
		if (clusters > 0x0FFFFFF4)
			return FW_FAT_ENOFAT;
	} else if (clusters < 4085) {
		bits = 12;
		need = ((clusters + 2) * 3 + 1) / 2;
	} else if (clusters < 65525) {
		bits = 16;
		need = (clusters + 2) * 2;
	} else {
		return FW_FAT_ENOFAT; /* too many clusters for a 16-bit FAT */
	}
	if (clusters == 0 || need > ((uint64_t)fatsz << bps_shift))
		return FW_FAT_ENOFAT; /* the FAT cannot describe every cluster: the BPB lies */

	v->fat_bits = bits;
	v->first_lba = lba;
	v->bps = bps;
	v->bps_shift = (uint32_t)bps_shift;
	v->spc = spc;
	v->spc_shift = (uint32_t)spc_shift;
	v->cluster_bytes = bps * spc;
	v->total_sectors = (uint32_t)total;
	v->rsvd = rsvd;
	v->nfats = nfats;
	v->fat_sectors = fatsz;
	v->mirror = true;
	v->active_fat = 0;
	v->root_sector = rsvd + nfats * fatsz;
	v->root_sectors = (uint32_t)root_secs;
	v->root_entries = root_entries;
	v->data_sector = (uint32_t)data;
	v->clusters = (uint32_t)clusters;
	v->root_cluster = 0;
	v->fsinfo_sector = 0;
	v->free_count = UINT32_MAX;
	v->next_free = UINT32_MAX;
	uint32_t sig_at = fat32 ? 66 : 38;
	v->has_serial = b[sig_at] == 0x29 || b[sig_at] == 0x28;
	v->serial = v->has_serial ? ss_le32(b + sig_at + 1) : 0;
	v->label[0] = 0;
	if (b[sig_at] == 0x29)
		copy_label(v->label, b + sig_at + 5);
	if (fat32) {
		uint32_t ext = ss_le16(b + 40), fsi = ss_le16(b + 48);
		v->root_cluster = ss_le32(b + 44);
		if (!fat_cluster_ok(v, v->root_cluster))
			return FW_FAT_ENOFAT;
		if (ext & 0x80) {
			v->mirror = false;
			v->active_fat = ext & 0x0F;
			if (v->active_fat >= nfats)
				return FW_FAT_ENOFAT;
		}
		if (fsi != 0 && fsi != 0xFFFF && fsi < rsvd) {
			int rc = fat_load(v, fsi);
			if (rc != FW_FAT_OK)
				return rc;
			if (ss_le32(v->buf) == FSI_LEAD && ss_le32(v->buf + 484) == FSI_STRUC &&
			    ss_le32(v->buf + 508) == FSI_TRAIL) {
				v->fsinfo_sector = fsi;
				v->free_count = ss_le32(v->buf + 488);
				if (v->free_count > v->clusters)
					v->free_count = UINT32_MAX;
				v->next_free = ss_le32(v->buf + 492);
			}
		}
	}
	return FW_FAT_OK;
}

static bool fat_type(uint8_t t)
{
	switch (t) {
	case 0x01: case 0x04: case 0x06: case 0x0B: case 0x0C: case 0x0E:
	case 0x11: case 0x14: case 0x16: case 0x1B: case 0x1C: case 0x1E:
	case 0xEF:
		return true;
	default:
		return false;
	}
}

int fw_fat_mount(struct fw_fat *v, const struct fw_disk *disk)
{
	if (v == NULL)
		return FW_FAT_EINVAL;
	ss_memfill(v, 0, sizeof(*v));
	fat_forget(v);
	if (disk == NULL || disk->read == NULL || disk->sectors == 0 ||
	    log2_exact(disk->sector_size) < 9 || disk->sector_size > FW_FAT_SECTOR_MAX)
		return FW_FAT_EINVAL;
	v->disk = *disk;
	fw_fat_set_time(v, NULL);

	/* Sector 0: an MBR, or the boot sector of a superfloppy. */
	uint8_t mbr[66];
	uint32_t sig;
	int rc;
	if (disk->read(disk->ctx, 0, 1, v->buf) != 0)
		return FW_FAT_EIO;
	if (v->buf[510] != 0x55 || v->buf[511] != 0xAA)
		return FW_FAT_ENOFAT;
	ss_memcopy(mbr, v->buf + 446, sizeof(mbr));
	sig = ss_le32(v->buf + 440);

	/* A partition table is plausible when every boot flag is 0x00 or 0x80. */
	bool table = true;
	for (int i = 0; i < 4; i++)
		if (mbr[i * 16] != 0x00 && mbr[i * 16] != 0x80)
			table = false;
	for (int pass = 0; table && pass < 2; pass++) {
		for (int i = 0; i < 4; i++) {
			const uint8_t *e = mbr + i * 16;
			uint64_t start = ss_le32(e + 8), count = ss_le32(e + 12);
			if ((pass == 0) != (e[0] == 0x80) || !fat_type(e[4]) || start == 0 ||
			    count == 0 || start >= disk->sectors)
				continue;
			if (count > disk->sectors - start)
				count = disk->sectors - start;
			rc = try_volume(v, start, count);
			if (rc == FW_FAT_EIO)
				return rc;
			if (rc == FW_FAT_OK) {
				v->has_mbr = true;
				v->disk_signature = sig;
				v->partition = i;
				goto found;
			}
		}
	}
	rc = try_volume(v, 0, disk->sectors);
	if (rc != FW_FAT_OK)
		return rc;
	v->partition = -1;
found:
	v->mounted = true;
	uint8_t raw[11];
	bool has_label;
	rc = fat_root_label(v, raw, &has_label);
	if (rc != FW_FAT_OK) {
		v->mounted = false;
		return rc;
	}
	if (has_label)
		copy_label(v->label, raw);
	return FW_FAT_OK;
}

/* ---- time and messages -------------------------------------------------------------------- */

void fw_fat_set_time(struct fw_fat *v, const struct fw_time *t)
{
	static const uint8_t mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	v->date = (1 << 5) | 1; /* 1980-01-01 */
	v->time = 0;
	v->tenth = 0;
	if (t == NULL || t->year < 1980 || t->year > 2107 || t->month < 1 || t->month > 12 ||
	    t->day < 1 || t->day > mdays[t->month - 1] || t->hour > 23 || t->minute > 59 ||
	    t->second > 59)
		return;
	bool leap = (t->year % 4 == 0 && t->year % 100 != 0) || t->year % 400 == 0;
	if (t->month == 2 && t->day == 29 && !leap)
		return;
	v->date = (uint16_t)(((t->year - 1980) << 9) | (t->month << 5) | t->day);
	v->time = (uint16_t)((t->hour << 11) | (t->minute << 5) | (t->second / 2));
	v->tenth = (uint8_t)((t->second & 1) * 100);
}

const char *fw_fat_strerror(int err)
{
	switch (err) {
	case FW_FAT_OK: return "success";
	case FW_FAT_EIO: return "the disk reported a read or write error";
	case FW_FAT_EWRITEPROT: return "the disk is write-protected";
	case FW_FAT_EINVAL: return "invalid request (bad argument or volume not mounted)";
	case FW_FAT_ENOFAT: return "no FAT file system found on the disk";
	case FW_FAT_ECORRUPT: return "the file system is damaged (run a disk check on it)";
	case FW_FAT_ENOTFOUND: return "no such file or folder";
	case FW_FAT_EEXIST: return "a file or folder of that name exists already";
	case FW_FAT_ENOTDIR: return "a part of the path is a file, not a folder";
	case FW_FAT_EISDIR: return "the path is a folder, not a file";
	case FW_FAT_EBADNAME: return "invalid file name or path";
	case FW_FAT_ETOOBIG: return "the file is too large to read into memory";
	case FW_FAT_ENOSPC: return "the disk is full";
	case FW_FAT_EDIRFULL: return "the folder is full (no room for another entry)";
	case FW_FAT_EFILESIZE: return "the file would grow past the FAT limit of 4 GiB";
	case FW_FAT_EREADONLY: return "the file is marked read-only";
	case FW_FAT_ENAMES: return "no unique short (8.3) name left for this name";
	default: return "unknown error";
	}
}
