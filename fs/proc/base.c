/*
 * base.c - /proc/PID (and /proc/PID/task/TID): the table of a process's
 * files, its symlinks (exe, cwd, root, fd/N), the fd/, fdinfo/ and task/
 * directories, and the small text files (cmdline, environ, comm,
 * limits, cgroup). stat, status, statm and maps are in array.c.
 */
#include <limits.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include <umk/pid.h>
#include <umk/signal.h>
#include <umk/mman.h>
#include <umk/mount.h>
#include <umk/fdtable.h>
#include <umk/fs_struct.h>
#include <umk/uaccess.h>
#include <uapi/umk/dirent.h>
#include "internal.h"

#define LONG_BITS	(8 * sizeof(long))

static int parse_num(const char *name, long *out)
{
	unsigned long long n;

	if (!*name || (name[0] == '0' && name[1]) || kstrtoull(name, 10, &n))
		return -ENOENT;
	if (n > INT_MAX)
		return -ENOENT;
	*out = n;
	return 0;
}

/* The text of path as the reader sees it; pipes as "pipe:[ino]". */
static int path_text(const struct path *path, char *buf, int size)
{
	struct inode *inode = path->dentry->d_inode;
	char *p;

	if (path->mnt->mnt_flags & MNT_INTERNAL) {
		if (inode && S_ISFIFO(inode->i_mode))
			return scnprintf(buf, size, "pipe:[%llu]",
					 (unsigned long long)inode->i_ino);
		return scnprintf(buf, size, "anon_inode:[%s]",
				 path->mnt->mnt_sb->s_type->name);
	}
	p = d_path(path, buf, size);
	if (IS_ERR(p))
		return PTR_ERR(p);
	memmove(buf, p, strlen(p) + 1);
	return strlen(buf);
}

/* ---- symlinks ---- */

static int fs_link(struct proc_inode *pi, char *buf, int size, bool root)
{
	struct task_struct *t = proc_task(pi);
	struct fs_struct *fs = t->fs ? t->fs : &init_fs;
	struct path path;
	int len;

	if (!t->signal)
		return -ENOENT;
	if (root)
		get_fs_root(fs, &path);
	else
		get_fs_pwd(fs, &path);
	len = path_text(&path, buf, size);
	path_put(&path);
	return len;
}

static int cwd_link(struct proc_inode *pi, char *buf, int size)
{
	return fs_link(pi, buf, size, false);
}

static int root_link(struct proc_inode *pi, char *buf, int size)
{
	return fs_link(pi, buf, size, true);
}

static int exe_link(struct proc_inode *pi, char *buf, int size)
{
	struct task_struct *t = proc_task(pi);

	if (!t->mm || !t->mm->exe_file)
		return -ENOENT;
	return path_text(&t->mm->exe_file->f_path, buf, size);
}

/* The file at fd of t, referenced, or NULL. */
static struct file *task_fget(struct task_struct *t, long fd)
{
	struct files_struct *files = t->files;
	struct file *file = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->lock);
	if (fd >= 0 && fd < files->max_fds && files->fd[fd])
		file = get_file(files->fd[fd]);
	spin_unlock(&files->lock);
	return file;
}

static int fd_link(struct proc_inode *pi, char *buf, int size)
{
	struct file *file = task_fget(proc_task(pi), pi->idx);
	int len;

	if (!file)
		return -ENOENT;
	len = path_text(&file->f_path, buf, size);
	fput(file);
	return len;
}

static int fdinfo_show(struct pbuf *m, struct proc_inode *pi)
{
	struct file *file = task_fget(proc_task(pi), pi->idx);
	struct files_struct *files = proc_task(pi)->files;
	unsigned int flags;

	if (!file)
		return -ENOENT;
	flags = file->f_flags;
	spin_lock(&files->lock);
	if (files->close_on_exec[pi->idx / LONG_BITS] &
	    (1UL << (pi->idx % LONG_BITS)))
		flags |= O_CLOEXEC;
	spin_unlock(&files->lock);
	pbuf_printf(m, "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%llu\n",
		    (long long)file->f_pos, flags, file->f_path.mnt->mnt_id,
		    (unsigned long long)file_inode(file)->i_ino);
	fput(file);
	return 0;
}

