/*
 * array.c - a task's state as text: /proc/PID/stat (the one line ps and
 * top parse), status (the same for people), statm and maps, in Linux's
 * formats. Times are in USER_HZ ticks; CPU time is all counted as user
 * time (umk does not split it).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/slab.h>
#include <umk/timer.h>
#include <umk/signal.h>
#include <umk/cred.h>
#include <umk/mm.h>
#include <umk/mman.h>
#include <umk/mount.h>
#include <umk/fdtable.h>
#include <umk/fs_struct.h>
#include <umk/ktime.h>
#include <uapi/umk/time.h>
#include "internal.h"

static const char *const state_names[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
	"Z (zombie)", "X (dead)", "I (idle)",
};

static unsigned int state_index(struct task_struct *t)
{
	if (t->exit_state == EXIT_ZOMBIE)
		return 4;
	if (t->exit_state == EXIT_DEAD || (t->state & TASK_DEAD))
		return 5;
	if (t->signal && (t->signal->flags & SIGNAL_STOP_STOPPED) &&
	    t->state != TASK_RUNNING)
		return 3;
	/* Kernel threads wait uninterruptibly for work: idle, as Linux's
	 * TASK_IDLE, not "disk sleep". */
	if (t->state & TASK_UNINTERRUPTIBLE)
		return is_user_task(t) ? 2 : 6;
	if (t->state & TASK_INTERRUPTIBLE)
		return 1;
	return 0;
}

char proc_task_state(struct task_struct *t)
{
	return state_names[state_index(t)][0];
}

const char *proc_task_state_name(struct task_struct *t)
{
	return state_names[state_index(t)];
}

pid_t proc_task_ppid(struct task_struct *t)
{
	struct task_struct *p = t->group_leader ? t->group_leader->parent :
			       t->parent;

	if (!p || p == t || !is_user_task(t))
		return 0;
	return is_user_task(p) ? p->tgid : p->pid;
}

static pid_t task_tgid(struct task_struct *t)
{
	return is_user_task(t) ? t->tgid : t->pid;
}

static unsigned long to_clock_t(u64 ticks)
{
	return ticks * USER_HZ / HZ;
}

/* CPU ticks of t's whole process when t is its leader, else of t. */
static u64 task_ticks(struct task_struct *t, bool whole)
{
	struct task_struct *th;
	u64 sum = 0;

	if (!whole || !t->signal)
		return t->ticks;
	list_for_each_entry(th, &t->signal->thread_head, thread_node)
		sum += th->ticks;
	return sum + t->signal->utime + t->signal->stime;
}

static void sig_ign_catch(struct task_struct *t, u64 *ign, u64 *catch)
{
	int i;

	*ign = *catch = 0;
	if (!t->sighand)
		return;
	for (i = 0; i < _NSIG; i++) {
		void __user *h = t->sighand->action[i].sa_handler;

		if (h == SIG_IGN)
			*ign |= 1ULL << i;
		else if (h != SIG_DFL)
			*catch |= 1ULL << i;
	}
}

static unsigned long mm_rss(const struct mm_struct *mm)
{
	return mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_ANONPAGES] +
	       mm->rss_stat[MM_SHMEMPAGES];
}

