/* SPDX-License-Identifier: MIT */
/* SMBIOS entry point and structure parsing (DMTF DSP0134), bounds-checked; see smbios.h. */
#include "smbios.h"

#include "bytes.h"

/* Entry point layouts (DSP0134 5.2.1 and 5.2.2): offsets used below. */
#define EP2_LEN_OFF 5     /* u8 entry point length (0x1F; some 2.1 firmware says 0x1E) */
#define EP2_MAJOR 6
#define EP2_MINOR 7
#define EP2_DMI 16        /* "_DMI_" intermediate anchor */
#define EP2_TABLE_LEN 22  /* u16 */
#define EP2_TABLE_ADDR 24 /* u32 */
#define EP3_LEN_OFF 6     /* u8 entry point length (0x18) */
#define EP3_MAJOR 7
#define EP3_MINOR 8
#define EP3_TABLE_MAX 12  /* u32 */
#define EP3_TABLE_ADDR 16 /* u64 */

size_t fw_smbios_ep_size(const uint8_t head[7])
{
	if (ss_memeq(head, "_SM3_", 5))
		return head[EP3_LEN_OFF] >= 0x18 ? head[EP3_LEN_OFF] : 0;
	if (ss_memeq(head, "_SM_", 4))
		return head[EP2_LEN_OFF] >= 0x1E ? head[EP2_LEN_OFF] : 0;
	return 0;
}

int fw_smbios_ep_parse(const uint8_t *p, size_t len, struct fw_smbios_ep *ep,
			   const char **why)
{
	const char *dummy;
	if (why == NULL)
		why = &dummy;
	ss_memfill(ep, 0, sizeof(*ep));
	if (p == NULL || len < 7 || fw_smbios_ep_size(p) == 0) {
		*why = "no SMBIOS entry point anchor";
		return -1;
	}
	size_t declared = fw_smbios_ep_size(p);
	if (declared > len) {
		*why = "SMBIOS entry point shorter than its length field";
		return -1;
	}
	if (ss_sum8(p, declared) != 0) {
		*why = "SMBIOS entry point checksum";
		return -1;
	}
	if (p[4] == '_') { /* "_SM3_" */
		if (declared < 0x18) {
			*why = "SMBIOS 3 entry point too short";
			return -1;
		}
		ep->is64 = true;
		ep->major = p[EP3_MAJOR];
		ep->minor = p[EP3_MINOR];
		ep->table_len = ss_le32(p + EP3_TABLE_MAX);
		ep->table_addr = ss_le64(p + EP3_TABLE_ADDR);
	} else {
		if (declared < 0x1E || !ss_memeq(p + EP2_DMI, "_DMI_", 5) ||
		    ss_sum8(p + EP2_DMI, 15) != 0) {
			*why = "SMBIOS 2 intermediate entry point (_DMI_) invalid";
			return -1;
		}
		ep->major = p[EP2_MAJOR];
		ep->minor = p[EP2_MINOR];
		ep->table_len = ss_le16(p + EP2_TABLE_LEN);
		ep->table_addr = ss_le32(p + EP2_TABLE_ADDR);
	}
	if (ep->table_len < 4 || ep->table_addr == 0) {
		*why = "SMBIOS structure table empty";
		return -1;
	}
	return 0;
}

/* String number idx (1-based) of the structure whose string area is area[0..n), copied into out.
 * The area excludes the final double NUL, so every string in it ends with a NUL inside it
 * or at its end. */
static void copy_string(const uint8_t *area, size_t n, uint8_t idx, char *out, size_t cap)
{
	out[0] = '\0';
	if (idx == 0)
		return;
	size_t off = 0;
	for (unsigned k = 1; off < n; k++) {
		size_t end = off;
		while (end < n && area[end] != 0)
			end++;
		if (k == idx) {
			size_t len = end - off, o = 0;
			for (; o < len && o + 1 < cap; o++)
				out[o] = (char)area[off + o];
			out[o] = '\0';
			return;
		}
		off = end + 1;
	}
}

