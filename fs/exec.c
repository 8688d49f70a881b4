/*
 * exec.c - execve and execveat: open and check the file, build a new
 * address space with a stack holding the filename, envp and argv
 * strings (copied from the old one), let a binary format (#! scripts,
 * ELF) load the program, and at the point of no return drop the old
 * program: other threads, memory, close-on-exec files, caught signal
 * handlers. Errors after that point kill the process with SIGSEGV, as
 * Linux does. Documentation/processes.md has the picture.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/binfmts.h>
#include <umk/process.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/slab.h>
#include <umk/mman.h>
#include <umk/fs.h>
#include <umk/fdtable.h>
#include <umk/string.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <arch/thread_info.h>

/* argv/envp: guest arrays of guest strings, or kernel arrays (init). */
struct user_arg_ptr {
	bool is_kernel;
	const char __user *const __user *uptr;
	const char *const *kptr;
};

/* Checks a file may be run, and keeps writers off it meanwhile. */
static int check_exec_file(struct file *file)
{
	struct inode *inode = file_inode(file);
	int err;

	if (!S_ISREG(inode->i_mode) || path_noexec(&file->f_path) ||
	    !(file->f_mode & FMODE_READ))
		return -EACCES;
	err = inode_permission(inode, MAY_EXEC);
	if (err)
		return err;
	err = deny_write_access(file);
	if (err)
		return err;
	file->f_mode |= FMODE_EXEC;
	return 0;
}

static struct file *open_exec_at(int dfd, const char *name, int flags)
{
	struct file *file;
	int err;

	if (!*name && (flags & AT_EMPTY_PATH)) {
		file = fget(dfd);
		if (!file)
			return ERR_PTR(-EBADF);
	} else {
		file = file_open_at(dfd, name, O_RDONLY | O_LARGEFILE |
				    ((flags & AT_SYMLINK_NOFOLLOW) ?
				     O_NOFOLLOW : 0), 0);
		if (IS_ERR(file))
			return file;
	}
	err = check_exec_file(file);
	if (err) {
		fput(file);
		return ERR_PTR(err);
	}
	return file;
}

struct file *open_exec(const char *name)
{
	return open_exec_at(AT_FDCWD, name, 0);
}

void close_exec(struct file *file)
{
	allow_write_access(file);
	fput(file);
}

int kernel_read_exact(struct file *file, void *buf, size_t len, loff_t pos)
{
	ssize_t n = kernel_read(file, buf, len, &pos);

	if (n < 0)
		return n;
	return (size_t)n == len ? 0 : -ENOEXEC;
}

static int get_arg(struct user_arg_ptr a, int nr, unsigned long *str)
{
	const char __user *p;

	if (a.is_kernel) {
		*str = (unsigned long)a.kptr[nr];
		return 0;
	}
	if (get_user(p, a.uptr + nr))
		return -EFAULT;
	*str = (unsigned long)p;
	return 0;
}

static int count_args(struct user_arg_ptr a)
{
	unsigned long str;
	int n = 0, err;

	if (!a.uptr && !a.kptr)
		return 0;
	for (;;) {
		err = get_arg(a, n, &str);
		if (err)
			return err;
		if (!str)
			return n;
		if (++n >= MAX_ARG_STRINGS)
			return -E2BIG;
		if (fatal_signal_pending(current))
			return -ERESTARTNOHAND;
	}
}

/* Writes len bytes of string data at bprm->p - len, moving p down. */
static int push_bytes(struct linux_binprm *bprm, size_t len)
{
	if (bprm->p < len || bprm->p - len < bprm->argmin)
		return -E2BIG;
	bprm->p -= len;
	return 0;
}

int copy_string_kernel(const char *s, struct linux_binprm *bprm)
{
	size_t len = strlen(s) + 1;
	int err;

	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	err = push_bytes(bprm, len);
	if (err)
		return err;
	return access_remote(bprm->mm, bprm->p, (void *)s, len, true);
}

