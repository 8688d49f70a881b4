/*
 * cred.h - who a task acts as: real, effective, saved and filesystem ids
 * and supplementary groups. Shared by tasks (copy on change, refcounted),
 * checked by every permission decision (capable(), inode_permission()).
 */
#ifndef UMK_CRED_H
#define UMK_CRED_H

#include <umk/types.h>

typedef u32 uid_t;
typedef u32 gid_t;

#define NGROUPS_MAX	65536
#define GLOBAL_ROOT_UID	0

struct cred {
	int usage;
	uid_t uid, euid, suid, fsuid;
	gid_t gid, egid, sgid, fsgid;
	int ngroups;
	gid_t *groups;		/* kmalloc'ed, sorted */
};

/* kernel/cred.c */
extern struct cred init_cred;		/* root */
struct cred *prepare_creds(void);	/* a copy of current's, to modify */
void commit_creds(struct cred *new);	/* install it on current */
struct cred *get_cred(struct cred *c);
void put_cred(struct cred *c);
const struct cred *current_cred(void);
/* Superuser check (no capability sets yet: euid 0 has them all). */
bool capable(int cap);
bool in_group_p(gid_t gid);		/* fsgid or a supplementary group */

/*
 * The id-changing rules of set*uid/set*gid/setgroups, on plain structs
 * (kernel/cred.c): new starts as a copy of old and is changed in place;
 * 0 or -EPERM/-EINVAL. "Privileged" is old->euid == 0. The syscalls
 * wrap them in prepare_creds()/commit_creds().
 */
int cred_setuid(struct cred *new, const struct cred *old, uid_t uid);
int cred_setreuid(struct cred *new, const struct cred *old, uid_t ruid,
		  uid_t euid);
int cred_setresuid(struct cred *new, const struct cred *old, uid_t ruid,
		   uid_t euid, uid_t suid);
int cred_setgid(struct cred *new, const struct cred *old, gid_t gid);
int cred_setregid(struct cred *new, const struct cred *old, gid_t rgid,
		  gid_t egid);
int cred_setresgid(struct cred *new, const struct cred *old, gid_t rgid,
		   gid_t egid, gid_t sgid);
/* Returns the old fsuid; changes it only if allowed. */
uid_t cred_setfsuid(struct cred *new, const struct cred *old, uid_t uid);
gid_t cred_setfsgid(struct cred *new, const struct cred *old, gid_t gid);
/* Takes ownership of groups (kmalloc'ed, n entries); sorts them. */
int cred_setgroups(struct cred *new, const struct cred *old, gid_t *groups,
		   int n);
bool cred_in_group(const struct cred *c, gid_t gid);

#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_SYS_ADMIN		21
#define CAP_SYS_RESOURCE	24
#define CAP_MKNOD		27

#endif
