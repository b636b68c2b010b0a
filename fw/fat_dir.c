/* SPDX-License-Identifier: MIT */
/* FAT directories (walking, long names, free slots, growth) and the public file operations:
 * read, exists, size, mkdirs, create, append, delete. The write order is explained in fat.h. */
#include "fat_internal.h"

/* ---- walking a directory slot by slot ----------------------------------------------------- */

struct dir_it {
	uint32_t first; /* first cluster; 0 = the fixed FAT12/16 root */
	uint32_t cl;    /* current cluster */
	uint32_t sec;   /* sector in the cluster (in the root region for the fixed root) */
	uint32_t off;   /* byte offset of the slot in that sector */
	uint32_t n;     /* slots visited */
	bool fresh;     /* the next step returns the current slot instead of moving on */
};

static void it_init(struct dir_it *it, uint32_t first)
{
	it->first = it->cl = first;
	it->sec = it->off = it->n = 0;
	it->fresh = true;
}

static uint32_t root_first(const struct fw_fat *v)
{
	return v->fat_bits == 32 ? v->root_cluster : 0;
}

/* The next 32-byte slot: 1 with *e pointing into v->buf, 0 past the directory's last slot
 * (it->cl then stays the last cluster), or an error. A directory chain longer than 65536
 * slots is damaged (fatgen103: directories hold at most 65536 entries); that also ends a
 * looping chain. */
static int it_next(struct fw_fat *v, struct dir_it *it, uint8_t **e)
{
	if (!it->fresh) {
		it->off += FAT_ENTRY;
		if (it->off == v->bps) {
			it->off = 0;
			it->sec++;
			if (it->first != 0 && it->sec == v->spc) {
				uint32_t nx;
				int rc = fat_next(v, it->cl, &nx);
				if (rc <= 0) {
					it->sec--, it->off = v->bps - FAT_ENTRY;
					return rc;
				}
				it->cl = nx;
				it->sec = 0;
			}
		}
	}
	it->fresh = false;
	uint32_t s;
	if (it->first == 0) {
		if (it->n >= v->root_entries)
			return 0;
		s = v->root_sector + it->sec;
	} else {
		if (it->n >= FW_FAT_DIR_ENTRIES_MAX || !fat_cluster_ok(v, it->cl))
			return FW_FAT_ECORRUPT;
		s = fat_cluster_sector(v, it->cl) + it->sec;
	}
	int rc = fat_load(v, s);
	if (rc != FW_FAT_OK)
		return rc;
	it->n++;
	*e = v->buf + it->off;
	return 1;
}

/* ---- entries -------------------------------------------------------------------------- */

struct fat_entry {
	struct fat_name name;  /* the long name when a valid one precedes, else the 8.3 name */
	struct fat_name sname; /* the 8.3 name */
	uint8_t sfn[11];
	uint8_t attr;
	uint32_t cluster, size;
	uint32_t sector, off;  /* where the short entry lies */
	struct dir_it start;   /* the entry's first slot (its first long-name entry, else the
				  short entry), ready to be returned by it_next */
	uint32_t slots;        /* long-name entries + the short entry */
};

/* Where the 13 UCS-2 characters of a long-name entry are. */
static const uint8_t lfn_pos[FAT_LFN_CHARS] = { 1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30 };

static void copy_name(struct fat_name *dst, const struct fat_name *src)
{
	for (uint32_t i = 0; i < src->n; i++)
		dst->c[i] = src->c[i];
	dst->n = src->n;
}

/* The next file, directory or label entry with its long name: 1, 0 at the end, or an error.
 * Long-name entries count only in an unbroken sequence N|0x40, N-1, ..., 1 whose checksum
 * matches the short entry that follows; anything else is ignored (fsck.fat drops such
 * orphans, Windows ignores them). */
