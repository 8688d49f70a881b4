/*
 * filemap.c - the page cache. Each address_space keeps its pages in a
 * radix tree of 64-way nodes indexed by page offset; the cache holds one
 * reference on every page in it. Reads fill missing pages through
 * a_ops->readpage; truncation unmaps pages from the guests and drops
 * them. The generic read/write paths on top are in fs/generic_file.c.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/pagemap.h>
#include <umk/slab.h>
#include <umk/wait.h>
#include <umk/mman.h>

#define TREE_SHIFT	6
#define TREE_SLOTS	(1U << TREE_SHIFT)
#define TREE_MASK	(TREE_SLOTS - 1)
#define TREE_MAX_HEIGHT	11	/* 66 bits cover any u64 index */

struct page_tree_node {
	void *slots[TREE_SLOTS];
	unsigned int count;	/* slots in use */
};

static struct kmem_cache *tree_node_cache;
/* Waiters for pages being read in (PG_locked); rare, so one queue. */
static DECLARE_WAIT_QUEUE_HEAD(page_wait);

void address_space_init(struct address_space *m, struct inode *host,
			const struct address_space_operations *a_ops)
{
	m->host = host;
	m->tree = NULL;
	m->tree_height = 0;
	m->nrpages = 0;
	INIT_LIST_HEAD(&m->i_mmap);
	m->a_ops = a_ops;
	spin_lock_init(&m->tree_lock);
	m->gfp_mask = GFP_KERNEL;
	m->wb_err = 0;
}

static struct page_tree_node *node_alloc(void)
{
	if (!tree_node_cache) {
		tree_node_cache = kmem_cache_create("page_tree_node",
				sizeof(struct page_tree_node), 0, 0, NULL);
		if (!tree_node_cache)
			return NULL;
	}
	return kmem_cache_zalloc(tree_node_cache, GFP_KERNEL);
}

/* Largest index a tree of this height holds. */
static u64 tree_max_index(unsigned int height)
{
	if (height == 0)
		return 0;
	if (height * TREE_SHIFT >= 64)
		return ~0ULL;
	return (1ULL << (height * TREE_SHIFT)) - 1;
}

static unsigned int slot_of(u64 index, unsigned int level)
{
	return (index >> (level * TREE_SHIFT)) & TREE_MASK;
}

static struct page *tree_lookup(struct address_space *m, u64 index)
{
	struct page_tree_node *node = m->tree;
	unsigned int level = m->tree_height;

	if (!node || index > tree_max_index(level))
		return NULL;
	while (--level > 0) {
		node = node->slots[slot_of(index, level)];
		if (!node)
			return NULL;
	}
	return node->slots[slot_of(index, 0)];
}

/* Adds levels on top until index fits. */
static int tree_grow(struct address_space *m, u64 index)
{
	while (!m->tree || index > tree_max_index(m->tree_height)) {
		struct page_tree_node *top = node_alloc();

		if (!top)
			return -ENOMEM;
		if (m->tree) {
			top->slots[0] = m->tree;
			top->count = 1;
		}
		m->tree = top;
		m->tree_height++;
	}
	return 0;
}

static int tree_insert(struct address_space *m, u64 index, struct page *p)
{
	struct page_tree_node *node;
	unsigned int level;
	int err = tree_grow(m, index);

	if (err)
		return err;
	node = m->tree;
	for (level = m->tree_height - 1; level > 0; level--) {
		void **slot = &node->slots[slot_of(index, level)];

		if (!*slot) {
			*slot = node_alloc();
			if (!*slot)
				return -ENOMEM;
			node->count++;
		}
		node = *slot;
	}
	if (node->slots[slot_of(index, 0)])
		return -EEXIST;
	node->slots[slot_of(index, 0)] = p;
	node->count++;
	return 0;
}

