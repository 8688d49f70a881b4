/*
 * root.c - the top of /proc: the fixed files (misc.c), "self", and one
 * directory per process, named by its pid. Kernel threads are listed
 * too, as in Linux; threads other than a group's leader are not listed
 * but can be looked up by their tid.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/pid.h>
#include <umk/signal.h>
#include <uapi/umk/dirent.h>
#include "internal.h"

static bool listed(const struct task_struct *t)
{
	if (t->pid <= 0 || t->exit_state == EXIT_DEAD)
		return false;
	return !is_user_task(t) || thread_group_leader(t);
}

static const struct proc_entry *root_lookup(struct proc_inode *dir,
					    const char *name,
					    struct proc_inode *child)
{
	unsigned long long n;
	struct task_struct *t;

	if (name[0] == '0' || kstrtoull(name, 10, &n) || n >= PID_MAX)
		return NULL;
	t = find_task_by_pid(n);
	if (!t || t->exit_state == EXIT_DEAD)
		return NULL;
	child->pid = n;
	return &proc_pid_entry;
}

static bool root_next(struct proc_inode *dir, long *idx, char *name,
		      size_t size, unsigned int *type)
{
	struct task_struct *t, *best = NULL;

	list_for_each_entry(t, &task_list, tasks)
		if (listed(t) && t->pid >= *idx &&
		    (!best || t->pid < best->pid))
			best = t;
	if (!best)
		return false;
	*idx = best->pid;
	snprintf(name, size, "%d", best->pid);
	*type = DT_DIR;
	return true;
}

const struct proc_dir_ops proc_root_dops = {
	.lookup = root_lookup,
	.next = root_next,
};
