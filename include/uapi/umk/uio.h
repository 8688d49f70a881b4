/* uapi/umk/uio.h - struct iovec for readv()/writev(). */
#ifndef UAPI_UMK_UIO_H
#define UAPI_UMK_UIO_H

#include <umk/types.h>

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024

#endif
