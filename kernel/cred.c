/*
 * cred.c - credentials: the refcounted struct cred every task points to,
 * copy-on-change (prepare_creds/commit_creds), the superuser check, and
 * Linux's rules for changing ids (set*uid, set*gid, setgroups). No
 * capability sets yet: euid 0 holds them all. The get/set syscalls are
 * in kernel/sys_cred.c.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/cred.h>
#include <umk/sched.h>
#include <umk/slab.h>

struct cred init_cred = {
	.usage = 1,
};

const struct cred *current_cred(void)
{
	return current->cred ? current->cred : &init_cred;
}

struct cred *get_cred(struct cred *c)
{
	c->usage++;
	return c;
}

void put_cred(struct cred *c)
{
	if (WARN_ON(c->usage <= 0))
		return;
	if (--c->usage)
		return;
	if (WARN_ON(c == &init_cred))
		return;
	kfree(c->groups);
	kfree(c);
}

struct cred *prepare_creds(void)
{
	const struct cred *old = current_cred();
	struct cred *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *old;
	new->usage = 1;
	new->groups = NULL;
	if (old->ngroups) {
		new->groups = kmalloc(old->ngroups * sizeof(gid_t),
				      GFP_KERNEL);
		if (!new->groups) {
			kfree(new);
			return NULL;
		}
		memcpy(new->groups, old->groups, old->ngroups * sizeof(gid_t));
	}
	return new;
}

void commit_creds(struct cred *new)
{
	const struct cred *old = current->cred;

	current->cred = new;
	if (old)
		put_cred((struct cred *)old);
}

bool capable(int cap)
{
	return current_cred()->euid == GLOBAL_ROOT_UID;
}

bool cred_in_group(const struct cred *c, gid_t gid)
{
	int lo = 0, hi = c->ngroups - 1;

	if (gid == c->fsgid)
		return true;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;

		if (c->groups[mid] == gid)
			return true;
		if (c->groups[mid] < gid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

bool in_group_p(gid_t gid)
{
	return cred_in_group(current_cred(), gid);
}

#define NO_ID	((u32)-1)

static bool privileged(const struct cred *old)
{
	return old->euid == GLOBAL_ROOT_UID;
}

/* An unprivileged process may only pick ids it already has. */
static bool id_is_one_of(u32 id, u32 a, u32 b, u32 c)
{
	return id == a || id == b || id == c;
}

int cred_setuid(struct cred *new, const struct cred *old, uid_t uid)
{
	if (uid == NO_ID)
		return -EINVAL;
	if (privileged(old)) {
		new->uid = new->suid = uid;
	} else if (uid != old->uid && uid != old->suid) {
		return -EPERM;
	}
	new->euid = new->fsuid = uid;
	return 0;
}

int cred_setreuid(struct cred *new, const struct cred *old, uid_t ruid,
		  uid_t euid)
{
	bool priv = privileged(old);

	if (ruid != NO_ID) {
		if (!priv && ruid != old->uid && ruid != old->euid)
			return -EPERM;
		new->uid = ruid;
	}
	if (euid != NO_ID) {
		if (!priv && !id_is_one_of(euid, old->uid, old->euid,
					   old->suid))
			return -EPERM;
		new->euid = euid;
	}
	/* POSIX: the saved id follows a change of the real id, or an
	 * effective id that differs from the old real one. */
	if (ruid != NO_ID || (euid != NO_ID && euid != old->uid))
		new->suid = new->euid;
	new->fsuid = new->euid;
	return 0;
}

int cred_setresuid(struct cred *new, const struct cred *old, uid_t ruid,
		   uid_t euid, uid_t suid)
{
	if (!privileged(old)) {
		if (ruid != NO_ID &&
		    !id_is_one_of(ruid, old->uid, old->euid, old->suid))
			return -EPERM;
		if (euid != NO_ID &&
		    !id_is_one_of(euid, old->uid, old->euid, old->suid))
			return -EPERM;
		if (suid != NO_ID &&
		    !id_is_one_of(suid, old->uid, old->euid, old->suid))
			return -EPERM;
	}
	if (ruid != NO_ID)
		new->uid = ruid;
	if (euid != NO_ID)
		new->euid = euid;
	if (suid != NO_ID)
		new->suid = suid;
	new->fsuid = new->euid;
	return 0;
}

int cred_setgid(struct cred *new, const struct cred *old, gid_t gid)
{
	if (gid == NO_ID)
		return -EINVAL;
	if (privileged(old)) {
		new->gid = new->sgid = gid;
	} else if (gid != old->gid && gid != old->sgid) {
		return -EPERM;
	}
	new->egid = new->fsgid = gid;
	return 0;
}

int cred_setregid(struct cred *new, const struct cred *old, gid_t rgid,
		  gid_t egid)
{
	bool priv = privileged(old);

	if (rgid != NO_ID) {
		if (!priv && rgid != old->gid && rgid != old->egid)
			return -EPERM;
		new->gid = rgid;
	}
	if (egid != NO_ID) {
		if (!priv && !id_is_one_of(egid, old->gid, old->egid,
					   old->sgid))
			return -EPERM;
		new->egid = egid;
	}
	if (rgid != NO_ID || (egid != NO_ID && egid != old->gid))
		new->sgid = new->egid;
	new->fsgid = new->egid;
	return 0;
}

int cred_setresgid(struct cred *new, const struct cred *old, gid_t rgid,
		   gid_t egid, gid_t sgid)
{
	if (!privileged(old)) {
		if (rgid != NO_ID &&
		    !id_is_one_of(rgid, old->gid, old->egid, old->sgid))
			return -EPERM;
		if (egid != NO_ID &&
		    !id_is_one_of(egid, old->gid, old->egid, old->sgid))
			return -EPERM;
		if (sgid != NO_ID &&
		    !id_is_one_of(sgid, old->gid, old->egid, old->sgid))
			return -EPERM;
	}
	if (rgid != NO_ID)
		new->gid = rgid;
	if (egid != NO_ID)
		new->egid = egid;
	if (sgid != NO_ID)
		new->sgid = sgid;
	new->fsgid = new->egid;
	return 0;
}

uid_t cred_setfsuid(struct cred *new, const struct cred *old, uid_t uid)
{
	if (uid != NO_ID &&
	    (privileged(old) || uid == old->fsuid ||
	     id_is_one_of(uid, old->uid, old->euid, old->suid)))
		new->fsuid = uid;
	return old->fsuid;
}

gid_t cred_setfsgid(struct cred *new, const struct cred *old, gid_t gid)
{
	if (gid != NO_ID &&
	    (privileged(old) || gid == old->fsgid ||
	     id_is_one_of(gid, old->gid, old->egid, old->sgid)))
		new->fsgid = gid;
	return old->fsgid;
}

/* Shell sort: up to NGROUPS_MAX entries, without recursion. */
static void sort_groups(gid_t *g, int n)
{
	int gap, i, j;

	for (gap = n / 2; gap > 0; gap /= 2) {
		for (i = gap; i < n; i++) {
			gid_t v = g[i];

			for (j = i; j >= gap && g[j - gap] > v; j -= gap)
				g[j] = g[j - gap];
			g[j] = v;
		}
	}
}

int cred_setgroups(struct cred *new, const struct cred *old, gid_t *groups,
		   int n)
{
	if (!privileged(old)) {
		kfree(groups);
		return -EPERM;
	}
	if (n < 0 || n > NGROUPS_MAX) {
		kfree(groups);
		return -EINVAL;
	}
	sort_groups(groups, n);
	kfree(new->groups);
	new->groups = groups;
	new->ngroups = n;
	return 0;
}
