/*
 * anon_inodes.h - files with no name in any directory (eventfd, timerfd,
 * signalfd, epoll): each gets an inode on an internal filesystem, so
 * fstat() works and /proc shows "anon_inode:[name]".
 */
#ifndef UMK_ANON_INODES_H
#define UMK_ANON_INODES_H

struct file;
struct file_operations;

/* An opened file (flags: O_RDWR etc., O_NONBLOCK) or an ERR_PTR. */
struct file *anon_inode_getfile(const char *name,
				const struct file_operations *fops,
				void *priv, unsigned int flags);
/* The same, installed in a new fd (O_CLOEXEC honoured); fd or -errno. */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags);

#endif
