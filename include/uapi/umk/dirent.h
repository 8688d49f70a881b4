/* uapi/umk/dirent.h - directory entries as getdents()/getdents64() give. */
#ifndef UAPI_UMK_DIRENT_H
#define UAPI_UMK_DIRENT_H

#include <umk/types.h>

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_BLK		6
#define DT_REG		8
#define DT_LNK		10
#define DT_SOCK		12
#define DT_WHT		14

/* getdents64(): records 8-byte aligned, d_off is the next record's. */
struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

/* getdents(): d_type is the last byte of the record. */
struct linux_dirent {
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

#endif