static const struct proc_entry fd_link_entry = {
	.mode = S_IFLNK | 0700, .link = fd_link,
};
static const struct proc_entry fdinfo_entry = {
	.mode = S_IFREG | 0444, .show = fdinfo_show,
};

/* The fd named name of dir's task, or false. */
static bool fd_lookup_common(struct proc_inode *dir, const char *name,
			     struct proc_inode *child)
{
	struct task_struct *t = proc_task(dir);
	struct file *file;

	if (!t || parse_num(name, &child->idx))
		return false;
	file = task_fget(t, child->idx);
	if (!file)
		return false;
	fput(file);
	return true;
}

static const struct proc_entry *fd_lookup(struct proc_inode *dir,
					  const char *name,
					  struct proc_inode *child)
{
	return fd_lookup_common(dir, name, child) ? &fd_link_entry : NULL;
}

static const struct proc_entry *fdinfo_lookup(struct proc_inode *dir,
					      const char *name,
					      struct proc_inode *child)
{
	return fd_lookup_common(dir, name, child) ? &fdinfo_entry : NULL;
}

/* The first open fd >= *idx of dir's task. */
static bool fd_next_common(struct proc_inode *dir, long *idx, char *name,
			   size_t size)
{
	struct task_struct *t = proc_task(dir);
	struct files_struct *files = t ? t->files : NULL;
	bool found = false;
	long fd;

	if (!files)
		return false;
	spin_lock(&files->lock);
	for (fd = *idx; fd < files->max_fds; fd++) {
		if (files->fd[fd]) {
			found = true;
			break;
		}
	}
	spin_unlock(&files->lock);
	if (!found)
		return false;
	*idx = fd;
	snprintf(name, size, "%ld", fd);
	return true;
}

static bool fd_next(struct proc_inode *dir, long *idx, char *name,
		    size_t size, unsigned int *type)
{
	*type = DT_LNK;
	return fd_next_common(dir, idx, name, size);
}

static bool fdinfo_next(struct proc_inode *dir, long *idx, char *name,
			size_t size, unsigned int *type)
{
	*type = DT_REG;
	return fd_next_common(dir, idx, name, size);
}

static const struct proc_dir_ops fd_dops = {
	.lookup = fd_lookup,
	.next = fd_next,
};

static const struct proc_dir_ops fdinfo_dops = {
	.lookup = fdinfo_lookup,
	.next = fdinfo_next,
};

/* ---- task/ ---- */

static struct task_struct *next_thread_from(struct task_struct *leader,
					    long min_tid)
{
	struct task_struct *t, *best = NULL;

	if (!leader->signal)
		return min_tid <= leader->pid ? leader : NULL;
	list_for_each_entry(t, &leader->signal->thread_head, thread_node)
		if (t->pid >= min_tid && (!best || t->pid < best->pid))
			best = t;
	return best;
}

static const struct proc_entry tid_entry;
static const struct proc_entry proc_pid_dir_ents[];

static const struct proc_entry *task_lookup(struct proc_inode *dir,
					    const char *name,
					    struct proc_inode *child)
{
	struct task_struct *leader = proc_task(dir), *t;
	long tid;

	if (!leader || parse_num(name, &tid))
		return NULL;
	t = next_thread_from(leader, tid);
	if (!t || t->pid != tid)
		return NULL;
	child->pid = tid;
	return &tid_entry;
}

static bool task_next(struct proc_inode *dir, long *idx, char *name,
		      size_t size, unsigned int *type)
{
	struct task_struct *leader = proc_task(dir), *t;

	t = leader ? next_thread_from(leader, *idx) : NULL;
	if (!t)
		return false;
	*idx = t->pid;
	snprintf(name, size, "%d", t->pid);
	*type = DT_DIR;
	return true;
}

static const struct proc_dir_ops task_dops = {
	.lookup = task_lookup,
	.next = task_next,
};

/* ---- small text files ---- */

/* Bytes [start, end) of t's memory (cmdline, environ). */
static int show_user_range(struct pbuf *m, struct task_struct *t,
			   unsigned long start, unsigned long end)
{
	struct mm_struct *mm = t->mm;
	char chunk[256];
	int err = 0;

	if (!mm || !mmget_not_zero(mm))
		return 0;
	while (start < end && !m->overflow) {
		size_t n = min(end - start, sizeof(chunk));

		err = access_remote(mm, start, chunk, n, false);
		if (err < 0)
			break;
		pbuf_write(m, chunk, n);
		start += n;
	}
	mmput(mm);
	/* Memory that cannot be read ends the text, as in Linux. */
	return 0;
}