/* One guest string into the new stack, a page at a time. */
static int copy_user_string(const char __user *str, struct linux_binprm *bprm,
			    char *page)
{
	size_t len = strnlen_user(str, MAX_ARG_STRLEN), off, n;
	int err;

	if (!len)
		return -EFAULT;
	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	err = push_bytes(bprm, len);
	if (err)
		return err;
	/* The guest may change it meanwhile: the last byte is our NUL. */
	for (off = 0; off < len; off += n) {
		n = min(len - off, PAGE_SIZE);
		if (copy_from_user(page, str + off, n))
			return -EFAULT;
		if (off + n == len)
			page[n - 1] = '\0';
		err = access_remote(bprm->mm, bprm->p + off, page, n, true);
		if (err)
			return err;
	}
	return 0;
}

/* Last string first, so argv[0] ends up lowest, as in Linux. */
static int copy_strings(int count, struct user_arg_ptr a,
			struct linux_binprm *bprm)
{
	char *page = NULL;
	unsigned long str;
	int err = 0;

	if (!a.is_kernel) {
		page = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!page)
			return -ENOMEM;
	}
	while (!err && count-- > 0) {
		err = get_arg(a, count, &str);
		if (err)
			break;
		if (a.is_kernel)
			err = copy_string_kernel((const char *)str, bprm);
		else
			err = copy_user_string((const char __user *)str, bprm,
					       page);
		if (!err && fatal_signal_pending(current))
			err = -ERESTARTNOHAND;
	}
	kfree(page);
	return err;
}

int remove_arg_zero(struct linux_binprm *bprm)
{
	char buf[64];
	size_t i, n;
	int err;

	if (!bprm->argc)
		return 0;
	for (;;) {
		/* Strings end below the filename; do not read past them. */
		n = min(sizeof(buf), bprm->exec - bprm->p);
		if (!n)
			return -EFAULT;
		err = access_remote(bprm->mm, bprm->p, buf, n, false);
		if (err)
			return err;
		for (i = 0; i < n && buf[i]; i++)
			;
		bprm->p += i;
		if (i < n)
			break;
	}
	bprm->p++;
	bprm->argc--;
	return 0;
}

/*
 * The new address space and its stack. The strings may take a quarter
 * of the stack limit (at least ARG_MAX, at most 6 MiB), pointers
 * included, as in Linux.
 */
static int bprm_mm_init(struct linux_binprm *bprm)
{
	unsigned long stack = rlimit(RLIMIT_STACK), sp, limit, ptrs;
	int err;

	bprm->mm = mm_alloc();
	if (!bprm->mm)
		return -ENOMEM;
	bprm->mm->stack_limit = max(stack, (unsigned long)STACK_GUARD_GAP);
	err = setup_arg_pages(bprm->mm, STACK_TOP, &sp);
	if (err)
		return err;
	bprm->p = sp - sizeof(void *);
	limit = min((6UL << 20), stack / 4);
	limit = max(limit, (unsigned long)ARG_MAX);
	ptrs = (max(bprm->argc, 1) + bprm->envc) * sizeof(void *);
	if (limit <= ptrs)
		return -E2BIG;
	bprm->argmin = bprm->p - (limit - ptrs);
	return 0;
}

/* Set-user/group-id files run with their owner's ids (not scripts'). */
static void bprm_fill_uid(struct linux_binprm *bprm)
{
	struct inode *inode = file_inode(bprm->file);
	struct cred *c = bprm->cred;

	if (inode->i_mode & S_ISUID)
		c->euid = inode->i_uid;
	if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = inode->i_gid;
	c->suid = c->fsuid = c->euid;
	c->sgid = c->fsgid = c->egid;
	bprm->secureexec = c->euid != c->uid || c->egid != c->gid;
}

/* #! may name another script, 5 deep as in Linux; then it is ELF. */
static int exec_binprm(struct linux_binprm *bprm)
{
	ssize_t n;
	loff_t pos;
	int depth, err;

	for (depth = 1;; depth++) {
		memset(bprm->buf, 0, sizeof(bprm->buf));
		pos = 0;
		n = kernel_read(bprm->file, bprm->buf, sizeof(bprm->buf), &pos);
		if (n < 0)
			return n;
		err = load_script(bprm);
		if (err == -ENOEXEC)
			break;
		if (err)
			return err;
		if (depth > BINPRM_MAX_RECURSION)
			return -ELOOP;
	}
	bprm_fill_uid(bprm);
	return load_elf_binary(bprm);
}

