/*
 * ext2.h - the second extended filesystem: its on-disk format (little
 * endian; umk runs on little-endian hosts only, so fields are read as
 * they are) and what fs/ext2/ keeps in memory per superblock and inode.
 * Documentation/ext2.md.
 */
#ifndef FS_EXT2_H
#define FS_EXT2_H

#include <umk/types.h>
#include <umk/fs.h>
#include <umk/mutex.h>
#include <umk/blkdev.h>
#include <umk/buffer_head.h>
#include <umk/dcache.h>

#define EXT2_SUPER_MAGIC	0xEF53
#define EXT2_SB_OFFSET		1024	/* bytes from the start of the disk */
#define EXT2_ROOT_INO		2
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_NAME_LEN		255
#define EXT2_LINK_MAX		32000

/* s_state */
#define EXT2_VALID_FS		0x1
#define EXT2_ERROR_FS		0x2
/* s_errors */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2
#define EXT2_ERRORS_PANIC	3

/* Features. */
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT2_INCOMPAT_SUPP	EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPP	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* i_flags */
#define EXT2_INDEX_FL		0x00001000

/* Directory entry file types (filetype feature). */
enum { EXT2_FT_UNKNOWN, EXT2_FT_REG_FILE, EXT2_FT_DIR, EXT2_FT_CHRDEV,
       EXT2_FT_BLKDEV, EXT2_FT_FIFO, EXT2_FT_SOCK, EXT2_FT_SYMLINK };

struct ext2_super_block {
	u32 s_inodes_count;
	u32 s_blocks_count;
	u32 s_r_blocks_count;
	u32 s_free_blocks_count;
	u32 s_free_inodes_count;
	u32 s_first_data_block;
	u32 s_log_block_size;
	u32 s_log_frag_size;
	u32 s_blocks_per_group;
	u32 s_frags_per_group;
	u32 s_inodes_per_group;
	u32 s_mtime;
	u32 s_wtime;
	u16 s_mnt_count;
	u16 s_max_mnt_count;
	u16 s_magic;
	u16 s_state;
	u16 s_errors;
	u16 s_minor_rev_level;
	u32 s_lastcheck;
	u32 s_checkinterval;
	u32 s_creator_os;
	u32 s_rev_level;
	u16 s_def_resuid;
	u16 s_def_resgid;
	u32 s_first_ino;
	u16 s_inode_size;
	u16 s_block_group_nr;
	u32 s_feature_compat;
	u32 s_feature_incompat;
	u32 s_feature_ro_compat;
	u8 s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	u32 s_algorithm_usage_bitmap;
	u8 s_prealloc_blocks;
	u8 s_prealloc_dir_blocks;
	u16 s_padding1;
	u32 s_rest[204];
} __attribute__((packed));

struct ext2_group_desc {
	u32 bg_block_bitmap;
	u32 bg_inode_bitmap;
	u32 bg_inode_table;
	u16 bg_free_blocks_count;
	u16 bg_free_inodes_count;
	u16 bg_used_dirs_count;
	u16 bg_pad;
	u32 bg_reserved[3];
};

struct ext2_inode {
	u16 i_mode;
	u16 i_uid;
	u32 i_size;
	u32 i_atime;
	u32 i_ctime;
	u32 i_mtime;
	u32 i_dtime;
	u16 i_gid;
	u16 i_links_count;
	u32 i_blocks;
	u32 i_flags;
	u32 i_osd1;
	u32 i_block[EXT2_N_BLOCKS];
	u32 i_generation;
	u32 i_file_acl;
	u32 i_size_high;
	u32 i_faddr;
	u8 i_frag, i_fsize;
	u16 i_pad1;
	u16 i_uid_high;
	u16 i_gid_high;
	u32 i_reserved2;
};

struct ext2_dir_entry {
	u32 inode;
	u16 rec_len;
	u8 name_len;
	u8 file_type;
	char name[];
};
#define EXT2_DIR_ENTRY_HDR	8
/* Bytes an entry with a name of len needs: 4-byte aligned. */
#define EXT2_DIR_REC_LEN(len)	(((len) + EXT2_DIR_ENTRY_HDR + 3) & ~3U)