int proc_pid_stat(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);
	struct signal_struct *sig = t->signal;
	struct mm_struct *mm = t->mm;
	bool whole = thread_group_leader(t) || !sig;
	u64 ign, catch, pending = t->pending.signal;
	int threads = sig ? sig->nr_threads : 1;

	if (sig)
		pending |= sig->shared_pending.signal;

	sig_ign_catch(t, &ign, &catch);
	pbuf_printf(m, "%d (%.*s) %c %d %d %d 0 -1 %u 0 0 0 0 %lu 0 %lu %lu "
		    "20 0 %d 0 %llu ", t->pid, TASK_COMM_LEN, t->comm,
		    proc_task_state(t), proc_task_ppid(t),
		    sig ? sig->pgrp : 0, sig ? sig->session : 0, t->flags,
		    to_clock_t(task_ticks(t, whole)),
		    sig ? to_clock_t(sig->cutime) : 0,
		    sig ? to_clock_t(sig->cstime) : 0, max(threads, 1),
		    (unsigned long long)(t->start_time /
					 (NSEC_PER_SEC / USER_HZ)));
	pbuf_printf(m, "%lu %lu %lu %lu %lu %lu 0 0 %llu %llu %llu %llu "
		    "0 0 0 %d 0 0 0 0 0 0 ",
		    mm ? mm->total_vm * PAGE_SIZE : 0, mm ? mm_rss(mm) : 0,
		    sig ? sig->rlim[RLIMIT_RSS].rlim_cur : RLIM_INFINITY,
		    mm ? mm->start_code : 0, mm ? mm->end_code : 0,
		    mm ? mm->start_stack : 0,
		    (unsigned long long)pending,
		    (unsigned long long)t->blocked,
		    (unsigned long long)ign, (unsigned long long)catch,
		    t->exit_signal);
	pbuf_printf(m, "%lu %lu %lu %lu %lu %lu %lu %d\n",
		    mm ? mm->start_data : 0, mm ? mm->end_data : 0,
		    mm ? mm->start_brk : 0, mm ? mm->arg_start : 0,
		    mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		    mm ? mm->env_end : 0, t->exit_code);
	return 0;
}

static void put_ids(struct pbuf *m, const char *name, unsigned int a,
		    unsigned int b, unsigned int c, unsigned int d)
{
	pbuf_printf(m, "%s:\t%u\t%u\t%u\t%u\n", name, a, b, c, d);
}

static void put_kb(struct pbuf *m, const char *name, unsigned long pages)
{
	pbuf_printf(m, "%s:\t%8lu kB\n", name, pages * (PAGE_SIZE / 1024));
}

static void status_mm(struct pbuf *m, const struct mm_struct *mm)
{
	put_kb(m, "VmPeak", max(mm->hiwater_vm, mm->total_vm));
	put_kb(m, "VmSize", mm->total_vm);
	put_kb(m, "VmLck", mm->locked_vm);
	put_kb(m, "VmPin", 0);
	put_kb(m, "VmHWM", max(mm->hiwater_rss, mm_rss(mm)));
	put_kb(m, "VmRSS", mm_rss(mm));
	put_kb(m, "RssAnon", mm->rss_stat[MM_ANONPAGES]);
	put_kb(m, "RssFile", mm->rss_stat[MM_FILEPAGES]);
	put_kb(m, "RssShmem", mm->rss_stat[MM_SHMEMPAGES]);
	put_kb(m, "VmData", mm->data_vm);
	put_kb(m, "VmStk", mm->stack_vm);
	put_kb(m, "VmExe", (PAGE_ALIGN(mm->end_code) -
			    (mm->start_code & PAGE_MASK)) >> PAGE_SHIFT);
	put_kb(m, "VmLib", 0);
	put_kb(m, "VmPTE", mm->nr_pgtables);
	put_kb(m, "VmSwap", 0);
}

int proc_pid_status(struct pbuf *m, struct proc_inode *pi)
{
	struct task_struct *t = proc_task(pi);
	const struct cred *c = t->cred ? t->cred : &init_cred;
	struct signal_struct *sig = t->signal;
	u64 ign, catch;
	int i;

	sig_ign_catch(t, &ign, &catch);
	pbuf_printf(m, "Name:\t%.*s\n", TASK_COMM_LEN, t->comm);
	if (t->fs)
		pbuf_printf(m, "Umask:\t%04o\n", t->fs->umask);
	pbuf_printf(m, "State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		    "PPid:\t%d\nTracerPid:\t0\n", proc_task_state_name(t),
		    task_tgid(t), t->pid, proc_task_ppid(t));
	put_ids(m, "Uid", c->uid, c->euid, c->suid, c->fsuid);
	put_ids(m, "Gid", c->gid, c->egid, c->sgid, c->fsgid);
	pbuf_printf(m, "FDSize:\t%u\nGroups:\t",
		    t->files ? t->files->max_fds : 0);
	for (i = 0; i < c->ngroups; i++)
		pbuf_printf(m, "%u ", c->groups[i]);
	pbuf_printf(m, "\n");
	if (t->mm)
		status_mm(m, t->mm);
	pbuf_printf(m, "Threads:\t%d\n", sig ? max(sig->nr_threads, 1) : 1);
	pbuf_printf(m, "SigQ:\t0/%lu\n",
		    sig ? sig->rlim[RLIMIT_SIGPENDING].rlim_cur : 0);
	pbuf_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n"
		    "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		    (unsigned long long)t->pending.signal,
		    (unsigned long long)(sig ? sig->shared_pending.signal : 0),
		    (unsigned long long)t->blocked,
		    (unsigned long long)ign, (unsigned long long)catch);
	pbuf_printf(m, "CapInh:\t0000000000000000\n");
	for (i = 0; i < 3; i++)
		pbuf_printf(m, "%s:\t%s\n", i == 0 ? "CapPrm" :
			    i == 1 ? "CapEff" : "CapBnd",
			    c->euid == 0 || i == 2 ? "000001ffffffffff" :
			    "0000000000000000");
	pbuf_printf(m, "NoNewPrivs:\t0\nSeccomp:\t0\nCpus_allowed:\t1\n"
		    "Cpus_allowed_list:\t0\nvoluntary_ctxt_switches:\t%llu\n"
		    "nonvoluntary_ctxt_switches:\t0\n",
		    (unsigned long long)t->switches);
	return 0;
}

