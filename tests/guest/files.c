/*
 * files.c - the file system calls on a tmpfs: open flags, read/write,
 * lseek and holes, pread/pwrite, readv/writev, stat, getdents64, mkdir,
 * rmdir, unlink, rename(at2), link, symlink/readlink and path walk
 * (".", "..", symlink loops), chmod, truncate, utimensat, access,
 * chdir/fchdir/getcwd, mknod, dup/dup2/dup3, fcntl, close_range, pipes.
 * Everything happens in a scratch directory; only relative names and
 * deterministic stat fields are printed. Needs root (natively too).
 */
#include "guest.h"
#include <limits.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <time.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE (1 << 1)
#endif

static const char *ftype(mode_t m)
{
	return S_ISREG(m) ? "file" : S_ISDIR(m) ? "dir" : S_ISLNK(m) ?
		"symlink" : S_ISCHR(m) ? "chardev" : S_ISFIFO(m) ? "fifo" :
		S_ISBLK(m) ? "blockdev" : "other";
}

static void show(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		say("stat %s: %s\n", path, errname(errno));
		return;
	}
	say("stat %s: %s mode %04o nlink %lu size %lld uid %d gid %d\n",
	    path, ftype(st.st_mode), st.st_mode & 07777,
	    (unsigned long)st.st_nlink,
	    S_ISDIR(st.st_mode) ? 0LL : (long long)st.st_size,
	    (int)st.st_uid, (int)st.st_gid);
}

static const char *contents(const char *path)
{
	static char buf[256];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return errname(errno);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return errname(errno);
	buf[n] = 0;
	return buf;
}