static int dir_next(struct fw_fat *v, struct dir_it *it, struct fat_entry *fe)
{
	uint32_t expect = 0, count = 0;
	uint8_t sum = 0;
	bool lfn = false;
	struct dir_it start = *it;
	for (;;) {
		uint8_t *e;
		int rc = it_next(v, it, &e);
		if (rc <= 0)
			return rc;
		if (e[0] == 0x00)
			return 0;
		if (e[0] == 0xE5) {
			lfn = false;
			continue;
		}
		if ((e[11] & 0x3F) == FAT_ATTR_LFN) {
			uint32_t ord = e[0] & 0x1F;
			if (e[0] & 0x40) {
				lfn = ord >= 1 && ord <= FAT_LFN_MAX_ENTRIES && !(e[0] & 0xA0);
				count = ord;
				sum = e[13];
				start = *it;
				start.fresh = true;
			} else if (!lfn || ord != expect || e[0] != ord || e[13] != sum) {
				lfn = false;
			}
			if (!lfn)
				continue;
			for (uint32_t k = 0; k < FAT_LFN_CHARS; k++)
				fe->name.c[(ord - 1) * FAT_LFN_CHARS + k] = ss_le16(e + lfn_pos[k]);
			expect = ord - 1;
			continue;
		}
		ss_memcopy(fe->sfn, e, 11);
		fe->attr = e[11];
		fe->cluster = ss_le16(e + 26);
		if (v->fat_bits == 32)
			fe->cluster |= (uint32_t)ss_le16(e + 20) << 16;
		fe->size = ss_le32(e + 28);
		fe->sector = v->buf_sector;
		fe->off = it->off;
		fat_sfn_name(fe->sfn, &fe->sname);
		uint32_t n = 0;
		fe->start = *it;
		fe->start.fresh = true;
		fe->slots = 1;
		if (lfn && expect == 0 && sum == fat_lfn_sum(fe->sfn)) {
			fe->start = start;
			fe->slots = count + 1;
			while (n < count * FAT_LFN_CHARS && fe->name.c[n] != 0)
				n++;
		}
		if (n == 0 || n > FW_FAT_NAME_MAX)
			copy_name(&fe->name, &fe->sname);
		else
			fe->name.n = n;
		return 1;
	}
}

/* Look name up in the directory: 1 with *fe, 0 when absent, or an error. */
static int dir_find(struct fw_fat *v, uint32_t dir, const struct fat_name *nm,
		    struct fat_entry *fe)
{
	struct dir_it it;
	it_init(&it, dir);
	for (;;) {
		int rc = dir_next(v, &it, fe);
		if (rc <= 0)
			return rc;
		if (fe->attr & FAT_ATTR_VOLUME)
			continue;
		if (fat_name_eq(&fe->name, nm) || fat_name_eq(&fe->sname, nm))
			return 1;
	}
}

int fat_root_label(struct fw_fat *v, uint8_t raw[11], bool *found)
{
	struct dir_it it;
	*found = false;
	it_init(&it, root_first(v));
	for (;;) {
		uint8_t *e;
		int rc = it_next(v, &it, &e);
		if (rc <= 0)
			return rc;
		if (e[0] == 0x00)
			return FW_FAT_OK;
		if (e[0] != 0xE5 && (e[11] & 0x3F) != FAT_ATTR_LFN && (e[11] & FAT_ATTR_VOLUME)) {
			ss_memcopy(raw, e, 11);
			*found = true;
			return FW_FAT_OK;
		}
	}
}

/* ---- creating entries ----------------------------------------------------------------- */

static void make_sfn(const struct fw_fat *v, uint8_t *e, const uint8_t sfn[11], uint8_t attr,
		     uint32_t cluster, uint32_t size)
{
	ss_memcopy(e, sfn, 11);
	e[11] = attr;
	e[12] = 0;
	e[13] = v->tenth;
	fat_put16(e + 14, v->time);  /* created */
	fat_put16(e + 16, v->date);
	fat_put16(e + 18, v->date);  /* last access */
	fat_put16(e + 20, v->fat_bits == 32 ? cluster >> 16 : 0);
	fat_put16(e + 22, v->time);  /* written */
	fat_put16(e + 24, v->date);
	fat_put16(e + 26, cluster & 0xFFFF);
	fat_put32(e + 28, size);
}

static void make_lfn(uint8_t *e, const struct fat_name *nm, uint32_t ord, bool first,
		     uint8_t sum)
{
	ss_memfill(e, 0, FAT_ENTRY);
	e[0] = (uint8_t)(ord | (first ? 0x40 : 0));
	e[11] = FAT_ATTR_LFN;
	e[13] = sum;
	for (uint32_t k = 0; k < FAT_LFN_CHARS; k++) {
		uint32_t i = (ord - 1) * FAT_LFN_CHARS + k;
		/* the name, one NUL when it does not fill the entry, then 0xFFFF padding */
		fat_put16(e + lfn_pos[k], i < nm->n ? nm->c[i] : i == nm->n ? 0x0000 : 0xFFFF);
	}
}

/* Where new entries go: m free slots in a row (deleted ones, or from the end marker on). */
struct slot_plan {
	struct dir_it start; /* the first slot, ready to be stepped onto */
	bool ended;          /* the run includes slots past the end marker */
	uint32_t have;       /* free slots at start: m, or fewer when the directory must grow */
	uint32_t grow;       /* clusters to add */
	uint32_t last;       /* the directory's last cluster (when it grows) */
	uint32_t slots;      /* slots in the directory now (when it grows) */
};