/* Clears index's slot and frees the nodes that become empty. */
static void tree_delete(struct address_space *m, u64 index)
{
	struct page_tree_node *path[TREE_MAX_HEIGHT];
	struct page_tree_node *node = m->tree;
	int level, depth = 0;

	if (!node || index > tree_max_index(m->tree_height))
		return;
	for (level = m->tree_height - 1; level > 0; level--) {
		path[depth++] = node;
		node = node->slots[slot_of(index, level)];
		if (!node)
			return;
	}
	if (!node->slots[slot_of(index, 0)])
		return;
	node->slots[slot_of(index, 0)] = NULL;
	node->count--;
	for (level = 0; node && node->count == 0; level++) {
		kmem_cache_free(tree_node_cache, node);
		if (depth == 0) {
			m->tree = NULL;
			m->tree_height = 0;
			return;
		}
		node = path[--depth];
		node->slots[slot_of(index, level + 1)] = NULL;
		node->count--;
	}
}

/* Calls fn on the pages from index start on; stops on non-zero. */
static int tree_walk(struct page_tree_node *node, unsigned int level,
		     u64 base, u64 start,
		     int (*fn)(struct page *p, void *arg), void *arg)
{
	u64 span = level * TREE_SHIFT >= 64 ? 0 : 1ULL << (level * TREE_SHIFT);
	unsigned int i;
	int ret;

	for (i = 0; i < TREE_SLOTS; i++) {
		u64 first = base + i * span;

		if (!node->slots[i] || (span && first + span - 1 < start))
			continue;
		if (level == 0)
			ret = fn(node->slots[i], arg);
		else
			ret = tree_walk(node->slots[i], level - 1, first,
					start, fn, arg);
		if (ret)
			return ret;
	}
	return 0;
}

static int walk_from(struct address_space *m, u64 start,
		     int (*fn)(struct page *p, void *arg), void *arg)
{
	if (!m->tree || start > tree_max_index(m->tree_height))
		return 0;
	return tree_walk(m->tree, m->tree_height - 1, 0, start, fn, arg);
}

int filemap_for_each_page(struct address_space *m,
			  int (*fn)(struct page *p, void *arg), void *arg)
{
	return walk_from(m, 0, fn, arg);
}

void get_page(struct page *p)
{
	WARN_ON(p->refcount <= 0);
	p->refcount++;
}

void put_page(struct page *p)
{
	if (WARN_ON(p->refcount <= 0))
		return;
	if (p->refcount > 1) {
		p->refcount--;
		return;
	}
	/* The cache holds a reference: a cached page never gets here. */
	WARN_ON(p->mapping);
	p->mapping = NULL;
	p->index = 0;
	__free_page(p);
}

void set_page_dirty(struct page *p)
{
	p->flags |= PG_dirty;
}

static void lock_page(struct page *p)
{
	wait_event(page_wait, !(p->flags & PG_locked));
	p->flags |= PG_locked;
}

static void unlock_page(struct page *p)
{
	p->flags &= ~PG_locked;
	wake_up_all(&page_wait);
}

struct page *find_get_page(struct address_space *m, u64 index)
{
	struct page *p;

	spin_lock(&m->tree_lock);
	p = tree_lookup(m, index);
	if (p)
		get_page(p);
	spin_unlock(&m->tree_lock);
	return p;
}

int add_to_page_cache(struct page *p, struct address_space *m, u64 index)
{
	int err = 0;

	if (m->a_ops && m->a_ops->charge_page)
		err = m->a_ops->charge_page(m);
	if (err)
		return err;
	spin_lock(&m->tree_lock);
	err = tree_insert(m, index, p);
	if (!err) {
		get_page(p);
		p->mapping = m;
		p->index = index;
		m->nrpages++;
	}
	spin_unlock(&m->tree_lock);
	if (err && m->a_ops && m->a_ops->uncharge_page)
		m->a_ops->uncharge_page(m);
	return err;
}

void delete_from_page_cache(struct page *p)
{
	struct address_space *m = p->mapping;

	if (WARN_ON(!m))
		return;
	spin_lock(&m->tree_lock);
	tree_delete(m, p->index);
	p->mapping = NULL;
	m->nrpages--;
	spin_unlock(&m->tree_lock);
	if (m->a_ops && m->a_ops->uncharge_page)
		m->a_ops->uncharge_page(m);
	put_page(p);
}

