/*
 * dcache.c - the dentry cache. Dentries are hashed by (parent, name) for
 * d_lookup(); each holds a reference on its parent and on its inode, so
 * a cached path keeps its directories cached. A dentry whose count drops
 * to zero stays hashed on an LRU list (negative ones too: they remember
 * a miss) and is freed when the list grows past its limit, when memory
 * is wanted (prune_dcache) or when its filesystem goes.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/fs.h>
#include <umk/dcache.h>
#include <umk/slab.h>
#include <umk/mm.h>
#include "internal.h"

#define D_HASH_BITS	12
#define D_HASH_SIZE	(1U << D_HASH_BITS)

static struct kmem_cache *dentry_cache;
static struct list_head *dentry_hashtable;
static LIST_HEAD(dentry_lru);
static DEFINE_SPINLOCK(dcache_lock);
static struct dcache_stats stats;
static unsigned long max_unused;

/* FNV-1a: cheap and spreads short names well. */
u32 full_name_hash(const char *name, unsigned int len)
{
	u32 h = 2166136261u;

	while (len--) {
		h ^= (unsigned char)*name++;
		h *= 16777619u;
	}
	return h;
}

static struct list_head *d_hash(const struct dentry *parent, u32 hash)
{
	uintptr_t p = (uintptr_t)parent;

	hash ^= (u32)(p >> 4) ^ (u32)(p >> 20);
	return &dentry_hashtable[(hash ^ (hash >> D_HASH_BITS)) &
				 (D_HASH_SIZE - 1)];
}

bool d_is_dir(const struct dentry *d)
{
	return d->d_inode && S_ISDIR(d->d_inode->i_mode);
}

bool d_is_symlink(const struct dentry *d)
{
	return d->d_inode && S_ISLNK(d->d_inode->i_mode);
}

bool d_is_reg(const struct dentry *d)
{
	return d->d_inode && S_ISREG(d->d_inode->i_mode);
}

static struct dentry *__d_alloc(struct super_block *sb,
				const struct qstr *name)
{
	struct dentry *d = kmem_cache_zalloc(dentry_cache, GFP_KERNEL);
	char *dname = d ? d->d_iname : NULL;

	if (!d)
		return NULL;
	if (name->len >= DNAME_INLINE_LEN) {
		dname = kmalloc(name->len + 1, GFP_KERNEL);
		if (!dname) {
			kmem_cache_free(dentry_cache, d);
			return NULL;
		}
	}
	memcpy(dname, name->name, name->len);
	dname[name->len] = '\0';
	d->d_name.name = dname;
	d->d_name.len = name->len;
	d->d_name.hash = full_name_hash(dname, name->len);
	d->d_count = 1;
	d->d_sb = sb;
	d->d_parent = d;
	INIT_LIST_HEAD(&d->d_hash);
	INIT_LIST_HEAD(&d->d_child);
	INIT_LIST_HEAD(&d->d_subdirs);
	INIT_LIST_HEAD(&d->d_alias);
	INIT_LIST_HEAD(&d->d_lru);
	stats.nr_dentry++;
	return d;
}

struct dentry *d_alloc(struct dentry *parent, const struct qstr *name)
{
	struct dentry *d = __d_alloc(parent->d_sb, name);

	if (!d)
		return NULL;
	d->d_parent = dget(parent);
	spin_lock(&dcache_lock);
	list_add(&d->d_child, &parent->d_subdirs);
	spin_unlock(&dcache_lock);
	return d;
}

struct dentry *d_make_root(struct inode *inode)
{
	static const struct qstr slash = QSTR_INIT("/", 1);
	struct dentry *d;

	if (!inode)
		return NULL;
	d = __d_alloc(inode->i_sb, &slash);
	if (!d) {
		iput(inode);
		return NULL;
	}
	d_instantiate(d, inode);
	return d;
}

void d_instantiate(struct dentry *d, struct inode *inode)
{
	WARN_ON(d->d_inode);
	d->d_inode = inode;
	if (inode)
		list_add(&d->d_alias, &inode->i_dentry);
}