static int find_slots(struct fw_fat *v, uint32_t dir, uint32_t m, struct slot_plan *sp)
{
	struct dir_it it;
	uint32_t run = 0;
	bool ended = false;
	it_init(&it, dir);
	sp->grow = 0;
	for (;;) {
		uint8_t *e;
		int rc = it_next(v, &it, &e);
		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		if (e[0] == 0x00)
			ended = true; /* this and every later slot is free */
		if (!ended && e[0] != 0xE5) {
			run = 0;
			continue;
		}
		if (run == 0) {
			sp->start = it;
			sp->start.fresh = true;
			sp->start.n--;
		}
		if (++run == m) {
			sp->have = m;
			sp->ended = ended;
			return FW_FAT_OK;
		}
	}
	if (dir == 0)
		return FW_FAT_EDIRFULL; /* the FAT12/16 root cannot grow */
	uint32_t per = v->cluster_bytes / FAT_ENTRY;
	sp->grow = (m - run + per - 1) / per;
	if ((uint64_t)it.n + (uint64_t)sp->grow * per > FW_FAT_DIR_ENTRIES_MAX)
		return FW_FAT_EDIRFULL;
	sp->have = run;
	sp->ended = true;
	sp->last = it.cl;
	sp->slots = it.n;
	return FW_FAT_OK;
}

/* Write the m = nl + 1 entries (nl long-name entries, then the short one) from sp->start,
 * each sector once, in on-disk order, so the short entry is written last. */
static int write_entries(struct fw_fat *v, const struct slot_plan *sp,
			 const struct fat_name *nm, uint32_t nl, const uint8_t sfn[11],
			 uint8_t attr, uint32_t cluster, uint32_t size, const uint8_t *keep)
{
	struct dir_it it = sp->start;
	uint8_t *e = NULL;
	int rc = 1;
	if (sp->ended) {
		/* Slots after the end marker may hold old bytes: the one after ours must read as
		 * the end again, or they would appear once ours fill the gap. Done first. */
		struct dir_it t = sp->start;
		for (uint32_t k = 0; k <= nl + 1 && rc == 1; k++)
			rc = it_next(v, &t, &e);
		if (rc < 0)
			return rc;
		if (rc == 1 && e[0] != 0x00) {
			e[0] = 0x00;
			if ((rc = fat_store(v)) != FW_FAT_OK)
				return rc;
		}
	}
	uint8_t sum = fat_lfn_sum(sfn);
	for (uint32_t k = 0; k <= nl; k++) {
		rc = it_next(v, &it, &e);
		if (rc <= 0)
			return rc == 0 ? FW_FAT_ECORRUPT : rc;
		if (k < nl)
			make_lfn(e, nm, nl - k, k == 0, sum);
		else
			make_sfn(v, e, sfn, attr, cluster, size);
		if (k == nl && keep != NULL) /* a rename: the old entry's dates, cluster, size */
			ss_memcopy(e + 13, keep + 13, FAT_ENTRY - 13);
		if (k == nl || it.off + FAT_ENTRY == v->bps) {
			if ((rc = fat_store(v)) != FW_FAT_OK)
				return rc;
		}
	}
	return FW_FAT_OK;
}

/* Write len bytes from offset off of cluster cl on. When cl is full, the next cluster is
 * then_cl if given (an append's new chain, not linked yet), else the FAT's. A sector begun
 * at its start is zero-padded; one begun inside keeps its earlier bytes. */
static int write_span(struct fw_fat *v, uint32_t cl, uint32_t off, uint32_t then_cl,
		      const uint8_t *data, uint32_t len)
{
	while (len > 0) {
		if (off == v->cluster_bytes) {
			if (then_cl != 0) {
				cl = then_cl;
				then_cl = 0;
			} else {
				int rc = fat_next(v, cl, &cl);
				if (rc <= 0)
					return rc == 0 ? FW_FAT_ECORRUPT : rc;
			}
			off = 0;
		}
		if (!fat_cluster_ok(v, cl))
			return FW_FAT_ECORRUPT;
		uint32_t s = fat_cluster_sector(v, cl) + (off >> v->bps_shift);
		uint32_t so = off & (v->bps - 1), adv;
		int rc;
		if (so == 0 && len >= v->bps) {
			uint32_t k = len >> v->bps_shift, room = (v->cluster_bytes - off) >> v->bps_shift;
			if (k > room)
				k = room;
			if ((rc = fat_wr(v, s, k, data)) != FW_FAT_OK)
				return rc;
			adv = k << v->bps_shift;
		} else {
			adv = v->bps - so < len ? v->bps - so : len;
			if (so == 0) {
				ss_memfill(v->buf, 0, v->bps);
				v->buf_sector = s;
			} else if ((rc = fat_load(v, s)) != FW_FAT_OK) {
				return rc;
			}
			ss_memcopy(v->buf + so, data, adv);
			if ((rc = fat_store(v)) != FW_FAT_OK)
				return rc;
		}
		data += adv;
		len -= adv;
		off += adv;
	}
	return FW_FAT_OK;
}

