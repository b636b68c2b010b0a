/* SPDX-License-Identifier: MIT */
/* Files on the stick (SimpleFileSystem of the app's own volume) or in the UEFI Shell's name
 * space: read the config and policy, create the report directory and write the reports.
 *
 * Shell paths (fs0:\x, relative to the current directory) are what a user types after
 * --policy/--report in the Shell, so those go through EFI_SHELL_PROTOCOL; everything else is
 * a path from the root of the volume the app was loaded from. */
#include "efi_ss.h"

#define PATH16_MAX 300

static EFI_STATUS path16(const char *path, CHAR16 *out)
{
	size_t n = ss_strlen(path);
	if (n == 0 || n + 1 > PATH16_MAX)
		return EFI_INVALID_PARAMETER;
	efi_ss_to_char16(path, out, PATH16_MAX);
	return EFI_SUCCESS;
}

/* ---- one open file, in either name space ----
 * The app's own volume goes through EFI_FILE_PROTOCOL, the Shell's name space through
 * EFI_SHELL_PROTOCOL (whose SHELL_FILE_HANDLE is opaque: only its functions touch it). Every
 * operation below is written once on top of these few. */

struct file {
	const struct efi_ss_vol *v;
	SHELL_FILE_HANDLE sh; /* Shell name space */
	EFI_FILE_HANDLE fh;   /* own volume */
};

static EFI_STATUS f_open(const struct efi_ss_vol *v, const char *path, UINT64 mode, UINT64 attrs,
			 struct file *f)
{
	CHAR16 p[PATH16_MAX];
	f->v = v;
	f->sh = NULL;
	f->fh = NULL;
	if (v->shell == NULL && v->root == NULL)
		return EFI_NOT_FOUND;
	EFI_STATUS st = path16(path, p);
	if (EFI_ERROR(st))
		return st;
	if (v->shell != NULL) /* directories are made with CreateFile (mkdir_one) */
		return v->shell->OpenFileByName(p, &f->sh, mode);
	return v->root->Open(v->root, &f->fh, p, mode, attrs);
}

static EFI_STATUS f_close(struct file *f)
{
	return f->sh != NULL ? f->v->shell->CloseFile(f->sh) : f->fh->Close(f->fh);
}

/* Delete the file; closes the handle whatever the outcome. */
static EFI_STATUS f_delete(struct file *f)
{
	return f->sh != NULL ? f->v->shell->DeleteFile(f->sh) : f->fh->Delete(f->fh);
}

/* A pool copy of the file's EFI_FILE_INFO, or NULL. */
static EFI_FILE_INFO *f_info(const struct file *f)
{
	return f->sh != NULL ? f->v->shell->GetFileInfo(f->sh) : LibFileInfo(f->fh);
}

/* The size of a file; EFI_NOT_FOUND for a directory. */
static EFI_STATUS f_size(const struct file *f, UINT64 *size)
{
	EFI_FILE_INFO *info = f_info(f);
	if (info == NULL)
		return EFI_DEVICE_ERROR;
	*size = info->FileSize;
	bool dir = (info->Attribute & EFI_FILE_DIRECTORY) != 0;
	FreePool(info);
	return dir ? EFI_NOT_FOUND : EFI_SUCCESS;
}

/* Cut the file back to size bytes (undoing a failed append). */
static EFI_STATUS f_truncate(const struct file *f, UINT64 size)
{
	EFI_FILE_INFO *info = f_info(f);
	if (info == NULL)
		return EFI_DEVICE_ERROR;
	info->FileSize = size;
	EFI_STATUS st = f->sh != NULL ? f->v->shell->SetFileInfo(f->sh, info)
				      : f->fh->SetInfo(f->fh, &GenericFileInfo, info->Size, info);
	FreePool(info);
	return st;
}

static EFI_STATUS f_seek(const struct file *f, UINT64 pos)
{
	return f->sh != NULL ? f->v->shell->SetFilePosition(f->sh, pos)
			     : f->fh->SetPosition(f->fh, pos);
}

/* Read up to *n bytes; *n becomes the count read. */
static EFI_STATUS f_read(const struct file *f, UINTN *n, void *buf)
{
	return f->sh != NULL ? f->v->shell->ReadFile(f->sh, n, buf) : f->fh->Read(f->fh, n, buf);
}

