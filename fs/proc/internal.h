/*
 * internal.h - procfs inside (sysfs is built the same way): its inodes,
 * the tables that describe its files and directories, and the text
 * buffer the files are printed into.
 * Every file's text is made whole at open(2) (struct pbuf) and read from
 * there, so a reader sees one consistent snapshot.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/sched.h>
#include <umk/proc_fs.h>

#define PROC_SUPER_MAGIC	0x9fa0

struct proc_inode;

/* What a directory holds besides its table of fixed entries. */
struct proc_dir_ops {
	/*
	 * The dynamic child called name: fills child (pid, fd...) and
	 * returns its entry, or NULL when there is none.
	 */
	const struct proc_entry *(*lookup)(struct proc_inode *dir,
					   const char *name,
					   struct proc_inode *child);
	/*
	 * The first dynamic child whose index is >= *idx: its name into
	 * name, its index into *idx, its d_type into *type. false: none.
	 */
	bool (*next)(struct proc_inode *dir, long *idx, char *name,
		     size_t size, unsigned int *type);
};

/* One file or directory of procfs (a table row). */
struct proc_entry {
	const char *name;
	umode_t mode;			/* S_IF* and permission bits */
	/* A regular file's text; 0 or -errno (the file's open fails). */
	int (*show)(struct pbuf *m, struct proc_inode *pi);
	/* A symlink's target into buf (NUL-terminated); length or -errno. */
	int (*link)(struct proc_inode *pi, char *buf, int size);
	/* A directory's fixed entries (ended by a nameless one), then
	 * its dynamic ones. */
	const struct proc_entry *ents;
	const struct proc_dir_ops *dops;
	/* A file that takes writes (sysctl.c): 0 or -errno. */
	int (*write)(struct proc_inode *pi, const char *buf, size_t len);
};

struct proc_inode {
	const struct proc_entry *pe;
	pid_t pid;			/* the task of /proc/PID/..., or 0 */
	long idx;			/* fd number, FDT offset... */
	struct inode vfs_inode;
};

static inline struct proc_inode *PROC_I(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs_inode);
}

/* inode.c */
extern const struct proc_entry proc_root_entry;
/* A new instance of a filesystem made of entry tables (proc, sysfs). */
struct dentry *pseudo_fs_mount(struct file_system_type *type, int flags,
				const struct proc_entry *root_entry,
				unsigned long magic);
struct task_struct *proc_task(struct proc_inode *pi);

/* root.c: the top directory. */
extern const struct proc_dir_ops proc_root_dops;
/* base.c: /proc/PID. */
extern const struct proc_entry proc_pid_entry;
/* Task fields as the formatters want them. */
char proc_task_state(struct task_struct *t);
const char *proc_task_state_name(struct task_struct *t);
pid_t proc_task_ppid(struct task_struct *t);
int proc_mounts_show(struct pbuf *m, struct proc_inode *pi);
int proc_mountinfo_show(struct pbuf *m, struct proc_inode *pi);

/* array.c: stat, status, statm. */
int proc_pid_stat(struct pbuf *m, struct proc_inode *pi);
int proc_pid_status(struct pbuf *m, struct proc_inode *pi);
int proc_pid_statm(struct pbuf *m, struct proc_inode *pi);
int proc_pid_maps(struct pbuf *m, struct proc_inode *pi);

/* sysctl.c: /proc/sys; devtree.c: /proc/device-tree. */
extern const struct proc_entry proc_sys_ents[];
extern const struct proc_dir_ops proc_devtree_dops;

#endif