static void open_flags(void)
{
	int fd;

	say("== open\n");
	TRY_FD("open missing", open("nofile", O_RDONLY));
	fd = open("a", O_RDWR | O_CREAT | O_EXCL, 0640);
	TRY("O_CREAT|O_EXCL new", fd);
	TRY("write 5", write(fd, "hello", 5) == 5 ? 0 : -1);
	close(fd);
	TRY_FD("O_CREAT|O_EXCL existing",
	       open("a", O_RDWR | O_CREAT | O_EXCL, 0640));
	TRY_FD("O_DIRECTORY on a file", open("a", O_RDONLY | O_DIRECTORY));
	TRY_FD("O_WRONLY on a directory", open(".", O_WRONLY));
	TRY_FD("open with a trailing slash on a file", open("a/", O_RDONLY));
	fd = open("a", O_WRONLY | O_APPEND);
	TRY("O_APPEND write", write(fd, " world", 6) == 6 ? 0 : -1);
	say("  offset after append: %s\n", resval(lseek(fd, 0, SEEK_CUR)));
	TRY("read from O_WRONLY", read(fd, (char[4]){ 0 }, 1));
	close(fd);
	say("  contents: \"%s\"\n", contents("a"));
	fd = open("a", O_RDONLY);
	TRY("write to O_RDONLY", write(fd, "x", 1));
	say("  F_GETFL access mode O_RDONLY: %s\n",
	    yesno((fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDONLY));
	close(fd);
	fd = open("a", O_RDWR | O_TRUNC);
	show("a");
	close(fd);
	fd = creat("b", 0600);
	TRY("creat", fd);
	close(fd);
	show("b");
}

static void rw_seek(void)
{
	char buf[32] = { 0 };
	struct iovec iov[3];
	int fd = open("s", O_RDWR | O_CREAT | O_TRUNC, 0644);

	say("== read, write, lseek\n");
	TRY("write", write(fd, "0123456789", 10));
	say("lseek SEEK_SET 2: %s\n", resval(lseek(fd, 2, SEEK_SET)));
	say("read 3: %s \"%.3s\"\n", resval(read(fd, buf, 3)), buf);
	say("lseek SEEK_CUR -1: %s\n", resval(lseek(fd, -1, SEEK_CUR)));
	say("lseek SEEK_END -2: %s\n", resval(lseek(fd, -2, SEEK_END)));
	say("read at 8, asking 10: %s\n", resval(read(fd, buf, 10)));
	say("read at EOF: %s\n", resval(read(fd, buf, 10)));
	say("lseek to -1: %s\n", result(lseek(fd, -1, SEEK_SET)));
	say("lseek bad whence: %s\n", result(lseek(fd, 0, 42)));
	say("lseek past EOF to 100: %s\n", resval(lseek(fd, 100, SEEK_SET)));
	TRY("write there", write(fd, "Z", 1));
	show("s");
	memset(buf, 'x', sizeof(buf));
	say("pread 4 at 50 (a hole): %s\n", resval(pread(fd, buf, 4, 50)));
	check("  reads zeros", !buf[0] && !buf[3]);
	say("pwrite 2 at 0: %s\n", resval(pwrite(fd, "AB", 2, 0)));
	say("offset unchanged by pread/pwrite: %s\n",
	    resval(lseek(fd, 0, SEEK_CUR)));
	iov[0] = (struct iovec){ "ab", 2 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "cde", 3 };
	lseek(fd, 0, SEEK_SET);
	say("writev 2+0+3: %s\n", resval(writev(fd, iov, 3)));
	memset(buf, 0, sizeof(buf));
	iov[0] = (struct iovec){ buf, 1 };
	iov[1] = (struct iovec){ buf + 10, 4 };
	lseek(fd, 0, SEEK_SET);
	say("readv 1+4: %s\n", resval(readv(fd, iov, 2)));
	say("  got \"%c%.4s\"\n", buf[0], buf + 10);
	say("lseek on a bad fd: %s\n", result(lseek(-1, 0, SEEK_SET)));
	close(fd);
	say("read from a closed fd: %s\n", result(read(fd, buf, 1)));
}

static void listing(const char *dir)
{
	char buf[4096], names[64][64], tmp[64];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), n = 0, i, j;
	long len, off;

	while (fd >= 0 && (len = syscall(SYS_getdents64, fd, buf,
					 sizeof(buf))) > 0) {
		for (off = 0; off < len && n < 64; n++) {
			struct { unsigned long long ino; long long off;
				 unsigned short reclen; unsigned char type;
				 char name[]; } *d = (void *)(buf + off);

			snprintf(names[n], sizeof(names[n]), "%s(%s)",
				 d->name, d->type == DT_DIR ? "d" :
				 d->type == DT_REG ? "f" : d->type == DT_LNK ?
				 "l" : d->type == DT_UNKNOWN ? "?" : "o");
			off += d->reclen;
		}
	}
	close(fd);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(names[i], names[j]) > 0) {
				strcpy(tmp, names[i]);
				strcpy(names[i], names[j]);
				strcpy(names[j], tmp);
			}
	buf[0] = 0;
	for (i = 0; i < n; i++) {
		strcat(buf, " ");
		strcat(buf, names[i]);
	}
	say("getdents64 %s:%s\n", dir, buf);
}

static void directories(void)
{
	say("== directories\n");
	TRY("mkdir d", mkdir("d", 0755));
	TRY("mkdir d again", mkdir("d", 0755));
	TRY("mkdir d/e/f (no d/e)", mkdir("d/e/f", 0755));
	TRY("mkdir d/e", mkdir("d/e", 0700));
	TRY("mkdir a/x (a is a file)", mkdir("a/x", 0755));
	put_file("d/file", "in d");
	show("d");
	show("d/e");
	listing("d");
	TRY("rmdir non-empty d", rmdir("d"));
	TRY("rmdir a file", rmdir("a"));
	TRY("unlink a directory", unlink("d/e"));
	TRY("rmdir .", rmdir("d/e/."));
	TRY("unlinkat AT_REMOVEDIR d/e", unlinkat(AT_FDCWD, "d/e",
						  AT_REMOVEDIR));
	show("d");
	TRY("unlink d/file", unlink("d/file"));
	TRY("unlink it again", unlink("d/file"));
	TRY("rmdir d", rmdir("d"));
}