void fw_smbios_parse(const uint8_t *tbl, size_t len, uint8_t major, uint8_t minor,
			 struct fw_smbios_info *info)
{
	ss_memfill(info, 0, sizeof(*info));
	info->uuid_le = major > 2 || (major == 2 && minor >= 6);
	if (tbl == NULL)
		return;
	if (len > FW_SMBIOS_TABLE_MAX)
		len = FW_SMBIOS_TABLE_MAX;
	size_t off = 0;
	/* Every structure is at least 4 + 2 bytes, so len / 6 + 1 bounds the loop. */
	for (size_t guard = 0; guard <= len / 6 + 1; guard++) {
		if (!ss_in_bounds(off, 4, len))
			return; /* clean end of a table without type 127 */
		uint8_t type = tbl[off], hlen = tbl[off + 1];
		if (hlen < 4 || !ss_in_bounds(off, hlen, len)) {
			info->truncated = true;
			return;
		}
		/* Strings: from off+hlen to a double NUL. An area with no strings is just "\0\0". */
		size_t s = off + hlen, e = s;
		while (e + 1 < len && !(tbl[e] == 0 && tbl[e + 1] == 0))
			e++;
		if (e + 1 >= len) {
			info->truncated = true;
			return;
		}
		const uint8_t *f = tbl + off, *area = tbl + s;
		size_t alen = e - s;
		info->structures++;
		if (type == 0 && !info->found_type0) {
			info->found_type0 = true;
			if (hlen > 4)
				copy_string(area, alen, f[4], info->bios_vendor, sizeof(info->bios_vendor));
			if (hlen > 5)
				copy_string(area, alen, f[5], info->bios_version, sizeof(info->bios_version));
			if (hlen > 8)
				copy_string(area, alen, f[8], info->bios_date, sizeof(info->bios_date));
		} else if (type == 1 && !info->found_type1) {
			info->found_type1 = true;
			if (hlen > 4)
				copy_string(area, alen, f[4], info->sys_manufacturer,
					    sizeof(info->sys_manufacturer));
			if (hlen > 5)
				copy_string(area, alen, f[5], info->sys_product, sizeof(info->sys_product));
			if (hlen > 7)
				copy_string(area, alen, f[7], info->sys_serial, sizeof(info->sys_serial));
			if (hlen >= 0x18) { /* UUID at 08h..17h, SMBIOS 2.1+ */
				info->has_uuid = true;
				ss_memcopy(info->uuid, f + 8, 16);
			}
		} else if (type == 127) {
			return;
		}
		off = e + 2;
	}
}

int fw_smbios_find(const uint8_t *area, size_t len, bool want64, size_t *off)
{
	struct fw_smbios_ep ep;
	for (size_t o = 0; area != NULL && ss_in_bounds(o, 7, len); o += 16) {
		if (!ss_memeq(area + o, want64 ? "_SM3_" : "_SM_", want64 ? 5 : 4))
			continue;
		size_t n = fw_smbios_ep_size(area + o);
		if (n != 0 && ss_in_bounds(o, n, len) &&
		    fw_smbios_ep_parse(area + o, n, &ep, NULL) == 0 && ep.is64 == want64) {
			*off = o;
			return 0;
		}
	}
	return -1;
}

/* Read and verify the entry point at addr (0: none, false without a reason). */
static bool read_ep(ss_read_fn read, void *ctx, uint64_t addr, struct fw_smbios_ep *ep,
		    const char **why)
{
	uint8_t head[7], full[64];
	if (addr == 0)
		return false;
	if (read(ctx, addr, head, sizeof(head)) != 0) {
		*why = "SMBIOS entry point outside readable memory";
		return false;
	}
	size_t n = fw_smbios_ep_size(head);
	if (n == 0 || n > sizeof(full)) {
		*why = "SMBIOS entry point has no valid anchor or length";
		return false;
	}
	if (read(ctx, addr, full, n) != 0) {
		*why = "SMBIOS entry point outside readable memory";
		return false;
	}
	return fw_smbios_ep_parse(full, n, ep, why) == 0;
}

bool fw_smbios_read(ss_read_fn read, void *ctx, uint64_t ep3, uint64_t ep2, uint8_t *buf,
		    size_t cap, struct fw_smbios_info *info, const char **why)
{
	struct fw_smbios_ep ep;

	ss_memfill(info, 0, sizeof(*info));
	if (!read_ep(read, ctx, ep3, &ep, why) && !read_ep(read, ctx, ep2, &ep, why))
		return false;
	size_t len = ep.table_len > FW_SMBIOS_TABLE_MAX ? FW_SMBIOS_TABLE_MAX : ep.table_len;
	if (len > cap)
		len = cap;
	bool got = false;
	while (len >= 4 && !(got = read(ctx, ep.table_addr, buf, len) == 0) && ep.is64)
		len /= 2;
	if (!got) {
		*why = "SMBIOS structure table outside readable memory";
		return false;
	}
	fw_smbios_parse(buf, len, ep.major, ep.minor, info);
	if (!info->found_type0 && !info->found_type1) {
		*why = "SMBIOS table has no BIOS (type 0) or System (type 1) structure";
		return false;
	}
	*why = NULL;
	return true;
}