static void free_bprm(struct linux_binprm *bprm)
{
	if (bprm->mm)
		mmput(bprm->mm);
	if (bprm->file)
		close_exec(bprm->file);
	if (bprm->cred)
		put_cred(bprm->cred);
	kfree(bprm->interp_buf);
	kfree(bprm);
}

/* Runs path (relative to fd) as name: argv/envp from the caller. */
static int do_execveat_named(int fd, const char *path, const char *name,
			     struct user_arg_ptr argv,
			     struct user_arg_ptr envp, int flags)
{
	struct linux_binprm *bprm;
	int err;

	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	bprm = kzalloc(sizeof(*bprm), GFP_KERNEL);
	if (!bprm)
		return -ENOMEM;
	bprm->filename = bprm->interp = name;
	bprm->cred = prepare_creds();
	err = -ENOMEM;
	if (!bprm->cred)
		goto out;
	bprm->file = open_exec_at(fd, path, flags);
	if (IS_ERR(bprm->file)) {
		err = PTR_ERR(bprm->file);
		bprm->file = NULL;
		goto out;
	}
	err = bprm->argc = count_args(argv);
	if (err >= 0)
		err = bprm->envc = count_args(envp);
	if (err >= 0)
		err = bprm_mm_init(bprm);
	if (!err)
		err = copy_string_kernel(name, bprm);
	bprm->exec = bprm->p;
	if (!err)
		err = copy_strings(bprm->envc, envp, bprm);
	if (!err)
		err = copy_strings(bprm->argc, argv, bprm);
	/* No argv[0]: Linux gives "" (programs assume argc >= 1). */
	if (!err && !bprm->argc) {
		err = copy_string_kernel("", bprm);
		bprm->argc = 1;
	}
	if (!err)
		err = exec_binprm(bprm);
out:
	if (err && bprm->point_of_no_return && !fatal_signal_pending(current))
		force_sig(SIGSEGV);
	free_bprm(bprm);
	return err;
}

/* The filename from the guest: a kmalloc'ed copy, or an ERR_PTR. */
static char *getname_exec(const char __user *uname, int flags)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!name)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(name, uname, PATH_MAX);
	if (n == 0 && !(flags & AT_EMPTY_PATH))
		n = -ENOENT;
	if (n < 0) {
		kfree(name);
		return ERR_PTR(n);
	}
	return name;
}

static long sys_execve_common(int fd, const char __user *uname,
			      const char __user *const __user *argv,
			      const char __user *const __user *envp, int flags)
{
	struct user_arg_ptr a = { .uptr = argv }, e = { .uptr = envp };
	char *name = getname_exec(uname, flags), label[32];
	long err;

	if (IS_ERR(name))
		return PTR_ERR(name);
	if (*name) {
		err = do_execveat_named(fd, name, name, a, e, flags);
	} else {
		/* fexecve: Linux names the program after the descriptor. */
		snprintf(label, sizeof(label), "/dev/fd/%d", fd);
		err = do_execveat_named(fd, "", label, a, e, flags);
	}
	kfree(name);
	return err;
}

SYSCALL_DEFINE3(execve, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp)
{
	return sys_execve_common(AT_FDCWD, filename, argv, envp, 0);
}

SYSCALL_DEFINE5(execveat, int, fd, const char __user *, filename,
		const char __user *const __user *, argv,
		const char __user *const __user *, envp, int, flags)
{
	return sys_execve_common(fd, filename, argv, envp, flags);
}

int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp)
{
	struct user_arg_ptr a = { .is_kernel = true, .kptr = argv };
	struct user_arg_ptr e = { .is_kernel = true, .kptr = envp };

	return do_execveat_named(AT_FDCWD, filename, filename, a, e, 0);
}
