/*
 * oom_kill.c - the OOM killer. It chooses the guest process with the
 * most resident pages (plus its page tables), never a kernel thread and
 * never pid 1 while another process could go instead, and kills it with
 * SIGKILL. While that victim has not let go of its memory, no second
 * victim is chosen: the faulting task just retries later.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/oom.h>
#include <umk/sched.h>
#include <umk/signal.h>
#include "vm_internal.h"

unsigned long oom_kill_count;

#define K(pages)	((pages) << (PAGE_SHIFT - 10))

static bool oom_candidate(const struct task_struct *t)
{
	return is_user_task(t) && t->mm && !t->exit_state &&
	       !(t->flags & PF_EXITING);
}

static unsigned long oom_badness(const struct task_struct *t)
{
	return get_mm_rss(t->mm) + t->mm->nr_pgtables;
}

/* A victim still dying, or the process to kill now (NULL: nobody). */
static struct task_struct *select_victim(bool *dying)
{
	struct task_struct *t, *best = NULL, *init = NULL;
	unsigned long best_points = 0;

	*dying = false;
	list_for_each_entry(t, &task_list, tasks) {
		if (!oom_candidate(t))
			continue;
		if ((t->mm->flags & MMF_OOM_VICTIM) &&
		    fatal_signal_pending(t)) {
			*dying = true;
			return t;
		}
		if (t->tgid == 1) {
			init = t;
			continue;
		}
		if (!best || oom_badness(t) > best_points) {
			best = t;
			best_points = oom_badness(t);
		}
	}
	return best ? best : init;
}

bool out_of_memory(void)
{
	struct task_struct *victim;
	struct mm_struct *mm;
	bool dying;

	victim = select_victim(&dying);
	if (dying)
		return true;
	if (!victim) {
		pr_err("Out of memory and no killable processes\n");
		return false;
	}
	mm = victim->mm;
	mm->flags |= MMF_OOM_VICTIM;
	oom_kill_count++;
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, "
	       "anon-rss:%lukB, file-rss:%lukB, shmem-rss:%lukB "
	       "pgtables:%lukB\n", victim->tgid, victim->comm, K(mm->total_vm),
	       K(get_mm_counter(mm, MM_ANONPAGES)),
	       K(get_mm_counter(mm, MM_FILEPAGES)),
	       K(get_mm_counter(mm, MM_SHMEMPAGES)), K(mm->nr_pgtables));
	send_sig(SIGKILL, victim, 1);
	return true;
}

void pagefault_out_of_memory(void)
{
	/* The faulting task itself may be the victim: SIGKILL is pending. */
	out_of_memory();
}