/* Fills a locked page: from the backing store, or zeroes for a hole. */
static int fill_page(struct address_space *m, struct page *p, bool zero)
{
	int err = 0;

	if (zero || !m->a_ops || !m->a_ops->readpage)
		memset(page_address(p), 0, PAGE_SIZE);
	else
		err = m->a_ops->readpage(m, p);
	if (!err)
		SetPageUptodate(p);
	return err;
}

/* A new locked page in the cache at index, or the cached one. */
static struct page *get_or_add(struct address_space *m, u64 index,
			       bool *added)
{
	struct page *p;
	int err;

	for (;;) {
		p = find_get_page(m, index);
		if (p) {
			*added = false;
			return p;
		}
		p = alloc_page(m->gfp_mask | __GFP_NOWARN);
		if (!p)
			return ERR_PTR(-ENOMEM);
		p->flags |= PG_locked;
		err = add_to_page_cache(p, m, index);
		if (!err) {
			*added = true;
			return p;
		}
		p->flags &= ~PG_locked;
		put_page(p);
		if (err != -EEXIST)
			return ERR_PTR(err);
	}
}

static struct page *get_uptodate(struct address_space *m, u64 index,
				 bool zero_new)
{
	struct page *p;
	bool added = false;
	int err;

	p = get_or_add(m, index, &added);
	if (IS_ERR(p))
		return p;
	if (!added) {
		if (PageUptodate(p))
			return p;
		lock_page(p);
		/* Someone else's read may have finished meanwhile. */
		if (PageUptodate(p)) {
			unlock_page(p);
			return p;
		}
	}
	err = fill_page(m, p, added && zero_new);
	unlock_page(p);
	if (err) {
		if (p->mapping == m)
			delete_from_page_cache(p);
		put_page(p);
		return ERR_PTR(err);
	}
	return p;
}

struct page *filemap_get_page(struct address_space *m, u64 index)
{
	return get_uptodate(m, index, false);
}

struct page *filemap_grab_page(struct address_space *m, u64 index,
			       bool full)
{
	return get_uptodate(m, index, full);
}

struct truncate_state {
	struct page *batch[16];
	unsigned int n;
};

static int collect_page(struct page *p, void *arg)
{
	struct truncate_state *ts = arg;

	get_page(p);
	ts->batch[ts->n++] = p;
	return ts->n == ARRAY_SIZE(ts->batch);
}

void truncate_inode_pages(struct address_space *m, loff_t lstart)
{
	u64 first = DIV_ROUND_UP((u64)lstart, PAGE_SIZE);
	unsigned int partial = lstart & ~PAGE_MASK;
	struct truncate_state ts;

	/* Guests must not keep a page the file no longer has. */
	unmap_mapping_range(m, first << PAGE_SHIFT, 0);
	if (partial) {
		struct page *p = find_get_page(m, lstart >> PAGE_SHIFT);

		if (p) {
			memset((char *)page_address(p) + partial, 0,
			       PAGE_SIZE - partial);
			put_page(p);
		}
	}
	/* Collect in batches: deleting changes the tree being walked. */
	do {
		ts.n = 0;
		spin_lock(&m->tree_lock);
		walk_from(m, first, collect_page, &ts);
		spin_unlock(&m->tree_lock);
		for (unsigned int i = 0; i < ts.n; i++) {
			lock_page(ts.batch[i]);
			if (ts.batch[i]->mapping == m)
				delete_from_page_cache(ts.batch[i]);
			unlock_page(ts.batch[i]);
			put_page(ts.batch[i]);
		}
	} while (ts.n == ARRAY_SIZE(ts.batch));
}

static int write_one(struct page *p, void *arg)
{
	int *first_err = arg;
	struct address_space *m = p->mapping;
	int err;

	if (!PageDirty(p))
		return 0;
	err = m->a_ops->writepage(m, p);
	if (err && !*first_err)
		*first_err = err;
	if (!err)
		ClearPageDirty(p);
	return 0;
}

int filemap_write_and_wait(struct address_space *m)
{
	int err = 0;

	if (!m->a_ops || !m->a_ops->writepage)
		return 0;
	filemap_for_each_page(m, write_one, &err);
	if (!err && m->wb_err) {
		err = m->wb_err;
		m->wb_err = 0;
	}
	return err;
}
