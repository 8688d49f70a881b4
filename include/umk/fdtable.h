/*
 * fdtable.h - a task's open files: descriptor numbers to struct file,
 * with a close-on-exec bit each. Shared by threads (CLONE_FILES), copied
 * by fork (dup_fd), cleaned by exec (close_on_exec). The table grows on
 * demand up to RLIMIT_NOFILE.
 */
#ifndef UMK_FDTABLE_H
#define UMK_FDTABLE_H

#include <umk/fs.h>
#include <umk/spinlock.h>

#define NR_OPEN_DEFAULT	64		/* fds held inline */
#define NR_OPEN_MAX	(1U << 20)	/* fs.nr_open */
#define DEFAULT_NOFILE	1024		/* RLIMIT_NOFILE without a limit set */

struct files_struct {
	int count;
	spinlock_t lock;
	unsigned int max_fds;		/* size of the arrays below */
	unsigned int next_fd;		/* no free fd below it */
	struct file **fd;
	unsigned long *open_fds;	/* bitmap: slot in use (or reserved) */
	unsigned long *close_on_exec;	/* bitmap */
	struct file *fd_array[NR_OPEN_DEFAULT];
	unsigned long open_fds_init[NR_OPEN_DEFAULT / 64];
	unsigned long close_on_exec_init[NR_OPEN_DEFAULT / 64];
};

/* fork: a copy of old (NULL: an empty table); ERR_PTR(-ENOMEM/-EMFILE). */
struct files_struct *dup_fd(struct files_struct *old);
void get_files_struct(struct files_struct *files);
void put_files_struct(struct files_struct *files);
/* exec: closes every descriptor marked close-on-exec. */
void close_on_exec(struct files_struct *files);

/* On current->files. */
int get_unused_fd_flags(unsigned int flags);	/* O_CLOEXEC honoured */
void put_unused_fd(unsigned int fd);
void fd_install(unsigned int fd, struct file *file);
int close_fd(unsigned int fd);
/* The file of fd, referenced: NULL if none or (fget) if O_PATH. */
struct file *fget(unsigned int fd);
struct file *fget_raw(unsigned int fd);
int f_dupfd(unsigned int from, struct file *file, unsigned int flags);
int do_dup2(unsigned int oldfd, unsigned int newfd, int flags);
int close_range_fds(unsigned int fd, unsigned int max_fd,
		    unsigned int flags);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool flag);
/* RLIMIT_NOFILE of current (DEFAULT_NOFILE for kernel threads). */
unsigned long nofile_limit(void);

#endif