static void names(void)
{
	char name[300];

	say("== renames and links\n");
	mkdir("r", 0755);
	mkdir("r/sub", 0755);
	mkdir("r/full", 0755);
	put_file("r/full/x", "x");
	put_file("r/one", "one");
	put_file("r/two", "two");
	TRY("rename one -> uno", rename("r/one", "r/uno"));
	TRY("rename uno over two", rename("r/uno", "r/two"));
	say("  two now holds \"%s\"\n", contents("r/two"));
	TRY("rename file over a directory", rename("r/two", "r/sub"));
	TRY("rename directory over a file", rename("r/sub", "r/two"));
	TRY("rename dir over a non-empty dir", rename("r/sub", "r/full"));
	TRY("rename dir into itself", rename("r/sub", "r/sub/in"));
	TRY("rename missing", rename("r/none", "r/x"));
	put_file("r/three", "three");
	TRY("renameat2 RENAME_NOREPLACE onto existing", syscall(
	    SYS_renameat2, AT_FDCWD, "r/three", AT_FDCWD, "r/two",
	    RENAME_NOREPLACE));
	TRY("renameat2 RENAME_EXCHANGE", syscall(SYS_renameat2, AT_FDCWD,
	    "r/three", AT_FDCWD, "r/two", RENAME_EXCHANGE));
	say("  two \"%s\"\n", contents("r/two"));
	say("  three \"%s\"\n", contents("r/three"));
	TRY("link two -> hard", link("r/two", "r/hard"));
	show("r/two");
	TRY("link to an existing name", link("r/two", "r/three"));
	TRY("link a directory", link("r/sub", "r/subhard"));
	TRY("unlink two", unlink("r/two"));
	show("r/hard");
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	TRY_FD("open a 299-byte name", open(name, O_CREAT | O_RDWR, 0644));
	name[255] = 0;
	TRY_FD("open a 255-byte name", open(name, O_CREAT | O_RDWR, 0644));
	unlink(name);
	listing("r");
}

static void symlinks(void)
{
	char buf[64];
	ssize_t n;

	say("== symlinks and path walk\n");
	mkdir("p", 0755);
	mkdir("p/q", 0755);
	put_file("p/q/target", "target data");
	TRY("symlink", symlink("q/target", "p/link"));
	TRY("symlink to a directory", symlink("q", "p/dirlink"));
	TRY("dangling symlink", symlink("nowhere", "p/dangling"));
	TRY("absolute-free relative loop a->b", symlink("b", "p/a"));
	TRY("b->a", symlink("a", "p/b"));
	TRY("symlink over an existing name", symlink("x", "p/link"));
	show("p/link");
	n = readlink("p/link", buf, sizeof(buf));
	say("readlink: %s \"%.*s\"\n", resval(n), (int)(n > 0 ? n : 0), buf);
	memset(buf, '#', sizeof(buf));
	n = readlink("p/link", buf, 4);
	say("readlink into 4 bytes: %s\n", resval(n));
	say("  \"%.4s\" then '%c'\n", buf, buf[4]);
	TRY("readlink a file", readlink("p/q/target", buf, sizeof(buf)));
	say("read through the link: \"%s\"\n", contents("p/link"));
	say("through dirlink: \"%s\"\n", contents("p/dirlink/target"));
	say("with . and ..: \"%s\"\n",
	    contents("p/./q/../dirlink/./../q/target"));
	say("dangling: %s\n", contents("p/dangling"));
	say("loop: %s\n", contents("p/a"));
	TRY_FD("O_NOFOLLOW on a symlink",
	       open("p/link", O_RDONLY | O_NOFOLLOW));
	TRY_FD("O_CREAT through a dangling symlink",
	       open("p/dangling", O_CREAT | O_WRONLY, 0644));
	show("p/nowhere");
	TRY("stat a file as a directory", access("p/q/target/", F_OK));
	TRY("path through a file", access("p/q/target/x", F_OK));
	TRY("lstat the symlink to a directory with a slash",
	    access("p/dirlink/", F_OK));
	TRY("unlink the symlink", unlink("p/link"));
	say("target still there: \"%s\"\n", contents("p/q/target"));
	listing("p");
}