static void d_rehash(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (d_unhashed(d)) {
		list_add(&d->d_hash, d_hash(d->d_parent, d->d_name.hash));
		d->d_flags |= DCACHE_HASHED;
	}
	spin_unlock(&dcache_lock);
}

void d_add(struct dentry *d, struct inode *inode)
{
	d_instantiate(d, inode);
	d_rehash(d);
}

void d_drop(struct dentry *d)
{
	spin_lock(&dcache_lock);
	if (!d_unhashed(d)) {
		list_del_init(&d->d_hash);
		d->d_flags &= ~DCACHE_HASHED;
	}
	spin_unlock(&dcache_lock);
}

static void lru_del(struct dentry *d)
{
	if (d->d_flags & DCACHE_LRU) {
		list_del_init(&d->d_lru);
		d->d_flags &= ~DCACHE_LRU;
		stats.nr_unused--;
	}
}

struct dentry *dget(struct dentry *d)
{
	if (d) {
		spin_lock(&dcache_lock);
		if (d->d_count++ == 0)
			lru_del(d);
		spin_unlock(&dcache_lock);
	}
	return d;
}

struct dentry *d_lookup(struct dentry *parent, const struct qstr *name)
{
	u32 hash = full_name_hash(name->name, name->len);
	struct dentry *d, *found = NULL;

	spin_lock(&dcache_lock);
	stats.lookups++;
	list_for_each_entry(d, d_hash(parent, hash), d_hash) {
		if (d->d_parent != parent || d->d_name.hash != hash ||
		    d->d_name.len != name->len ||
		    memcmp(d->d_name.name, name->name, name->len))
			continue;
		if (d->d_count++ == 0)
			lru_del(d);
		stats.hits++;
		found = d;
		break;
	}
	spin_unlock(&dcache_lock);
	return found;
}

static void detach_inode(struct dentry *d)
{
	struct inode *inode = d->d_inode;

	if (!inode)
		return;
	list_del_init(&d->d_alias);
	d->d_inode = NULL;
	iput(inode);
}

/* Frees d (count 0); returns its parent, whose reference is the caller's. */
static struct dentry *dentry_kill(struct dentry *d)
{
	struct dentry *parent = IS_ROOT(d) ? NULL : d->d_parent;

	spin_lock(&dcache_lock);
	lru_del(d);
	if (!d_unhashed(d)) {
		list_del_init(&d->d_hash);
		d->d_flags &= ~DCACHE_HASHED;
	}
	list_del_init(&d->d_child);
	spin_unlock(&dcache_lock);
	detach_inode(d);
	if (d->d_name.name != d->d_iname)
		kfree(d->d_name.name);
	kmem_cache_free(dentry_cache, d);
	stats.nr_dentry--;
	return parent;
}

void dput(struct dentry *d)
{
	while (d) {
		spin_lock(&dcache_lock);
		if (WARN_ON(d->d_count <= 0) || --d->d_count > 0) {
			spin_unlock(&dcache_lock);
			return;
		}
		if (!d_unhashed(d)) {
			/* Keep it cached: the name may be wanted again. */
			list_add_tail(&d->d_lru, &dentry_lru);
			d->d_flags |= DCACHE_LRU;
			stats.nr_unused++;
			spin_unlock(&dcache_lock);
			if (stats.nr_unused > max_unused)
				prune_dcache(stats.nr_unused - max_unused);
			return;
		}
		spin_unlock(&dcache_lock);
		d = dentry_kill(d);
	}
}

unsigned long prune_dcache(unsigned long nr)
{
	unsigned long done = 0;

	while (done < nr && !list_empty(&dentry_lru)) {
		struct dentry *d = list_first_entry(&dentry_lru,
						    struct dentry, d_lru);

		dput(dentry_kill(d));
		done++;
	}
	return done;
}

void d_delete(struct dentry *d)
{
	if (d->d_count == 1 && d->d_inode) {
		/* Nobody else sees it: it becomes a negative entry. */
		detach_inode(d);
		return;
	}
	d_drop(d);
}