static int cmdline_show(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);

	if (!t->mm)
		return 0;
	return show_user_range(m, t, t->mm->arg_start, t->mm->arg_end);
}

static int environ_show(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);

	if (!t->mm)
		return 0;
	return show_user_range(m, t, t->mm->env_start, t->mm->env_end);
}

static int comm_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%.*s\n", TASK_COMM_LEN, proc_task(pi)->comm);
	return 0;
}

static int cgroup_show(struct pbuf *m, struct proc_inode *pi)
{
	return 0;
}

static const char *const limit_names[RLIM_NLIMITS][2] = {
	{ "Max cpu time", "seconds" }, { "Max file size", "bytes" },
	{ "Max data size", "bytes" }, { "Max stack size", "bytes" },
	{ "Max core file size", "bytes" },
	{ "Max resident set", "bytes" }, { "Max processes", "processes" },
	{ "Max open files", "files" },
	{ "Max locked memory", "bytes" },
	{ "Max address space", "bytes" }, { "Max file locks", "locks" },
	{ "Max pending signals", "signals" },
	{ "Max msgqueue size", "bytes" }, { "Max nice priority", "" },
	{ "Max realtime priority", "" }, { "Max realtime timeout", "us" },
};

static void put_limit(struct pbuf *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		pbuf_printf(m, "%-20s ", "unlimited");
	else
		pbuf_printf(m, "%-20lu ", v);
}

static int limits_show(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);
	int i;

	pbuf_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
		    "Hard Limit", "Units");
	if (!t->signal)
		return 0;
	for (i = 0; i < RLIM_NLIMITS; i++) {
		pbuf_printf(m, "%-25s ", limit_names[i][0]);
		put_limit(m, t->signal->rlim[i].rlim_cur);
		put_limit(m, t->signal->rlim[i].rlim_max);
		pbuf_printf(m, "%-10s\n", limit_names[i][1]);
	}
	return 0;
}

static int auxv_show(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);
	unsigned int n = 0;

	if (!t->mm)
		return 0;
	/* The saved vector ends with its AT_NULL pair. */
	while (n + 2 <= AT_VECTOR_SIZE && t->mm->saved_auxv[n])
		n += 2;
	n = min(n + 2, (unsigned int)AT_VECTOR_SIZE);
	pbuf_write(m, t->mm->saved_auxv, n * sizeof(unsigned long));
	return 0;
}

#define REG(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }
#define REG_PRIV(n, fn)	{ .name = n, .mode = S_IFREG | 0400, .show = fn }
#define LNK(n, fn)	{ .name = n, .mode = S_IFLNK | 0777, .link = fn }

static const struct proc_entry proc_pid_dir_ents[] = {
	{ .name = "fd", .mode = S_IFDIR | 0500, .dops = &fd_dops },
	{ .name = "fdinfo", .mode = S_IFDIR | 0555, .dops = &fdinfo_dops },
	{ .name = "task", .mode = S_IFDIR | 0555, .dops = &task_dops },
	REG_PRIV("environ", environ_show),
	REG_PRIV("auxv", auxv_show),
	REG("status", proc_pid_status),
	REG("limits", limits_show),
	REG("cgroup", cgroup_show),
	REG("cmdline", cmdline_show),
	REG("comm", comm_show),
	REG("stat", proc_pid_stat),
	REG("statm", proc_pid_statm),
	REG("maps", proc_pid_maps),
	REG("mounts", proc_mounts_show),
	REG("mountinfo", proc_mountinfo_show),
	LNK("cwd", cwd_link),
	LNK("root", root_link),
	LNK("exe", exe_link),
	{ }
};

/* /proc/PID and /proc/PID/task/TID. */
const struct proc_entry proc_pid_entry = {
	.mode = S_IFDIR | 0555, .ents = proc_pid_dir_ents,
};

static const struct proc_entry tid_entry = {
	.mode = S_IFDIR | 0555, .ents = proc_pid_dir_ents,
};
