/*
 * creds.c - credentials and the permission checks that use them: root
 * bypasses file modes; after setresuid/setresgid a process gets exactly
 * what owner, group, other bits, supplementary groups, directory search
 * and the sticky bit allow; real vs effective ids in access(); the saved
 * set-user-ID. Needs root (natively too); skipped otherwise.
 */
#include "guest.h"
#include <grp.h>
#include <time.h>

#define U 1000
#define G 1000
#define GX 1234

static int make(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	if (put_file(path, "#!/bin/sh\necho hi\n") < 0 ||
	    chown(path, uid, gid) < 0 || chmod(path, mode) < 0) {
		say("cannot make %s: %s\n", path, errname(errno));
		return -1;
	}
	return 0;
}

static int setup(void)
{
	return mkdir("priv", 0700) || mkdir("pub", 0755) ||
		mkdir("sticky", 0777) || chmod("sticky", 01777) ||
		make("root600", 0600, 0, 0) || make("root644", 0644, 0, 0) ||
		make("root666", 0666, 0, 0) || make("root700", 0700, 0, 0) ||
		make("root000", 0000, 0, 0) || make("grp640", 0640, 0, GX) ||
		make("priv/inside", 0644, 0, 0) ||
		make("sticky/rootfile", 0666, 0, 0);
}

static void as_root(void)
{
	uid_t r, e, s;
	char *av[] = { "x", NULL };
	struct stat st;

	getresuid(&r, &e, &s);
	check("starts as root (getresuid 0 0 0)", !r && !e && !s);
	TRY_FD("root opens a mode 0000 file", open("root000", O_RDWR));
	say("root execs a mode 0644 file: %s\n",
	    result(execve("root644", av, NULL)));
	TRY("chown to 1000:1000", chown("root666", U, G));
	check("stat shows the new owner", stat("root666", &st) == 0 &&
	      st.st_uid == U && st.st_gid == G);
	TRY("and back", chown("root666", 0, 0));
}

static void as_user(void)
{
	gid_t groups[] = { GX };
	char *av[] = { "x", NULL };
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	struct stat st;
	uid_t r, e, s;

	TRY("setgroups([1234])", setgroups(1, groups));
	TRY("setresgid(1000, 1000, 1000)", setresgid(G, G, G));
	TRY("setresuid(1000, 1000, 1000)", setresuid(U, U, U));
	getresuid(&r, &e, &s);
	say("getresuid: %d %d %d\n", (int)r, (int)e, (int)s);
	getresgid(&r, &e, &s);
	say("getresgid: %d %d %d\n", (int)r, (int)e, (int)s);
	say("getgroups: %s\n", resval(getgroups(1, groups)));
	TRY_FD("open root600 for reading", open("root600", O_RDONLY));
	TRY_FD("open root644 for reading", open("root644", O_RDONLY));
	TRY_FD("open root644 for writing", open("root644", O_WRONLY));
	TRY_FD("open root666 for writing", open("root666", O_RDWR));
	TRY_FD("open grp640 (supplementary group)", open("grp640", O_RDONLY));
	TRY("stat priv/inside (no search permission)", stat("priv/inside",
							     &st));
	TRY_FD("create in a 0755 root directory",
	       open("pub/new", O_CREAT | O_WRONLY, 0644));
	TRY_FD("create in a 01777 directory",
	       open("sticky/mine", O_CREAT | O_WRONLY, 0666));
	check("new file is ours, mode 0644 after umask 022",
	      stat("sticky/mine", &st) == 0 && st.st_uid == U &&
	      st.st_gid == G && (st.st_mode & 07777) == 0644);
	TRY("chmod our own file", chmod("sticky/mine", 0600));
	TRY("chmod root's file", chmod("root644", 0666));
	TRY("chown our file to root", chown("sticky/mine", 0, 0));
	TRY("unlink root's file in a sticky directory",
	    unlink("sticky/rootfile"));
	TRY("rename root's file in a sticky directory",
	    rename("sticky/rootfile", "sticky/x"));
	TRY("unlink our file there", unlink("sticky/mine"));
	TRY("access(root600, R_OK)", access("root600", R_OK));
	TRY("access(root644, R_OK)", access("root644", R_OK));
	TRY("truncate root644", truncate("root644", 0));
	TRY("truncate root666", truncate("root666", 0));
	TRY("utimensat(root666, now) (writable)", utimensat(AT_FDCWD,
	    "root666", NULL, 0));
	TRY("utimensat(root666, given times) (not owner)",
	    utimensat(AT_FDCWD, "root666", ts, 0));
	say("exec a 0700 root file: %s\n", result(execve("root700", av,
							  NULL)));
	TRY("kill(root parent, 0)", kill(getppid(), 0));
	TRY("setuid(0)", setuid(0));
	TRY("setresuid(-1, 0, -1)", setresuid(-1, 0, -1));
	TRY("setgroups as a user", setgroups(0, NULL));
	TRY("setresgid(0, 0, 0)", setresgid(0, 0, 0));
}

static void real_vs_effective(void)
{
	TRY("setresuid(1000, 0, 0)", setresuid(U, 0, 0));
	TRY("access(root600) checks the real uid", access("root600", R_OK));
	TRY("faccessat AT_EACCESS checks the effective uid",
	    faccessat(AT_FDCWD, "root600", R_OK, AT_EACCESS));
	TRY_FD("open(root600) uses the effective uid",
	       open("root600", O_RDONLY));
}

static void saved_id(void)
{
	uid_t r, e, s;

	TRY("setresuid(1000, 1000, 0)", setresuid(U, U, 0));
	TRY_FD("open root600 as 1000", open("root600", O_RDONLY));
	TRY("seteuid(0) via the saved uid", seteuid(0));
	getresuid(&r, &e, &s);
	say("getresuid: %d %d %d\n", (int)r, (int)e, (int)s);
	TRY_FD("open root600 again", open("root600", O_RDONLY));
	TRY("setuid(1000) as euid 0 sets all three", setuid(U));
	getresuid(&r, &e, &s);
	say("getresuid: %d %d %d\n", (int)r, (int)e, (int)s);
	TRY("seteuid(0) now", seteuid(0));
}

static int in_child(void (*fn)(void))
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		fn();
		_exit(0);
	}
	waitpid(pid, &st, 0);
	return st;
}

int main(void)
{
	if (geteuid() != 0) {
		say("creds needs root\n");
		return EXIT_SKIP;
	}
	umask(022);
	scratch("creds");
	if (chmod(".", 0755) < 0 || setup())
		return 1;
	say("== root\n");
	in_child(as_root);
	say("== uid 1000\n");
	in_child(as_user);
	say("== real uid 1000, effective 0\n");
	in_child(real_vs_effective);
	say("== saved set-user-ID\n");
	in_child(saved_id);
	say("done\n");
	return 0;
}
