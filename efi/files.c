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

/* ---- the app's own volume ---- */

static EFI_STATUS vol_open(const struct efi_ss_vol *v, const char *path, UINT64 mode,
			   UINT64 attrs, EFI_FILE_HANDLE *fh)
{
	CHAR16 p[PATH16_MAX];
	EFI_STATUS st = path16(path, p);
	if (EFI_ERROR(st))
		return st;
	return v->root->Open(v->root, fh, p, mode, attrs);
}

static EFI_STATUS vol_size(EFI_FILE_HANDLE fh, UINT64 *size)
{
	EFI_FILE_INFO *info = LibFileInfo(fh);
	if (info == NULL)
		return EFI_DEVICE_ERROR;
	*size = info->FileSize;
	bool dir = (info->Attribute & EFI_FILE_DIRECTORY) != 0;
	FreePool(info);
	return dir ? EFI_NOT_FOUND : EFI_SUCCESS;
}

/* ---- the Shell's name space ----
 * SHELL_FILE_HANDLE is opaque; only EFI_SHELL_PROTOCOL functions touch it. */

static EFI_STATUS shell_open(const struct efi_ss_vol *v, const char *path, UINT64 mode,
			     SHELL_FILE_HANDLE *h)
{
	CHAR16 p[PATH16_MAX];
	EFI_STATUS st = path16(path, p);
	if (EFI_ERROR(st))
		return st;
	return v->shell->OpenFileByName(p, h, mode);
}

/* ---- the interface ---- */

EFI_STATUS efi_ss_file_read(const struct efi_ss_vol *v, const char *path, UINT8 **data,
			    UINTN *len, UINTN max)
{
	EFI_STATUS st;
	UINT64 size = 0;
	UINT8 *buf;
	UINTN n;

	*data = NULL;
	*len = 0;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		st = shell_open(v, path, EFI_FILE_MODE_READ, &h);
		if (EFI_ERROR(st))
			return st;
		st = v->shell->GetFileSize(h, &size);
		if (!EFI_ERROR(st) && size > max)
			st = EFI_BAD_BUFFER_SIZE;
		buf = EFI_ERROR(st) ? NULL : AllocatePool((UINTN)size + 1);
		if (!EFI_ERROR(st) && buf == NULL)
			st = EFI_OUT_OF_RESOURCES;
		n = (UINTN)size;
		if (!EFI_ERROR(st))
			st = v->shell->ReadFile(h, &n, buf);
		v->shell->CloseFile(h);
	} else if (v->root != NULL) {
		EFI_FILE_HANDLE fh;
		st = vol_open(v, path, EFI_FILE_MODE_READ, 0, &fh);
		if (EFI_ERROR(st))
			return st;
		st = vol_size(fh, &size);
		if (!EFI_ERROR(st) && size > max)
			st = EFI_BAD_BUFFER_SIZE;
		buf = EFI_ERROR(st) ? NULL : AllocatePool((UINTN)size + 1);
		if (!EFI_ERROR(st) && buf == NULL)
			st = EFI_OUT_OF_RESOURCES;
		n = (UINTN)size;
		if (!EFI_ERROR(st))
			st = fh->Read(fh, &n, buf);
		fh->Close(fh);
	} else {
		return EFI_NOT_FOUND;
	}
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
	EFI_STATUS st;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		st = shell_open(v, path, EFI_FILE_MODE_READ, &h);
		if (!EFI_ERROR(st))
			v->shell->CloseFile(h);
	} else if (v->root != NULL) {
		EFI_FILE_HANDLE fh;
		st = vol_open(v, path, EFI_FILE_MODE_READ, 0, &fh);
		if (!EFI_ERROR(st))
			fh->Close(fh);
	} else {
		return true;
	}
	return st != EFI_NOT_FOUND; /* found, or unknown: either way do not use the name */
}

static EFI_STATUS mkdir_one(const struct efi_ss_vol *v, const char *path)
{
	EFI_STATUS st;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		CHAR16 p[PATH16_MAX];
		/* An existing directory is fine; CreateFile would fail on it with some Shells. */
		if (!EFI_ERROR(shell_open(v, path, EFI_FILE_MODE_READ, &h))) {
			v->shell->CloseFile(h);
			return EFI_SUCCESS;
		}
		st = path16(path, p);
		if (!EFI_ERROR(st))
			st = v->shell->CreateFile(p, EFI_FILE_DIRECTORY, &h);
		if (!EFI_ERROR(st))
			v->shell->CloseFile(h);
		return st;
	}
	EFI_FILE_HANDLE fh;
	st = vol_open(v, path, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE,
		      EFI_FILE_DIRECTORY, &fh);
	if (!EFI_ERROR(st))
		fh->Close(fh);
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
	EFI_STATUS st;
	UINTN n = len;
	const UINT64 mode = EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		st = shell_open(v, path, mode, &h);
		if (EFI_ERROR(st))
			return st;
		st = v->shell->WriteFile(h, &n, (void *)data);
		if (!EFI_ERROR(st) && n != len)
			st = EFI_VOLUME_FULL;
		if (!EFI_ERROR(st))
			st = v->shell->FlushFile(h);
		if (EFI_ERROR(st))
			v->shell->DeleteFile(h); /* closes the handle */
		else
			v->shell->CloseFile(h);
		return st;
	}
	if (v->root == NULL)
		return EFI_NOT_FOUND;
	EFI_FILE_HANDLE fh;
	st = vol_open(v, path, mode, 0, &fh);
	if (EFI_ERROR(st))
		return st;
	st = fh->Write(fh, &n, (void *)data);
	if (!EFI_ERROR(st) && n != len)
		st = EFI_VOLUME_FULL;
	if (!EFI_ERROR(st))
		st = fh->Flush(fh);
	if (EFI_ERROR(st))
		fh->Delete(fh); /* closes the handle too */
	else
		st = fh->Close(fh);
	return st;
}

