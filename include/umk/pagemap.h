/*
 * pagemap.h - the page cache: the pages of a file's data, indexed by
 * page offset in an address_space. read/write and mmap share them: a
 * page is the same frame whether a guest maps it or read() copies it.
 * Implemented in mm/filemap.c.
 */
#ifndef UMK_PAGEMAP_H
#define UMK_PAGEMAP_H

#include <umk/types.h>
#include <umk/list.h>
#include <umk/mm.h>
#include <umk/spinlock.h>

struct inode;
struct address_space;

struct address_space_operations {
	/*
	 * Fills a locked, new page from the backing store; 0 or -errno.
	 * NULL: the file has no backing store and its holes read as zeroes.
	 */
	int (*readpage)(struct address_space *mapping, struct page *page);
	/* Writes a dirty page back (NULL: memory-only, never written). */
	int (*writepage)(struct address_space *mapping, struct page *page);
	/* A page joins / leaves the cache (tmpfs counts them): -ENOSPC. */
	int (*charge_page)(struct address_space *mapping);
	void (*uncharge_page)(struct address_space *mapping);
};

/* A node of the page tree; internal to mm/filemap.c. */
struct page_tree_node;

struct address_space {
	struct inode *host;
	struct page_tree_node *tree;	/* pages by index */
	unsigned int tree_height;	/* 0: empty, n: 6n index bits */
	unsigned long nrpages;
	struct list_head i_mmap;	/* VMAs mapping it (the mm links) */
	const struct address_space_operations *a_ops;
	spinlock_t tree_lock;
	gfp_t gfp_mask;
	int wb_err;			/* last writeback error, for fsync */
};

/* page->flags bits of page-cache pages (beside mm.h's PG_*). */
#define PG_uptodate	0x100UL	/* holds the file's data */
#define PG_dirty	0x200UL	/* differs from the backing store */
#define PG_locked	0x400UL	/* being read in: wait_on_page_locked() */

static inline bool PageUptodate(const struct page *p)
{
	return p->flags & PG_uptodate;
}
static inline void SetPageUptodate(struct page *p)
{
	p->flags |= PG_uptodate;
}
static inline bool PageDirty(const struct page *p)
{
	return p->flags & PG_dirty;
}
static inline void ClearPageDirty(struct page *p)
{
	p->flags &= ~PG_dirty;
}

void address_space_init(struct address_space *mapping, struct inode *host,
			const struct address_space_operations *a_ops);

/* References on a page frame; the last put_page() frees it. */
void get_page(struct page *p);
void put_page(struct page *p);
void set_page_dirty(struct page *p);

/* The cached page at index, referenced, or NULL. */
struct page *find_get_page(struct address_space *m, u64 index);
/*
 * The referenced, uptodate page at index, read in (a_ops->readpage) if
 * not cached: an ERR_PTR (-ENOMEM, -EIO) on failure. put_page() it.
 */
struct page *filemap_get_page(struct address_space *m, u64 index);
/*
 * For a write: the referenced page at index, created if missing. If the
 * write covers the whole page (full) a new page is only zeroed, else it
 * is read in first. ERR_PTR on failure.
 */
struct page *filemap_grab_page(struct address_space *m, u64 index,
			       bool full);
/* Inserts a new page (takes a reference for the cache); -EEXIST. */
int add_to_page_cache(struct page *p, struct address_space *m, u64 index);
void delete_from_page_cache(struct page *p);
/*
 * Drops every page from byte lstart on, after unmapping them from the
 * guests (unmap_mapping_range); the partial page at lstart is zeroed
 * beyond it.
 */
void truncate_inode_pages(struct address_space *m, loff_t lstart);
/* Calls fn on every cached page, in index order; stops on non-zero. */
int filemap_for_each_page(struct address_space *m,
			  int (*fn)(struct page *p, void *arg), void *arg);
/* Writes back dirty pages (a_ops->writepage); the first error. */
int filemap_write_and_wait(struct address_space *m);

#endif