/* A new directory's cluster: "." and "..", the rest zero. parent is 0 for the root. */
static int write_dir_cluster(struct fw_fat *v, uint32_t c, uint32_t parent)
{
	static const uint8_t dot[11] = { '.', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ' };
	static const uint8_t dotdot[11] = { '.', '.', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ' };
	uint32_t s = fat_cluster_sector(v, c);
	int rc;
	v->buf_sector = UINT32_MAX;
	ss_memfill(v->buf, 0, v->bps);
	make_sfn(v, v->buf, dot, FAT_ATTR_DIR, c, 0);
	make_sfn(v, v->buf + FAT_ENTRY, dotdot, FAT_ATTR_DIR, parent, 0);
	if ((rc = fat_wr(v, s, 1, v->buf)) != FW_FAT_OK)
		return rc;
	ss_memfill(v->buf, 0, v->bps);
	for (uint32_t i = 1; i < v->spc; i++)
		if ((rc = fat_wr(v, s + i, 1, v->buf)) != FW_FAT_OK)
			return rc;
	return FW_FAT_OK;
}

/* The short name for nm in dir: its basis, with the lowest free ~N tail when the basis lost
 * something. *nl = long-name entries needed. */
static int short_name(struct fw_fat *v, uint32_t dir, const struct fat_name *nm,
		      uint8_t sfn[11], uint32_t *nl, struct fat_entry *scratch)
{
	struct fat_basis b;
	fat_make_basis(nm, &b);
	*nl = b.exact ? 0 : (nm->n + FAT_LFN_CHARS - 1) / FAT_LFN_CHARS;
	if (!b.lossy) {
		/* Not taken: the caller found no entry whose long or short name equals nm. */
		ss_memcopy(sfn, b.base, 8);
		ss_memcopy(sfn + 8, b.ext, 3);
		return FW_FAT_OK;
	}
	struct dir_it it;
	ss_memfill(v->tails, 0, sizeof(v->tails));
	it_init(&it, dir);
	for (;;) {
		int rc = dir_next(v, &it, scratch);
		if (rc < 0)
			return rc;
		if (rc == 0)
			break;
		fat_mark_tail(v, &b, &scratch->sname);
		fat_mark_tail(v, &b, &scratch->name);
	}
	return fat_pick_tail(v, &b, sfn);
}

/* The directory's new clusters (allocated from gfirst, sp->grow of them, already in the FAT):
 * zeroed, then linked to its chain; sp->start moves onto them when no old slot is used. */
static int grow_link(struct fw_fat *v, uint32_t dir, struct slot_plan *sp, uint32_t gfirst)
{
	int rc;
	if (sp->grow == 0)
		return FW_FAT_OK;
	for (uint32_t c = gfirst, i = 0; i < sp->grow; i++) {
		if ((rc = fat_zero_cluster(v, c)) != FW_FAT_OK)
			return rc;
		if (i + 1 < sp->grow && (rc = fat_next(v, c, &c)) != 1)
			return rc < 0 ? rc : FW_FAT_ECORRUPT;
	}
	if ((rc = fat_set(v, sp->last, gfirst)) != FW_FAT_OK || (rc = fat_flush(v)) != FW_FAT_OK)
		return rc;
	if (sp->have == 0) {
		it_init(&sp->start, dir);
		sp->start.cl = gfirst;
		sp->start.n = sp->slots;
	}
	return FW_FAT_OK;
}

/* Create nm in dir (first cluster; 0 = fixed root): a file holding data, or a directory.
 * *made = the new object's first cluster (0 for an empty file). Follows fat.h's order. */
static int create_in(struct fw_fat *v, uint32_t dir, const struct fat_name *nm, bool is_dir,
		     const uint8_t *data, uint32_t len, uint32_t *made, struct fat_entry *scratch)
{
	uint8_t sfn[11];
	uint32_t nl;
	struct slot_plan sp = { .grow = 0 };
	int rc;
	*made = 0;
	if ((rc = short_name(v, dir, nm, sfn, &nl, scratch)) != FW_FAT_OK)
		return rc;
	if ((rc = find_slots(v, dir, nl + 1, &sp)) != FW_FAT_OK)
		return rc;
	uint32_t cshift = v->bps_shift + v->spc_shift;
	uint32_t ndata = is_dir ? 1 : (uint32_t)(((uint64_t)len + v->cluster_bytes - 1) >> cshift);
	if ((rc = fat_have_free(v, ndata + sp.grow)) != FW_FAT_OK)
		return rc;

	/* 1. the FAT: the new chains, every copy, then FSInfo */
	uint32_t first = 0, last = 0, gfirst = 0, glast = 0;
	if (ndata > 0 && (rc = fat_alloc(v, ndata, &first, &last)) != FW_FAT_OK)
		return rc;
	if (sp.grow > 0 && (rc = fat_alloc(v, sp.grow, &gfirst, &glast)) != FW_FAT_OK)
		return rc;
	if ((rc = fat_flush(v)) != FW_FAT_OK ||
	    (rc = fat_fsinfo_update(v, ndata + sp.grow)) != FW_FAT_OK)
		return rc;

	/* 2. contents: the file's data, then the directory's new clusters zeroed and linked */
	if (is_dir)
		rc = write_dir_cluster(v, first, dir == root_first(v) ? 0 : dir);
	else if (len > 0)
		rc = write_span(v, first, 0, 0, data, len);
	if (rc != FW_FAT_OK || (rc = grow_link(v, dir, &sp, gfirst)) != FW_FAT_OK)
		return rc;

	/* 3. the entries */
	rc = write_entries(v, &sp, nm, nl, sfn, is_dir ? FAT_ATTR_DIR : FAT_ATTR_ARCHIVE, first,
			   is_dir ? 0 : len, NULL);
	if (rc == FW_FAT_OK)
		*made = first;
	return rc;
}

/* ---- paths ---------------------------------------------------------------------------- */

struct fat_path {
	bool root;             /* the path is the root directory */
	bool found;            /* the last component exists: fe holds it */
	uint32_t parent;       /* the directory holding the last component */
	struct fat_name last;
	struct fat_entry fe;
	struct fat_entry scratch;
};

/* Walk path. Every component but the last must be a directory (created when mkdirs). */
static int resolve(struct fw_fat *v, const char *path, struct fat_path *P, bool mkdirs)
{
	if (v == NULL || !v->mounted || path == NULL)
		return FW_FAT_EINVAL;
	uint32_t dir = root_first(v);
	P->root = P->found = true;
	P->parent = dir;
	int rc = fat_component(&path, &P->last);
	if (rc <= 0)
		return rc; /* the root, or a bad name */
	P->root = false;
	for (;;) {
		P->parent = dir;
		rc = dir_find(v, dir, &P->last, &P->fe);
		if (rc < 0)
			return rc;
		P->found = rc == 1;
		if (fat_path_end(path))
			return FW_FAT_OK;
		if (!P->found) {
			if (!mkdirs)
				return FW_FAT_ENOTFOUND;
			if ((rc = create_in(v, dir, &P->last, true, NULL, 0, &dir, &P->scratch)) != FW_FAT_OK)
				return rc;
		} else if (!(P->fe.attr & FAT_ATTR_DIR)) {
			return FW_FAT_ENOTDIR;
		} else {
			dir = P->fe.cluster;
			if (!fat_cluster_ok(v, dir))
				return FW_FAT_ECORRUPT;
		}
		if ((rc = fat_component(&path, &P->last)) < 0)
			return rc;
	}
}

/* A file's first size bytes into out, cluster by cluster. The whole chain is walked first:
 * a loop (which reading alone would not notice when it is shorter than the file) or a chain
 * shorter than the size is FW_FAT_ECORRUPT before anything is copied. */
static int read_span(struct fw_fat *v, uint32_t c, uint8_t *out, uint32_t size)
{
	uint32_t done = 0, count, last;
	if (size == 0)
		return FW_FAT_OK;
	int rc = fat_chain(v, c, &count, &last);
	if (rc != FW_FAT_OK)
		return rc;
	if (count < (((uint64_t)size + v->cluster_bytes - 1) >> (v->bps_shift + v->spc_shift)))
		return FW_FAT_ECORRUPT;
	while (done < size) {
		if (done > 0 && (rc = fat_next(v, c, &c)) != 1)
			return rc == 0 ? FW_FAT_ECORRUPT : rc; /* the chain ends before the size */
		uint32_t chunk = size - done < v->cluster_bytes ? size - done : v->cluster_bytes;
		uint32_t full = chunk >> v->bps_shift, rem = chunk & (v->bps - 1);
		uint32_t s = fat_cluster_sector(v, c);
		if (full > 0 && (rc = fat_rd(v, s, full, out + done)) != FW_FAT_OK)
			return rc;
		if (rem > 0) {
			if ((rc = fat_load(v, s + full)) != FW_FAT_OK)
				return rc;
			ss_memcopy(out + done + (full << v->bps_shift), v->buf, rem);
		}
		done += chunk;
	}
	return FW_FAT_OK;
}

/* ---- the public operations ------------------------------------------------------------ */

/* An existing file (not a directory) at path. */
static int find_file(struct fw_fat *v, const char *path, struct fat_path *P)
{
	int rc = resolve(v, path, P, false);
	if (rc != FW_FAT_OK)
		return rc;
	if (!P->found)
		return FW_FAT_ENOTFOUND;
	if (P->root || (P->fe.attr & FAT_ATTR_DIR))
		return FW_FAT_EISDIR;
	return FW_FAT_OK;
}

int fw_fat_read_file(struct fw_fat *v, const char *path, void *buf, uint32_t cap,
		     uint32_t *len)
{
	struct fat_path P;
	if (len != NULL)
		*len = 0;
	if (buf == NULL && cap > 0)
		return FW_FAT_EINVAL;
	int rc = find_file(v, path, &P);
	if (rc != FW_FAT_OK)
		return rc;
	if (len != NULL)
		*len = P.fe.size;
	if (P.fe.size > cap)
		return FW_FAT_ETOOBIG;
	return read_span(v, P.fe.cluster, buf, P.fe.size);
}

int fw_fat_exists(struct fw_fat *v, const char *path)
{
	struct fat_path P;
	int rc = resolve(v, path, &P, false);
	if (rc == FW_FAT_ENOTFOUND)
		return 0; /* a parent is missing */
	if (rc != FW_FAT_OK)
		return rc;
	return P.found ? 1 : 0;
}

int fw_fat_size(struct fw_fat *v, const char *path, uint32_t *size)
{
	struct fat_path P;
	int rc = find_file(v, path, &P);
	if (rc != FW_FAT_OK)
		return rc;
	if (size != NULL)
		*size = P.fe.size;
	return FW_FAT_OK;
}

/* A failed write leaves the disk as the write order allows; what is cached may no longer
 * match it, so it is dropped. */
static int done(struct fw_fat *v, int rc)
{
	if (rc < 0 && v != NULL)
		fat_forget(v);
	return rc;
}

int fw_fat_mkdirs(struct fw_fat *v, const char *path)
{
	struct fat_path P;
	uint32_t made;
	int rc = resolve(v, path, &P, true);
	if (rc != FW_FAT_OK)
		return done(v, rc);
	if (P.found)
		return (P.root || (P.fe.attr & FAT_ATTR_DIR)) ? FW_FAT_OK : FW_FAT_ENOTDIR;
	return done(v, create_in(v, P.parent, &P.last, true, NULL, 0, &made, &P.scratch));
}

/* The start of create and append: the arguments checked, the path walked. */
static int walk_to_file(struct fw_fat *v, const char *path, const void *data, uint32_t len,
			struct fat_path *P)
{
	if (data == NULL && len > 0)
		return FW_FAT_EINVAL;
	return resolve(v, path, P, false);
}

static int new_file(struct fw_fat *v, struct fat_path *P, const void *data, uint32_t len)
{
	uint32_t made;
	return done(v, create_in(v, P->parent, &P->last, false, data, len, &made, &P->scratch));
}

int fw_fat_create(struct fw_fat *v, const char *path, const void *data, uint32_t len)
{
	struct fat_path P;
	int rc = walk_to_file(v, path, data, len, &P);
	if (rc != FW_FAT_OK)
		return rc;
	return P.found ? FW_FAT_EEXIST : new_file(v, &P, data, len);
}

static int append(struct fw_fat *v, struct fat_path *P, const uint8_t *data, uint32_t len)
{
	uint32_t old = P->fe.size, first = P->fe.cluster, count, last, nf = 0, nl;
	uint32_t cshift = v->bps_shift + v->spc_shift;
	int rc;
	if ((uint64_t)old + len > 0xFFFFFFFFu)
		return FW_FAT_EFILESIZE;
	uint32_t have = (uint32_t)(((uint64_t)old + v->cluster_bytes - 1) >> cshift);
	uint32_t need = (uint32_t)(((uint64_t)old + len + v->cluster_bytes - 1) >> cshift);
	/* The chain must be exactly as long as the size says (fsck.fat's rule too): appending
	 * to a damaged file would bury the damage. */
	if ((old == 0) != (first == 0))
		return FW_FAT_ECORRUPT;
	if ((rc = fat_chain(v, first, &count, &last)) != FW_FAT_OK)
		return rc;
	if (count != have)
		return FW_FAT_ECORRUPT;
	if (need > have) {
		if ((rc = fat_have_free(v, need - have)) != FW_FAT_OK ||
		    (rc = fat_alloc(v, need - have, &nf, &nl)) != FW_FAT_OK ||
		    (rc = fat_flush(v)) != FW_FAT_OK ||
		    (rc = fat_fsinfo_update(v, need - have)) != FW_FAT_OK)
			return rc;
	}
	if (old == 0)
		rc = write_span(v, nf, 0, 0, data, len);
	else
		rc = write_span(v, last, old - ((have - 1) << cshift), nf, data, len);
	if (rc != FW_FAT_OK)
		return rc;
	if (nf != 0 && old > 0) {
		if ((rc = fat_set(v, last, nf)) != FW_FAT_OK || (rc = fat_flush(v)) != FW_FAT_OK)
			return rc;
	}
	/* Last: the entry's size (and first cluster, dates), one sector write. */
	if ((rc = fat_load(v, P->fe.sector)) != FW_FAT_OK)
		return rc;
	uint8_t *e = v->buf + P->fe.off;
	if (!ss_memeq(e, P->fe.sfn, 11))
		return FW_FAT_ECORRUPT;
	if (old == 0) {
		fat_put16(e + 20, v->fat_bits == 32 ? nf >> 16 : 0);
		fat_put16(e + 26, nf & 0xFFFF);
	}
	e[11] |= FAT_ATTR_ARCHIVE;
	fat_put16(e + 18, v->date);
	fat_put16(e + 22, v->time);
	fat_put16(e + 24, v->date);
	fat_put32(e + 28, old + len);
	return fat_store(v);
}

int fw_fat_append(struct fw_fat *v, const char *path, const void *data, uint32_t len)
{
	struct fat_path P;
	int rc = walk_to_file(v, path, data, len, &P);
	if (rc != FW_FAT_OK)
		return rc;
	if (!P.found)
		return new_file(v, &P, data, len);
	if (P.root || (P.fe.attr & FAT_ATTR_DIR))
		return FW_FAT_EISDIR;
	if (P.fe.attr & FAT_ATTR_RO)
		return FW_FAT_EREADONLY;
	if (len == 0)
		return FW_FAT_OK;
	return done(v, append(v, &P, data, len));
}

/* The entry's slots from its first long-name entry to the short entry: checked (write
 * false), or marked deleted (0xE5) one by one, the short entry last. */
static int entry_slots(struct fw_fat *v, const struct fat_entry *fe, bool write)
{
	struct dir_it it = fe->start;
	for (uint32_t k = 0; k < fe->slots; k++) {
		uint8_t *e;
		int rc = it_next(v, &it, &e);
		if (rc <= 0)
			return rc == 0 ? FW_FAT_ECORRUPT : rc;
		bool last = k + 1 == fe->slots;
		if (!write) {
			if (last ? !ss_memeq(e, fe->sfn, 11) || v->buf_sector != fe->sector ||
					   it.off != fe->off
				 : (e[11] & 0x3F) != FAT_ATTR_LFN)
				return FW_FAT_ECORRUPT;
			continue;
		}
		e[0] = 0xE5;
		if ((rc = fat_store(v)) != FW_FAT_OK)
			return rc;
	}
	return FW_FAT_OK;
}

/* Order: the long-name entries, then the short entry (the file is gone), then its clusters
 * freed in the FAT, then FSInfo. A cut leaves an 8.3-only file or lost clusters, which
 * fsck frees; never a cluster in use by two files. */
static int delete_file(struct fw_fat *v, const struct fat_entry *fe)
{
	uint32_t count, last, c = fe->cluster;
	int rc;
	if ((fe->size == 0) != (c == 0))
		return FW_FAT_ECORRUPT;
	if ((rc = fat_chain(v, c, &count, &last)) != FW_FAT_OK ||
	    (rc = entry_slots(v, fe, false)) != FW_FAT_OK ||
	    (rc = entry_slots(v, fe, true)) != FW_FAT_OK)
		return rc;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t next = 0;
		rc = fat_next(v, c, &next);
		if (rc < 0)
			return rc;
		if ((rc = fat_set(v, c, 0)) != FW_FAT_OK)
			return rc;
		c = next;
	}
	if ((rc = fat_flush(v)) != FW_FAT_OK)
		return rc;
	return fat_fsinfo_freed(v, count);
}

int fw_fat_delete(struct fw_fat *v, const char *path)
{
	struct fat_path P;
	int rc = find_file(v, path, &P);
	if (rc != FW_FAT_OK)
		return rc;
	if (P.fe.attr & FAT_ATTR_RO)
		return FW_FAT_EREADONLY;
	return done(v, delete_file(v, &P.fe));
}

/* ---- listing and renaming -------------------------------------------------------------- */

/* UCS-2 to UTF-8 (a lone surrogate, which no path can name, becomes '_'). */
static void name_utf8(const struct fat_name *nm, char *out)
{
	size_t o = 0;
	for (uint32_t i = 0; i < nm->n; i++) {
		uint32_t c = nm->c[i];
		if (c >= 0xD800 && c <= 0xDFFF)
			c = '_';
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | (c >> 6));
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | (c >> 12));
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = 0;
}

