/*
 * fs_struct.h - a task's filesystem context: root, current directory
 * and umask, shared by threads (CLONE_FS) and copied by fork. A task
 * whose fs is NULL (a kernel thread) uses init_fs.
 */
#ifndef UMK_FS_STRUCT_H
#define UMK_FS_STRUCT_H

#include <umk/fs.h>
#include <umk/spinlock.h>
#include <umk/sched.h>

struct fs_struct {
	int users;
	spinlock_t lock;
	int umask;
	struct path root, pwd;
};

extern struct fs_struct init_fs;

/* A copy of old (NULL: of init_fs) with users 1; NULL on ENOMEM. */
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void get_fs_struct(struct fs_struct *fs);
void put_fs_struct(struct fs_struct *fs);
void get_fs_root(struct fs_struct *fs, struct path *root);
void get_fs_pwd(struct fs_struct *fs, struct path *pwd);
void set_fs_root(struct fs_struct *fs, const struct path *path);
void set_fs_pwd(struct fs_struct *fs, const struct path *path);
/* The umask of current (init_fs's for kernel threads). */
int current_umask(void);

static inline struct fs_struct *current_fs(void)
{
	return current->fs ? current->fs : &init_fs;
}

#endif