/* Cut a file back to size bytes (undoing a failed append). */
static EFI_STATUS vol_truncate(EFI_FILE_HANDLE fh, UINT64 size)
{
	EFI_FILE_INFO *info = LibFileInfo(fh);
	if (info == NULL)
		return EFI_DEVICE_ERROR;
	info->FileSize = size;
	EFI_STATUS st = fh->SetInfo(fh, &GenericFileInfo, info->Size, info);
	FreePool(info);
	return st;
}

static EFI_STATUS shell_truncate(const struct efi_ss_vol *v, SHELL_FILE_HANDLE h, UINT64 size)
{
	EFI_FILE_INFO *info = v->shell->GetFileInfo(h);
	if (info == NULL)
		return EFI_DEVICE_ERROR;
	info->FileSize = size;
	EFI_STATUS st = v->shell->SetFileInfo(h, info);
	FreePool(info);
	return st;
}

EFI_STATUS efi_ss_file_append(const struct efi_ss_vol *v, const char *path, const void *head,
			      UINTN hlen, const void *data, UINTN len)
{
	EFI_STATUS st;
	UINT64 size = 0;
	UINTN n;
	const UINT64 mode = EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE | EFI_FILE_MODE_CREATE;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		st = shell_open(v, path, mode, &h);
		if (EFI_ERROR(st))
			return st;
		st = v->shell->GetFileSize(h, &size);
		if (EFI_ERROR(st)) { /* not a file we can append to (a directory?): leave it */
			v->shell->CloseFile(h);
			return st;
		}
		st = v->shell->SetFilePosition(h, size);
		if (!EFI_ERROR(st) && size == 0 && hlen) {
			n = hlen;
			st = v->shell->WriteFile(h, &n, (void *)head);
			if (!EFI_ERROR(st) && n != hlen)
				st = EFI_VOLUME_FULL;
		}
		if (!EFI_ERROR(st)) {
			n = len;
			st = v->shell->WriteFile(h, &n, (void *)data);
			if (!EFI_ERROR(st) && n != len)
				st = EFI_VOLUME_FULL;
		}
		if (!EFI_ERROR(st))
			st = v->shell->FlushFile(h);
		if (EFI_ERROR(st) && size == 0) {
			v->shell->DeleteFile(h); /* a new file that failed: gone, handle closed */
			return st;
		}
		if (EFI_ERROR(st))
			shell_truncate(v, h, size); /* the earlier lines stay whole */
		v->shell->CloseFile(h);
		return st;
	}
	if (v->root == NULL)
		return EFI_NOT_FOUND;
	EFI_FILE_HANDLE fh;
	st = vol_open(v, path, mode, 0, &fh);
	if (EFI_ERROR(st))
		return st;
	st = vol_size(fh, &size);
	if (EFI_ERROR(st)) { /* a directory of that name, or no size: leave it alone */
		fh->Close(fh);
		return st;
	}
	st = fh->SetPosition(fh, size);
	if (!EFI_ERROR(st) && size == 0 && hlen) {
		n = hlen;
		st = fh->Write(fh, &n, (void *)head);
		if (!EFI_ERROR(st) && n != hlen)
			st = EFI_VOLUME_FULL;
	}
	if (!EFI_ERROR(st)) {
		n = len;
		st = fh->Write(fh, &n, (void *)data);
		if (!EFI_ERROR(st) && n != len)
			st = EFI_VOLUME_FULL;
	}
	if (!EFI_ERROR(st))
		st = fh->Flush(fh);
	if (EFI_ERROR(st) && size == 0) {
		fh->Delete(fh); /* closes the handle too */
		return st;
	}
	if (EFI_ERROR(st))
		vol_truncate(fh, size);
	EFI_STATUS cst = fh->Close(fh);
	return EFI_ERROR(st) ? st : cst;
}

EFI_STATUS efi_ss_file_delete(const struct efi_ss_vol *v, const char *path)
{
	EFI_STATUS st;
	if (v->shell != NULL) {
		SHELL_FILE_HANDLE h;
		st = shell_open(v, path, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE, &h);
		return EFI_ERROR(st) ? st : v->shell->DeleteFile(h);
	}
	if (v->root == NULL)
		return EFI_NOT_FOUND;
	EFI_FILE_HANDLE fh;
	st = vol_open(v, path, EFI_FILE_MODE_READ | EFI_FILE_MODE_WRITE, 0, &fh);
	return EFI_ERROR(st) ? st : fh->Delete(fh);
}

void efi_ss_vol_close(struct efi_ss_vol *v)
{
	if (v->root != NULL)
		v->root->Close(v->root);
	v->root = NULL;
	v->shell = NULL;
}
