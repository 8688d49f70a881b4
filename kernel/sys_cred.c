/*
 * sys_cred.c - the id system calls: get*id, set*id, setfs*id,
 * getgroups/setgroups. The rules are in kernel/cred.c; here arguments
 * are fetched and a new cred is committed when the rule allows it.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/cred.h>
#include <umk/sched.h>
#include <umk/slab.h>
#include <umk/syscalls.h>
#include <umk/uaccess.h>

SYSCALL_DEFINE0(getuid)
{
	return current_cred()->uid;
}

SYSCALL_DEFINE0(geteuid)
{
	return current_cred()->euid;
}

SYSCALL_DEFINE0(getgid)
{
	return current_cred()->gid;
}

SYSCALL_DEFINE0(getegid)
{
	return current_cred()->egid;
}

static long put_three_ids(u32 a, u32 b, u32 c, u32 __user *pa,
			  u32 __user *pb, u32 __user *pc)
{
	if (put_user(a, pa) || put_user(b, pb) || put_user(c, pc))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE3(getresuid, u32 __user *, ruid, u32 __user *, euid,
		u32 __user *, suid)
{
	const struct cred *c = current_cred();

	return put_three_ids(c->uid, c->euid, c->suid, ruid, euid, suid);
}

SYSCALL_DEFINE3(getresgid, u32 __user *, rgid, u32 __user *, egid,
		u32 __user *, sgid)
{
	const struct cred *c = current_cred();

	return put_three_ids(c->gid, c->egid, c->sgid, rgid, egid, sgid);
}

/* Runs one rule on a fresh copy and installs it if the rule agrees. */
#define CHANGE_CREDS(rule, ...) ({ \
	struct cred *__new = prepare_creds(); \
	long __err = -ENOMEM; \
	if (__new) { \
		__err = rule(__new, current_cred(), ##__VA_ARGS__); \
		if (__err) \
			put_cred(__new); \
		else \
			commit_creds(__new); \
	} \
	__err; \
})

SYSCALL_DEFINE1(setuid, uid_t, uid)
{
	return CHANGE_CREDS(cred_setuid, uid);
}

SYSCALL_DEFINE2(setreuid, uid_t, ruid, uid_t, euid)
{
	return CHANGE_CREDS(cred_setreuid, ruid, euid);
}

SYSCALL_DEFINE3(setresuid, uid_t, ruid, uid_t, euid, uid_t, suid)
{
	return CHANGE_CREDS(cred_setresuid, ruid, euid, suid);
}

SYSCALL_DEFINE1(setgid, gid_t, gid)
{
	return CHANGE_CREDS(cred_setgid, gid);
}

SYSCALL_DEFINE2(setregid, gid_t, rgid, gid_t, egid)
{
	return CHANGE_CREDS(cred_setregid, rgid, egid);
}

SYSCALL_DEFINE3(setresgid, gid_t, rgid, gid_t, egid, gid_t, sgid)
{
	return CHANGE_CREDS(cred_setresgid, rgid, egid, sgid);
}

SYSCALL_DEFINE1(setfsuid, uid_t, uid)
{
	struct cred *new = prepare_creds();
	uid_t old;

	if (!new)
		return current_cred()->fsuid;
	old = cred_setfsuid(new, current_cred(), uid);
	if (new->fsuid != old)
		commit_creds(new);
	else
		put_cred(new);
	return old;
}

SYSCALL_DEFINE1(setfsgid, gid_t, gid)
{
	struct cred *new = prepare_creds();
	gid_t old;

	if (!new)
		return current_cred()->fsgid;
	old = cred_setfsgid(new, current_cred(), gid);
	if (new->fsgid != old)
		commit_creds(new);
	else
		put_cred(new);
	return old;
}

SYSCALL_DEFINE2(getgroups, int, size, gid_t __user *, list)
{
	const struct cred *c = current_cred();

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c->ngroups;
	if (size < c->ngroups)
		return -EINVAL;
	if (c->ngroups &&
	    copy_to_user(list, c->groups, c->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return c->ngroups;
}

SYSCALL_DEFINE2(setgroups, int, size, const gid_t __user *, list)
{
	gid_t *groups = NULL;
	struct cred *new;
	int err;

	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	if (size) {
		groups = kmalloc(size * sizeof(gid_t), GFP_KERNEL);
		if (!groups)
			return -ENOMEM;
		if (copy_from_user(groups, list, size * sizeof(gid_t))) {
			kfree(groups);
			return -EFAULT;
		}
	}
	new = prepare_creds();
	if (!new) {
		kfree(groups);
		return -ENOMEM;
	}
	/* cred_setgroups takes groups over, even when it fails. */
	err = cred_setgroups(new, current_cred(), groups, size);
	if (err) {
		put_cred(new);
		return err;
	}
	commit_creds(new);
	return 0;
}