static void attributes(void)
{
	struct timespec ts[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	struct stat st;
	int fd;

	say("== attributes\n");
	put_file("m", "0123456789");
	TRY("chmod 0604", chmod("m", 0604));
	show("m");
	fd = open("m", O_RDWR);
	TRY("fchmod 0640", fchmod(fd, 0640));
	TRY("chmod keeps only 07777", chmod("m", 0170755));
	show("m");
	TRY("truncate to 4", truncate("m", 4));
	say("  contents \"%s\"\n", contents("m"));
	TRY("ftruncate to 8", ftruncate(fd, 8));
	show("m");
	say("  grown bytes are zero: %s\n", yesno(!memcmp(contents("m"),
							  "0123", 5)));
	TRY("truncate negative", truncate("m", -1));
	TRY("truncate a directory", truncate(".", 0));
	TRY("utimensat", utimensat(AT_FDCWD, "m", ts, 0));
	stat("m", &st);
	say("  atime %lld.%09ld mtime %lld.%09ld\n",
	    (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	    (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	TRY("utimensat UTIME_OMIT/UTIME_NOW", utimensat(AT_FDCWD, "m", ts, 0));
	stat("m", &st);
	check("  atime kept", st.st_atim.tv_sec == 1000000000);
	check("  mtime is now", st.st_mtim.tv_sec > 1200000000);
	ts[0].tv_nsec = 2000000000;
	TRY("utimensat bad nsec", utimensat(AT_FDCWD, "m", ts, 0));
	TRY("access R_OK|W_OK", access("m", R_OK | W_OK));
	TRY("access X_OK on 0640 as root", access("m", X_OK));
	TRY("access bad mode", access("m", 0100));
	TRY("mknod a char device 1:3", mknod("null", S_IFCHR | 0666,
					     makedev(1, 3)));
	stat("null", &st);
	say("  %s %u:%u\n", ftype(st.st_mode), major(st.st_rdev),
	    minor(st.st_rdev));
	TRY("mknod a fifo", mknod("fifo", S_IFIFO | 0600, 0));
	show("fifo");
	TRY("mknod existing", mknod("fifo", S_IFIFO | 0600, 0));
	close(fd);
}

static void cwd(void)
{
	char buf[PATH_MAX], top[PATH_MAX];
	int fd;

	say("== cwd\n");
	if (!getcwd(top, sizeof(top)))
		return;
	mkdir("c", 0755);
	mkdir("c/d", 0755);
	fd = open("c", O_RDONLY | O_DIRECTORY);
	TRY("chdir c/d", chdir("c/d"));
	say("getcwd: ...%s\n", getcwd(buf, sizeof(buf)) ?
	    buf + strlen(top) : errname(errno));
	TRY("chdir ..", chdir(".."));
	say("getcwd: ...%s\n", getcwd(buf, sizeof(buf)) ?
	    buf + strlen(top) : errname(errno));
	TRY("fchdir back to c", fchdir(fd));
	TRY_FD("openat(fd, \"d\")", openat(fd, "d", O_RDONLY | O_DIRECTORY));
	TRY("chdir to a file", chdir("../a"));
	TRY("chdir to a missing dir", chdir("zzz"));
	TRY("getcwd too small", getcwd(buf, 2) ? 0 : -1);
	TRY("chdir back up", chdir(top));
	TRY("rmdir c/d while c is open", rmdir("c/d"));
	TRY("fchdir to a file fd", fchdir(1));
	close(fd);
}

static void descriptors(void)
{
	int fd = open("a", O_RDWR), d, flags, low = 0;
	char c;

	say("== descriptors\n");
	while (fcntl(low, F_GETFD) >= 0)
		low++;
	d = dup(fd);
	say("dup gives the lowest free fd: %s\n", yesno(d == low));
	lseek(fd, 3, SEEK_SET);
	say("dup shares the offset: %s\n", yesno(lseek(d, 0, SEEK_CUR) == 3));
	say("dup2 onto 20: %s\n", resval(dup2(fd, 20)));
	say("dup2 onto itself: %s\n", yesno(dup2(fd, fd) == fd));
	say("dup3 onto itself: %s\n", result(dup3(fd, fd, 0)));
	say("dup3 O_CLOEXEC onto 21: %s\n", resval(dup3(fd, 21, O_CLOEXEC)));
	check("  FD_CLOEXEC on 21", fcntl(21, F_GETFD) == FD_CLOEXEC);
	check("  FD_CLOEXEC on 20", fcntl(20, F_GETFD) == FD_CLOEXEC);
	say("F_DUPFD from 30: %s\n", resval(fcntl(fd, F_DUPFD, 30)));
	say("F_DUPFD_CLOEXEC from 30: %s\n",
	    resval(fcntl(fd, F_DUPFD_CLOEXEC, 30)));
	say("  FD_CLOEXEC on 31: %s\n", yesno(fcntl(31, F_GETFD) == 1));
	TRY("F_SETFD FD_CLOEXEC", fcntl(20, F_SETFD, FD_CLOEXEC));
	flags = fcntl(fd, F_GETFL);
	say("F_GETFL: O_RDWR %s, O_APPEND %s\n",
	    yesno((flags & O_ACCMODE) == O_RDWR), yesno(flags & O_APPEND));
	TRY("F_SETFL O_APPEND", fcntl(fd, F_SETFL, flags | O_APPEND));
	say("  shared with the dup: %s\n",
	    yesno(fcntl(d, F_GETFL) & O_APPEND));
	say("dup of a bad fd: %s\n", result(dup(99)));
	say("fcntl of a bad fd: %s\n", result(fcntl(99, F_GETFD)));
	say("close of a bad fd: %s\n", result(close(99)));
	say("dup2 to a negative fd: %s\n", result(dup2(fd, -1)));
	TRY("close_range 20..31 CLOEXEC", syscall(SYS_close_range, 20, 31,
						  CLOSE_RANGE_CLOEXEC));
	say("  fd 30 still open, cloexec: %s\n",
	    yesno(fcntl(30, F_GETFD) == FD_CLOEXEC));
	TRY("close_range 20..~0", syscall(SYS_close_range, 20, ~0U, 0));
	say("  fds 20, 21, 30, 31 closed: %s\n",
	    yesno(fcntl(20, F_GETFD) < 0 && fcntl(21, F_GETFD) < 0 &&
		  fcntl(30, F_GETFD) < 0 && fcntl(31, F_GETFD) < 0));
	TRY("close_range first > last", syscall(SYS_close_range, 5, 4, 0));
	close(d);
	close(fd);
	say("read after close: %s\n", result(read(fd, &c, 1)));
}

static int pipe_writer(void *arg)
{
	int *fds = arg;

	close(fds[0]);
	return write(fds[1], "x", 1) == 1 ? 0 : 1;
}

static void pipes(void)
{
	int fds[2], st;
	char buf[16];

	say("== pipes\n");
	TRY("pipe", pipe(fds));
	say("write 5: %s\n", resval(write(fds[1], "hello", 5)));
	say("read 16: %s\n", resval(read(fds[0], buf, 16)));
	say("lseek on a pipe: %s\n", result(lseek(fds[0], 0, SEEK_SET)));
	say("write to the read end: %s\n", result(write(fds[0], "x", 1)));
	close(fds[1]);
	say("read at EOF: %s\n", resval(read(fds[0], buf, 16)));
	close(fds[0]);
	TRY("pipe2 O_CLOEXEC|O_NONBLOCK", pipe2(fds, O_CLOEXEC | O_NONBLOCK));
	say("  cloexec: %s\n", yesno(fcntl(fds[0], F_GETFD) == FD_CLOEXEC));
	say("  empty nonblocking read: %s\n", result(read(fds[0], buf, 1)));
	say("pipe2 bad flags: %s\n", result(pipe2(fds + 0, 0x1234)));
	close(fds[1]);
	close(fds[0]);
	if (pipe(fds) < 0)
		return;
	close(fds[0]);
	st = run_child(pipe_writer, fds);
	say("write with no reader: %s\n", wstatus(st));
	close(fds[1]);
}

int main(void)
{
	if (geteuid() != 0) {
		say("files needs root (mknod, owners in stat)\n");
		return EXIT_SKIP;
	}
	umask(022);
	scratch("files");
	open_flags();
	rw_seek();
	directories();
	names();
	symlinks();
	attributes();
	cwd();
	descriptors();
	pipes();
	say("done\n");
	return 0;
}
