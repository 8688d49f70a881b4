/*
 * pipe.h - the pipe buffer (fs/pipe.c), for the anonymous pipes of
 * fs/pipefs.c.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <umk/fs.h>
#include <umk/mutex.h>
#include <umk/wait.h>

#define PIPE_BUF		4096
#define PIPE_DEF_BUFFERS	16
#define PIPE_MAX_SIZE		(1U << 20)	/* fs.pipe-max-size */

struct pipe_buffer {
	struct page *page;
	unsigned int offset, len;
};

struct pipe_inode_info {
	struct mutex mutex;
	struct wait_queue_head rd_wait, wr_wait;
	unsigned int head, tail;	/* ring slots [tail, head) hold data */
	unsigned int ring_size;		/* slots, a power of two */
	unsigned int readers, writers, files;
	unsigned int r_counter, w_counter;	/* FIFO opens, for waits */
	struct pipe_buffer *bufs;
};

struct pipe_inode_info *alloc_pipe_info(void);
void free_pipe_info(struct pipe_inode_info *p);

#endif