int fw_fat_list(struct fw_fat *v, const char *dir, fw_fat_each_fn each, void *arg)
{
	struct fat_path P;
	char name[FW_FAT_NAME_MAX * 3 + 1];
	int rc = resolve(v, dir, &P, false);
	if (rc != FW_FAT_OK)
		return rc;
	if (each == NULL)
		return FW_FAT_EINVAL;
	if (!P.found)
		return FW_FAT_ENOTFOUND;
	uint32_t first = root_first(v);
	if (!P.root) {
		if (!(P.fe.attr & FAT_ATTR_DIR))
			return FW_FAT_ENOTDIR;
		first = P.fe.cluster;
		if (!fat_cluster_ok(v, first))
			return FW_FAT_ECORRUPT;
	}
	struct dir_it it;
	int files = 0;
	it_init(&it, first);
	for (;;) {
		rc = dir_next(v, &it, &P.scratch);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return files;
		if (P.scratch.attr & (FAT_ATTR_DIR | FAT_ATTR_VOLUME))
			continue;
		name_utf8(&P.scratch.name, name);
		each(arg, name);
		files++;
	}
}

/* Order: the new name's slots found while the old entries still hold theirs (a directory
 * that must grow gets its zeroed clusters linked first), then the old long-name entries and
 * short entry marked deleted, then the new entries written with the old entry's attributes,
 * dates, first cluster and size. A cut in between leaves the file's clusters lost (fsck frees
 * them) or an orphan long name; never two entries sharing a chain. */
