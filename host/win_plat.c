/* SPDX-License-Identifier: MIT */
/* host/plat.h on Windows: UTF-8 paths turned into UTF-16 for the wide calls (non-ASCII paths
 * work), every file opened in binary mode (msvcrt's text mode would stop a raw table at its
 * first 0x1A byte and eat CRs), folders listed with FindFirstFileW. */
#include "plat.h"

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <windows.h>

/* path as a malloc'd UTF-16 string, or NULL with errno (ENOENT for bytes that are not UTF-8) */
static wchar_t *wide(const char *path)
{
	int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, NULL, 0);
	wchar_t *w = n > 0 ? malloc((size_t)n * sizeof(wchar_t)) : NULL;
	if (!w || MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, path, -1, w, n) != n) {
		free(w);
		errno = n > 0 ? ENOMEM : ENOENT;
		return NULL;
	}
	return w;
}

static char *utf8(const wchar_t *w)
{
	int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
	char *s = n > 0 ? malloc((size_t)n) : NULL;
	if (s && WideCharToMultiByte(CP_UTF8, 0, w, -1, s, n, NULL, NULL) != n) {
		free(s);
		s = NULL;
	}
	return s;
}

int plat_stat(const char *path, struct plat_stat *st)
{
	struct _stat64 s;
	if (strcmp(path, "-") == 0) {
		if (_fstat64(0, &s) != 0)
			return -1;
	} else {
		wchar_t *w = wide(path);
		int rc = w ? _wstat64(w, &s) : -1;
		free(w);
		if (rc != 0)
			return -1;
	}
	st->kind = (s.st_mode & _S_IFMT) == _S_IFREG ? PLAT_FILE
		 : (s.st_mode & _S_IFMT) == _S_IFDIR ? PLAT_DIR
		 : (s.st_mode & _S_IFMT) == _S_IFIFO ? PLAT_PIPE
		 : (s.st_mode & _S_IFMT) == _S_IFCHR ? PLAT_DEVICE : PLAT_OTHER;
	st->size = st->kind == PLAT_FILE ? (uint64_t)s.st_size : 0;
	return 0;
}

/* path ("-": standard input, switched to binary) opened for reading; devices and folders
 * refused. */
static FILE *open_input(const char *path, struct plat_stat *st)
{
	if (plat_stat(path, st) != 0)
		return NULL;
	if (st->kind == PLAT_DIR || st->kind == PLAT_DEVICE) {
		/* a redirected NUL or a console is a character device too */
		errno = st->kind == PLAT_DIR ? EISDIR : ENODEV;
		return NULL;
	}
	if (strcmp(path, "-") == 0) {
		_setmode(0, _O_BINARY);
		return stdin;
	}
	wchar_t *w = wide(path);
	FILE *f = w ? _wfopen(w, L"rb") : NULL;
	free(w);
	return f;
}

static void close_input(FILE *f)
{
	if (f != stdin)
		fclose(f);
}

/* fread() for plat_read_all (binary, so every byte as it is) */
static long read_file(void *ctx, char *buf, size_t n)
{
	FILE *f = ctx;
	size_t r = fread(buf, 1, n, f);
	if (r == 0 && ferror(f)) {
		errno = EIO;
		return -1;
	}
	return (long)r;
}

char *host_read_file(const char *path, size_t max, size_t *len)
{
	struct plat_stat st;
	FILE *f = open_input(path, &st);
	if (!f)
		return NULL;
	char *buf = plat_read_all(read_file, f, &st, max, len);
	int e = errno;
	close_input(f);
	errno = e;
	return buf;
}

int plat_read_head(const char *path, unsigned char *head, size_t cap, size_t *n)
{
	struct plat_stat st;
	FILE *f = open_input(path, &st);
	if (!f)
		return -1;
	*n = fread(head, 1, cap, f);
	close_input(f);
	return 0;
}

int plat_list_dir(const char *path, struct plat_names *names)
{
	size_t len = strlen(path);
	char *pat = malloc(len + 3);
	if (!pat) {
		errno = ENOMEM;
		return -1;
	}
	memcpy(pat, path, len);
	memcpy(pat + len, "\\*", 3);
	wchar_t *w = wide(pat);
	free(pat);
	if (!w)
		return -1;
	WIN32_FIND_DATAW fd;
	HANDLE h = FindFirstFileW(w, &fd);
	free(w);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		errno = e == ERROR_ACCESS_DENIED ? EACCES : e == ERROR_DIRECTORY ? ENOTDIR : ENOENT;
		return -1;
	}
	*names = (struct plat_names){ 0 };
	int rc = 0;
	do
		if (wcscmp(fd.cFileName, L".") && wcscmp(fd.cFileName, L".."))
			rc = plat_names_add(names, utf8(fd.cFileName));
	while (rc == 0 && FindNextFileW(h, &fd));
	FindClose(h);
	return rc; /* -1: memory ran out, every name freed, errno ENOMEM */
}

int plat_stdin_is_terminal(void)
{
	return _isatty(0);
}

FILE *plat_create(const char *path)
{
	wchar_t *w = wide(path);
	FILE *f = w ? _wfopen(w, L"wb") : NULL;
	free(w);
	return f;
}