int proc_pid_statm(struct pbuf *m, struct proc_inode *pi)
{
	struct mm_struct *mm = proc_task(pi)->mm;

	if (!mm) {
		pbuf_printf(m, "0 0 0 0 0 0 0\n");
		return 0;
	}
	pbuf_printf(m, "%lu %lu %lu %lu 0 %lu 0\n", mm->total_vm, mm_rss(mm),
		    mm->rss_stat[MM_FILEPAGES] + mm->rss_stat[MM_SHMEMPAGES],
		    (PAGE_ALIGN(mm->end_code) - (mm->start_code & PAGE_MASK))
		    >> PAGE_SHIFT, mm->data_vm + mm->stack_vm);
	return 0;
}

/* Pads the line to column 73 (Linux's width), then the name. */
static void maps_name(struct pbuf *m, size_t line_start, const char *name)
{
	size_t col = m->len - line_start;

	if (!name)
		return;
	for (; col < 73 && !m->overflow; col++)
		pbuf_putc(m, ' ');
	pbuf_printf(m, "%s", name);
}

static void show_vma(struct pbuf *m, struct mm_struct *mm,
		     struct vm_area_struct *vma, char *buf)
{
	unsigned long f = vma->vm_flags;
	size_t start = m->len;
	const char *name = NULL;
	struct inode *inode = NULL;
	u64 pgoff = 0;

	if (vma->vm_file) {
		inode = file_inode(vma->vm_file);
		pgoff = (u64)vma->vm_pgoff << PAGE_SHIFT;
		name = d_path(&vma->vm_file->f_path, buf, PATH_MAX);
		if (IS_ERR(name))
			name = NULL;
	} else if (vma->vm_ops && vma->vm_ops->name) {
		name = vma->vm_ops->name;
	} else if (vma->vm_start <= mm->start_brk &&
		   vma->vm_end >= mm->brk && mm->brk > mm->start_brk) {
		name = "[heap]";
	} else if (vma->vm_start <= mm->start_stack &&
		   vma->vm_end >= mm->start_stack) {
		name = "[stack]";
	}
	pbuf_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %llu ",
		    vma->vm_start, vma->vm_end, f & VM_READ ? 'r' : '-',
		    f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		    f & VM_MAYSHARE ? 's' : 'p', (unsigned long long)pgoff,
		    inode ? MAJOR(inode->i_sb->s_dev) : 0,
		    inode ? MINOR(inode->i_sb->s_dev) : 0,
		    inode ? (unsigned long long)inode->i_ino : 0ULL);
	maps_name(m, start, name);
	pbuf_putc(m, '\n');
}

int proc_pid_maps(struct pbuf *m, struct proc_inode *pi)
{
	struct mm_struct *mm = proc_task(pi)->mm;
	struct vm_area_struct *vma;
	char *buf;

	if (!mm || !mmget_not_zero(mm))
		return 0;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf) {
		mmput(mm);
		return -ENOMEM;
	}
	mutex_lock(&mm->mmap_lock);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_vma(m, mm, vma, buf);
	mutex_unlock(&mm->mmap_lock);
	kfree(buf);
	mmput(mm);
	return 0;
}