/* Write all len bytes: a short write is EFI_VOLUME_FULL. */
static EFI_STATUS f_write(const struct file *f, const void *data, UINTN len)
{
	UINTN n = len;
	EFI_STATUS st = f->sh != NULL ? f->v->shell->WriteFile(f->sh, &n, (void *)data)
				      : f->fh->Write(f->fh, &n, (void *)data);
	return !EFI_ERROR(st) && n != len ? EFI_VOLUME_FULL : st;
}

static EFI_STATUS f_flush(const struct file *f)
{
	return f->sh != NULL ? f->v->shell->FlushFile(f->sh) : f->fh->Flush(f->fh);
}

/* ---- the interface ---- */

#define MODE_RW (EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE)
#define MODE_RWC (EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE)

EFI_STATUS efi_ss_file_read(const struct efi_ss_vol *v, const char *path, UINT8 **data,
			    UINTN *len, UINTN max)
{
	struct file f;
	UINT64 size = 0;
	UINT8 *buf = NULL;
	UINTN n = 0;

	*data = NULL;
	*len = 0;
	EFI_STATUS st = f_open(v, path, EFI_FILE_MODE_READ, 0, &f);
	if (EFI_ERROR(st))
		return st;
	st = f_size(&f, &size);
	if (!EFI_ERROR(st) && size > max)
		st = EFI_BAD_BUFFER_SIZE;
	if (!EFI_ERROR(st)) {
		buf = AllocatePool((UINTN)size + 1);
		if (buf == NULL)
			st = EFI_OUT_OF_RESOURCES;
	}
	if (!EFI_ERROR(st)) {
		n = (UINTN)size;
		st = f_read(&f, &n, buf);
	}
	f_close(&f);
	if (EFI_ERROR(st)) {
		if (buf != NULL)
			FreePool(buf);
		return st;
	}
	buf[n] = 0; /* n <= size: Read never returns more than asked */
	*data = buf;
	*len = n;
	return EFI_SUCCESS;
}

bool efi_ss_file_exists(const struct efi_ss_vol *v, const char *path)
{
	struct file f;
	if (v->shell == NULL && v->root == NULL)
		return true;
	EFI_STATUS st = f_open(v, path, EFI_FILE_MODE_READ, 0, &f);
	if (!EFI_ERROR(st))
		f_close(&f);
	return st != EFI_NOT_FOUND; /* found, or unknown: either way do not use the name */
}

static EFI_STATUS mkdir_one(const struct efi_ss_vol *v, const char *path)
{
	struct file f;
	EFI_STATUS st;
	if (v->shell != NULL) {
		CHAR16 p[PATH16_MAX];
		/* An existing directory is fine; CreateFile would fail on it with some Shells. */
		if (!EFI_ERROR(f_open(v, path, EFI_FILE_MODE_READ, 0, &f))) {
			f_close(&f);
			return EFI_SUCCESS;
		}
		st = path16(path, p);
		if (!EFI_ERROR(st))
			st = v->shell->CreateFile(p, EFI_FILE_DIRECTORY, &f.sh);
		if (!EFI_ERROR(st))
			v->shell->CloseFile(f.sh);
		return st;
	}
	st = f_open(v, path, MODE_RWC, EFI_FILE_DIRECTORY, &f);
	if (!EFI_ERROR(st))
		f_close(&f);
	return st;
}

EFI_STATUS efi_ss_mkdirs(const struct efi_ss_vol *v, const char *path)
{
	char part[PATH16_MAX];
	size_t n = ss_strlen(path);
	if (n == 0 || n >= sizeof(part))
		return EFI_INVALID_PARAMETER;
	if (v->shell == NULL && v->root == NULL)
		return EFI_NOT_FOUND;
	/* Every prefix that ends before a '\', then the whole path. Prefixes that name no
	 * directory ("", "fs0:") are skipped. */
	for (size_t i = 1; i <= n; i++) {
		if (i < n && path[i] != '\\')
			continue;
		ss_memcopy(part, path, i);
		part[i] = '\0';
		if (part[i - 1] == ':' || part[i - 1] == '\\')
			continue;
		EFI_STATUS st = mkdir_one(v, part);
		if (EFI_ERROR(st))
			return st;
	}
	return EFI_SUCCESS;
}

EFI_STATUS efi_ss_file_write(const struct efi_ss_vol *v, const char *path, const void *data,
			     UINTN len)
{
	struct file f;
	EFI_STATUS st = f_open(v, path, MODE_RWC, 0, &f);
	if (EFI_ERROR(st))
		return st;
	st = f_write(&f, data, len);
	if (!EFI_ERROR(st))
		st = f_flush(&f);
	if (EFI_ERROR(st)) {
		f_delete(&f); /* no partial file is left */
		return st;
	}
	return f_close(&f);
}

