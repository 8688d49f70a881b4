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
