/*
 * pipefs.c - anonymous pipes: pipe(2) and pipe2(2). Each pipe gets an
 * inode and an unhashed dentry on an internal filesystem, so that its
 * two files have a path and fstat() shows a FIFO, as in Linux.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/mount.h>
#include <umk/fdtable.h>
#include <umk/uaccess.h>
#include <umk/init.h>
#include <umk/syscalls.h>
#include <uapi/umk/statfs.h>
#include "internal.h"
#include "pipe.h"

static struct vfsmount *pipe_mnt;

static int pipefs_statfs(struct dentry *dentry, struct kstatfs *buf)
{
	buf->f_type = PIPEFS_MAGIC;
	buf->f_bsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	return 0;
}

/* A pipe's inode goes with its last file. */
static bool pipefs_drop_inode(struct inode *inode)
{
	return true;
}

static const struct super_operations pipefs_ops = {
	.statfs = pipefs_statfs,
	.drop_inode = pipefs_drop_inode,
};

static struct dentry *pipefs_mount(struct file_system_type *type, int flags,
				   const char *dev_name, void *data)
{
	return mount_pseudo(type, flags, &pipefs_ops, PIPEFS_MAGIC);
}

static struct file_system_type pipefs_type = {
	.name = "pipefs",
	.mount = pipefs_mount,
	.kill_sb = kill_anon_super,
};

/* An inode and unhashed dentry for a new pipe, as a referenced path. */
static int pipe_path(struct pipe_inode_info *p, struct path *path)
{
	static u64 next_ino = 2;
	struct super_block *sb = pipe_mnt->mnt_sb;
	struct inode *inode = new_inode(sb);
	struct dentry *d;
	char name[32];
	struct qstr q;

	if (!inode)
		return -ENOMEM;
	inode->i_ino = next_ino++;
	inode->i_pipe = p;
	inode->i_fop = &pipefifo_fops;
	inode->i_mode = S_IFIFO | S_IRUSR | S_IWUSR;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time(inode);
	q.len = snprintf(name, sizeof(name), "pipe:[%llu]",
			 (unsigned long long)inode->i_ino);
	q.name = name;
	d = d_alloc(sb->s_root, &q);
	if (!d) {
		inode->i_pipe = NULL;
		iput(inode);
		return -ENOMEM;
	}
	d_instantiate(d, inode);
	path->mnt = mntget(pipe_mnt);
	path->dentry = d;
	return 0;
}

int create_pipe_files(struct file **res, int flags)
{
	struct pipe_inode_info *p = alloc_pipe_info();
	struct path path;
	int err;

	if (!p)
		return -ENOMEM;
	err = pipe_path(p, &path);
	if (err) {
		free_pipe_info(p);
		return err;
	}
	res[0] = alloc_file(&path, O_RDONLY | (flags & O_NONBLOCK),
			    &pipefifo_fops);
	res[1] = IS_ERR(res[0]) ? res[0] :
		 alloc_file(&path, O_WRONLY | (flags & O_NONBLOCK),
			    &pipefifo_fops);
	path_put(&path);
	if (IS_ERR(res[1])) {
		if (!IS_ERR(res[0]))
			fput(res[0]);	/* not opened: no release */
		free_pipe_info(p);
		return PTR_ERR(res[1]);
	}
	p->readers = p->writers = 1;
	p->files = 2;
	for (int i = 0; i < 2; i++) {
		res[i]->private_data = p;
		res[i]->f_mode |= FMODE_OPENED;
		stream_open(res[i]->f_inode, res[i]);
	}
	return 0;
}

static long do_pipe2(int __user *fildes, int flags)
{
	struct file *files[2];
	int fd[2], err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;	/* O_DIRECT (packet mode) is not supported */
	err = create_pipe_files(files, flags);
	if (err)
		return err;
	fd[0] = get_unused_fd_flags(flags);
	fd[1] = fd[0] < 0 ? fd[0] : get_unused_fd_flags(flags);
	err = fd[1] < 0 ? fd[1] : 0;
	if (!err && copy_to_user(fildes, fd, sizeof(fd)))
		err = -EFAULT;
	if (err) {
		if (fd[0] >= 0)
			put_unused_fd(fd[0]);
		if (fd[1] >= 0 && fd[1] != fd[0])
			put_unused_fd(fd[1]);
		fput(files[0]);
		fput(files[1]);
		return err;
	}
	fd_install(fd[0], files[0]);
	fd_install(fd[1], files[1]);
	return 0;
}

SYSCALL_DEFINE2(pipe2, int __user *, fildes, int, flags)
{
	return do_pipe2(fildes, flags);
}

SYSCALL_DEFINE1(pipe, int __user *, fildes)
{
	return do_pipe2(fildes, 0);
}

static int pipe_init(void)
{
	int err = register_filesystem(&pipefs_type);

	if (err)
		return err;
	pipe_mnt = kern_mount(&pipefs_type);
	if (IS_ERR(pipe_mnt)) {
		err = PTR_ERR(pipe_mnt);
		pipe_mnt = NULL;
	}
	return err;
}
fs_initcall(pipe_init);