EFI_STATUS efi_ss_file_append(const struct efi_ss_vol *v, const char *path, const void *head,
			      UINTN hlen, const void *data, UINTN len)
{
	struct file f;
	UINT64 size = 0;
	EFI_STATUS st = f_open(v, path, MODE_RWC, 0, &f);
	if (EFI_ERROR(st))
		return st;
	st = f_size(&f, &size);
	if (EFI_ERROR(st)) { /* a directory of that name, or no size: leave it alone */
		f_close(&f);
		return st;
	}
	st = f_seek(&f, size);
	if (!EFI_ERROR(st) && size == 0 && hlen)
		st = f_write(&f, head, hlen);
	if (!EFI_ERROR(st))
		st = f_write(&f, data, len);
	if (!EFI_ERROR(st))
		st = f_flush(&f);
	if (EFI_ERROR(st) && size == 0) {
		f_delete(&f); /* a new file that failed: gone */
		return st;
	}
	if (EFI_ERROR(st))
		f_truncate(&f, size); /* the earlier lines stay whole, no half line */
	EFI_STATUS cst = f_close(&f);
	return EFI_ERROR(st) ? st : cst;
}

EFI_STATUS efi_ss_file_delete(const struct efi_ss_vol *v, const char *path)
{
	struct file f;
	EFI_STATUS st = f_open(v, path, MODE_RW, 0, &f);
	return EFI_ERROR(st) ? st : f_delete(&f);
}

EFI_STATUS efi_ss_dir_list(const struct efi_ss_vol *v, const char *dir,
			   void (*each)(void *arg, const char *name), void *arg)
{
	struct file f;
	EFI_STATUS st = f_open(v, dir, EFI_FILE_MODE_READ, 0, &f);
	if (EFI_ERROR(st))
		return st;
	UINTN cap = SIZE_OF_EFI_FILE_INFO + 512 * sizeof(CHAR16);
	EFI_FILE_INFO *info = AllocatePool(cap);
	if (info == NULL) {
		f_close(&f);
		return EFI_OUT_OF_RESOURCES;
	}
	/* Read on a directory returns one EFI_FILE_INFO per call, 0 bytes at the end. */
	for (unsigned k = 0; k < 65536; k++) {
		UINTN n = cap;
		st = f_read(&f, &n, info);
		if (EFI_ERROR(st) || n == 0)
			break;
		if (info->Attribute & EFI_FILE_DIRECTORY)
			continue;
		char name[256];
		efi_ss_ucs2_ascii(info->FileName, 255, name, sizeof(name));
		each(arg, name);
	}
	FreePool(info);
	f_close(&f);
	return EFI_ERROR(st) ? st : EFI_SUCCESS;
}

EFI_STATUS efi_ss_file_rename(const struct efi_ss_vol *v, const char *path, const char *new_name)
{
	struct file f;
	CHAR16 name[PATH16_MAX];
	EFI_STATUS st = path16(new_name, name);
	if (EFI_ERROR(st))
		return st;
	st = f_open(v, path, MODE_RW, 0, &f);
	if (EFI_ERROR(st))
		return st;
	EFI_FILE_INFO *old = f_info(&f);
	UINTN size = SIZE_OF_EFI_FILE_INFO + StrSize(name);
	EFI_FILE_INFO *info = old ? AllocatePool(size) : NULL;
	if (info == NULL) {
		st = EFI_OUT_OF_RESOURCES;
	} else {
		/* the same facts under the new name: SetInfo with another FileName renames */
		CopyMem(info, old, SIZE_OF_EFI_FILE_INFO);
		info->Size = size;
		StrCpy(info->FileName, name);
		st = f.sh != NULL ? v->shell->SetFileInfo(f.sh, info)
				  : f.fh->SetInfo(f.fh, &GenericFileInfo, size, info);
	}
	if (old != NULL)
		FreePool(old);
	if (info != NULL)
		FreePool(info);
	EFI_STATUS cst = f_close(&f);
	return EFI_ERROR(st) ? st : cst;
}

void efi_ss_vol_close(struct efi_ss_vol *v)
{
	if (v->root != NULL)
		v->root->Close(v->root);
	v->root = NULL;
	v->shell = NULL;
}