/* Swaps the names (inline buffers included) of a and b. */
static void swap_names(struct dentry *a, struct dentry *b)
{
	char tmp[DNAME_INLINE_LEN];
	bool a_inline = a->d_name.name == a->d_iname;
	bool b_inline = b->d_name.name == b->d_iname;
	struct qstr qa = a->d_name;

	memcpy(tmp, a->d_iname, sizeof(tmp));
	memcpy(a->d_iname, b->d_iname, sizeof(tmp));
	memcpy(b->d_iname, tmp, sizeof(tmp));
	a->d_name = b->d_name;
	b->d_name = qa;
	if (b_inline)
		a->d_name.name = a->d_iname;
	if (a_inline)
		b->d_name.name = b->d_iname;
}

/* a and b trade names and places (their parent references with them). */
static void swap_places(struct dentry *a, struct dentry *b)
{
	struct dentry *pa = a->d_parent, *pb = b->d_parent;

	swap_names(a, b);
	list_del_init(&a->d_child);
	list_del_init(&b->d_child);
	a->d_parent = pb;
	b->d_parent = pa;
	list_add(&a->d_child, &pb->d_subdirs);
	list_add(&b->d_child, &pa->d_subdirs);
}

int d_move(struct dentry *d, struct dentry *target)
{
	d_drop(d);
	d_drop(target);
	swap_places(d, target);
	d_rehash(d);
	return 0;
}

int d_exchange(struct dentry *a, struct dentry *b)
{
	d_drop(a);
	d_drop(b);
	swap_places(a, b);
	d_rehash(a);
	d_rehash(b);
	return 0;
}

bool is_subdir(struct dentry *d, struct dentry *p)
{
	for (;;) {
		if (d == p)
			return true;
		if (IS_ROOT(d))
			return false;
		d = d->d_parent;
	}
}

/* Pre-order successor of d within the subtree of root. */
static struct dentry *next_in_subtree(struct dentry *d, struct dentry *root)
{
	if (!list_empty(&d->d_subdirs))
		return list_first_entry(&d->d_subdirs, struct dentry, d_child);
	while (d != root) {
		if (d->d_child.next != &d->d_parent->d_subdirs)
			return list_next_entry(d, d_child);
		d = d->d_parent;
	}
	return NULL;
}

/* Unused leaves go first; emptied directories in the next pass. */
void shrink_dcache_parent(struct dentry *root)
{
	bool killed;

	do {
		struct dentry *d = next_in_subtree(root, root), *next;

		killed = false;
		while (d && d != root) {
			next = next_in_subtree(d, root);
			if (d->d_count == 0 && list_empty(&d->d_subdirs)) {
				/* next is a sibling's or an ancestor's: kept */
				dput(dentry_kill(d));
				killed = true;
			}
			d = next;
		}
	} while (killed);
}

void shrink_dcache_sb(struct super_block *sb)
{
	struct dentry *d, *next;
	bool killed;

	do {
		killed = false;
		list_for_each_entry_safe(d, next, &dentry_lru, d_lru) {
			if (d->d_sb != sb)
				continue;
			dput(dentry_kill(d));
			killed = true;
			break;	/* the kill may have freed next */
		}
	} while (killed);
}

void dcache_get_stats(struct dcache_stats *s)
{
	*s = stats;
}

void dcache_init(void)
{
	dentry_cache = kmem_cache_create("dentry", sizeof(struct dentry), 0,
					 0, NULL);
	dentry_hashtable = kcalloc(D_HASH_SIZE, sizeof(struct list_head),
				   GFP_KERNEL);
	if (!dentry_cache || !dentry_hashtable)
		panic("VFS: cannot create the dentry cache");
	for (unsigned int i = 0; i < D_HASH_SIZE; i++)
		INIT_LIST_HEAD(&dentry_hashtable[i]);
	/* A dentry is ~200 bytes: let unused ones take ~1/64 of RAM. */
	max_unused = max(1024UL, totalram_pages() * PAGE_SIZE / 64 / 256);
}