static int rename_entry(struct fw_fat *v, struct fat_path *P, const struct fat_name *nm)
{
	uint8_t keep[FAT_ENTRY], sfn[11];
	uint32_t nl, gfirst = 0, glast = 0;
	struct slot_plan sp = { .grow = 0 };
	int rc;
	if ((rc = entry_slots(v, &P->fe, false)) != FW_FAT_OK ||
	    (rc = fat_load(v, P->fe.sector)) != FW_FAT_OK)
		return rc;
	ss_memcopy(keep, v->buf + P->fe.off, FAT_ENTRY);
	if ((rc = short_name(v, P->parent, nm, sfn, &nl, &P->scratch)) != FW_FAT_OK ||
	    (rc = find_slots(v, P->parent, nl + 1, &sp)) != FW_FAT_OK)
		return rc;
	if (sp.grow > 0) {
		if ((rc = fat_have_free(v, sp.grow)) != FW_FAT_OK ||
		    (rc = fat_alloc(v, sp.grow, &gfirst, &glast)) != FW_FAT_OK ||
		    (rc = fat_flush(v)) != FW_FAT_OK ||
		    (rc = fat_fsinfo_update(v, sp.grow)) != FW_FAT_OK ||
		    (rc = grow_link(v, P->parent, &sp, gfirst)) != FW_FAT_OK)
			return rc;
	}
	if ((rc = entry_slots(v, &P->fe, true)) != FW_FAT_OK)
		return rc;
	keep[12] = 0; /* the old name's lower-case flags do not fit the new one */
	return write_entries(v, &sp, nm, nl, sfn, keep[11], 0, 0, keep);
}

int fw_fat_rename(struct fw_fat *v, const char *path, const char *new_name)
{
	struct fat_path P;
	struct fat_name nm;
	struct fat_entry taken;
	if (new_name == NULL)
		return FW_FAT_EINVAL;
	const char *s = new_name;
	int rc = fat_component(&s, &nm);
	if (rc < 0)
		return rc;
	if (rc == 0 || *s != 0 || new_name[0] == '\\' || new_name[0] == '/')
		return FW_FAT_EBADNAME; /* one name, no folder */
	if ((rc = find_file(v, path, &P)) != FW_FAT_OK)
		return rc;
	rc = dir_find(v, P.parent, &nm, &taken);
	if (rc < 0)
		return rc;
	if (rc == 1 && (taken.sector != P.fe.sector || taken.off != P.fe.off))
		return FW_FAT_EEXIST; /* another file or folder; the same one is a change of case */
	return done(v, rename_entry(v, &P, &nm));
}