struct ext2_sb_info {
	struct ext2_super_block *s_es;	/* in s_sbh */
	struct buffer_head *s_sbh;
	struct buffer_head **s_gd_bh;	/* group descriptor blocks */
	struct block_device *s_bdev;
	unsigned long s_groups_count;
	unsigned long s_gdb_count;
	unsigned long s_desc_per_block;
	unsigned long s_inodes_per_group;
	unsigned long s_blocks_per_group;
	unsigned long s_itb_per_group;	/* inode table blocks per group */
	unsigned int s_inode_size;
	unsigned int s_first_ino;
	unsigned int s_addr_per_block_bits;
	u16 s_mount_state;		/* s_state when mounted */
	int s_errors;			/* EXT2_ERRORS_* in force */
	struct mutex s_lock;		/* bitmaps and counters */
};

struct ext2_inode_info {
	u32 i_data[EXT2_N_BLOCKS];
	u32 i_flags;
	u32 i_dtime;
	u32 i_block_group;
	u32 i_last_alloc;	/* goal for the next block */
	bool i_bad;		/* failed to load: never written or freed */
	struct mutex i_map_lock;	/* the block tree */
	struct inode vfs_inode;
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return container_of(inode, struct ext2_inode_info, vfs_inode);
}

static inline bool ext2_has_filetype(struct super_block *sb)
{
	return EXT2_SB(sb)->s_es->s_feature_incompat &
	       EXT2_FEATURE_INCOMPAT_FILETYPE;
}

/* super.c */
__printf(3, 4) void ext2_error(struct super_block *sb, const char *func,
			       const char *fmt, ...);
int ext2_validate_super(const struct ext2_super_block *es, u64 dev_bytes,
			bool *ro);
struct ext2_group_desc *ext2_get_group_desc(struct super_block *sb,
					    unsigned long group,
					    struct buffer_head **bhp);
void ext2_sync_super(struct super_block *sb);
int ext2_sync_fs(struct super_block *sb, bool wait);
bool ext2_group_has_super(struct super_block *sb, unsigned long group);

/* alloc.c */
int ext2_new_block(struct inode *inode, u64 goal, u32 *out);
void ext2_free_blocks(struct inode *inode, u32 block, unsigned long count);
struct inode *ext2_new_inode(struct inode *dir, umode_t mode);
void ext2_free_inode(struct inode *inode);
int ext2_find_zero_bit(const u8 *map, unsigned int size, unsigned int from);
unsigned long ext2_count_free(const u8 *map, unsigned int bits);

/* inode.c */
struct inode *ext2_iget(struct super_block *sb, u64 ino);
int ext2_write_inode(struct inode *inode, bool sync);
int ext2_get_block(struct inode *inode, u64 iblock, bool create, u32 *phys,
		   bool *new);
int ext2_block_to_path(unsigned int addr_bits, u64 block, int offsets[4]);
int ext2_truncate_blocks(struct inode *inode, loff_t size);
void ext2_evict_inode(struct inode *inode);
int ext2_setattr(struct dentry *dentry, struct iattr *attr);
void ext2_set_inode_ops(struct inode *inode);
extern const struct address_space_operations ext2_aops;
extern const struct file_operations ext2_file_ops;
int ext2_fsync(struct file *file, bool datasync);
extern const struct inode_operations ext2_file_iops;
extern const struct inode_operations ext2_symlink_iops;
extern const struct inode_operations ext2_special_iops;

/* dir.c: directory entries. */
#define DE(bh, off)	((struct ext2_dir_entry *)((bh)->b_data + (off)))
extern const struct file_operations ext2_dir_ops;
int ext2_check_dirent(const struct ext2_dir_entry *de, unsigned int off,
		      unsigned int bsize);
/* Finds name: its block (referenced), entry and the one before it. */
int ext2_find_entry(struct inode *dir, const char *name, unsigned int len,
		    struct buffer_head **bhp, struct ext2_dir_entry **dep,
		    struct ext2_dir_entry **prevp);
void ext2_set_entry(struct inode *dir, struct ext2_dir_entry *de,
		    const char *name, unsigned int len, struct inode *inode);
int ext2_add_entry(struct inode *dir, const char *name, unsigned int len,
		   struct inode *inode);
int ext2_delete_entry(struct inode *dir, const char *name, unsigned int len);
int ext2_retarget_entry(struct inode *dir, const struct qstr *name,
			struct inode *inode);
int ext2_set_dotdot(struct inode *inode, struct inode *parent);
bool ext2_dir_is_empty(struct inode *dir);
/* mtime/ctime now, index flag off, inode written. */
void ext2_dir_changed(struct inode *dir);

/* namei.c */
extern const struct inode_operations ext2_dir_iops;

#endif
