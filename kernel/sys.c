/*
 * sys.c - small system-wide syscalls: uname and the host/domain names,
 * getrandom, sysinfo, prctl, the scheduler queries of a uniprocessor
 * (sched_yield, affinity, getcpu), umask, and reboot(2).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/signal.h>
#include <umk/process.h>
#include <umk/cred.h>
#include <umk/pid.h>
#include <umk/mm.h>
#include <umk/ktime.h>
#include <umk/random.h>
#include <umk/reboot.h>
#include <umk/string.h>
#include <umk/fs_struct.h>
#include <umk/uaccess.h>
#include <umk/syscalls.h>
#include <umk/version.h>
#include <umk/utsname.h>
#include <uapi/umk/utsname.h>
#include <uapi/umk/sysinfo.h>
#include <uapi/umk/prctl.h>
#include <uapi/umk/reboot.h>

#define CAP_SYS_BOOT	22
#define UTS_RELEASE	"6.1.0-umk"

static struct new_utsname utsname = {
	.sysname = "Linux",
	.nodename = "(none)",
	.release = UTS_RELEASE,
	.version = "#1 umk " UMK_VERSION,
	.machine = "x86_64",
	.domainname = "(none)",
};

struct new_utsname *init_utsname(void)
{
	return &utsname;
}

SYSCALL_DEFINE1(uname, struct new_utsname __user *, name)
{
	return copy_to_user(name, &utsname, sizeof(utsname)) ? -EFAULT : 0;
}

static long set_uts_field(char *field, const char __user *name, int len)
{
	char buf[__NEW_UTS_LEN + 1];

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	memset(buf, 0, sizeof(buf));
	if (copy_from_user(buf, name, len))
		return -EFAULT;
	memcpy(field, buf, sizeof(buf));
	return 0;
}

SYSCALL_DEFINE2(sethostname, const char __user *, name, int, len)
{
	return set_uts_field(utsname.nodename, name, len);
}

SYSCALL_DEFINE2(setdomainname, const char __user *, name, int, len)
{
	return set_uts_field(utsname.domainname, name, len);
}

#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004

SYSCALL_DEFINE3(getrandom, char __user *, ubuf, size_t, len,
		unsigned int, flags)
{
	u8 buf[256];
	size_t done = 0, n;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM))
		return -EINVAL;
	len = min(len, (size_t)0x7ffff000);
	while (done < len) {
		n = min(len - done, sizeof(buf));
		get_random_bytes(buf, n);
		if (copy_to_user(ubuf + done, buf, n))
			return done ? (long)done : -EFAULT;
		done += n;
		/* A long request gives way to a signal, as Linux's does. */
		if (done < len && signal_pending(current))
			break;
	}
	memset(buf, 0, sizeof(buf));
	return done;
}

SYSCALL_DEFINE1(sysinfo, struct sysinfo __user *, info)
{
	struct sysinfo si;
	ktime_t up = ktime_get_ns();
	struct task_struct *t;
	unsigned int procs = 0;

	memset(&si, 0, sizeof(si));
	si.uptime = up / NSEC_PER_SEC + !!(up % NSEC_PER_SEC);
	si.totalram = totalram_pages() * PAGE_SIZE;
	si.freeram = nr_free_pages() * PAGE_SIZE;
	list_for_each_entry(t, &task_list, tasks)
		procs++;
	si.procs = procs;
	si.mem_unit = 1;
	return copy_to_user(info, &si, sizeof(si)) ? -EFAULT : 0;
}

static long prctl_set_name(const char __user *uname)
{
	char comm[TASK_COMM_LEN];
	long n = strncpy_from_user(comm, uname, sizeof(comm));

	if (n == -ENAMETOOLONG) {
		/* Longer names are cut to 15 characters, as in Linux. */
		if (copy_from_user(comm, uname, sizeof(comm) - 1))
			return -EFAULT;
		comm[sizeof(comm) - 1] = '\0';
	} else if (n < 0) {
		return n;
	}
	memcpy(current->comm, comm, sizeof(comm));
	return 0;
}

SYSCALL_DEFINE5(prctl, int, option, unsigned long, arg2, unsigned long, arg3,
		unsigned long, arg4, unsigned long, arg5)
{
	switch (option) {
	case PR_SET_NAME:
		return prctl_set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return copy_to_user((void __user *)arg2, current->comm,
				    TASK_COMM_LEN) ? -EFAULT : 0;
	case PR_SET_PDEATHSIG:
		if (arg2 && !valid_signal((int)arg2))
			return -EINVAL;
		current->pdeath_signal = (int)arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal,
				(int __user *)arg2) ? -EFAULT : 0;
	case PR_GET_DUMPABLE:
		return 1;
	case PR_SET_DUMPABLE:
		return arg2 == 1 ? 0 : -EINVAL;
	}
	return -EINVAL;
}

SYSCALL_DEFINE0(sched_yield)
{
	yield();
	return 0;
}

static struct task_struct *task_by_pid_or_self(pid_t pid)
{
	struct task_struct *t;

	if (!pid)
		return current;
	t = find_task_by_pid(pid);
	return t && is_user_task(t) && !t->exit_state ? t : NULL;
}

/* One CPU: the mask is always {0}. */
SYSCALL_DEFINE3(sched_getaffinity, pid_t, pid, unsigned int, len,
		unsigned long __user *, mask)
{
	unsigned long set = 1;

	if (len < sizeof(set) || (len & (sizeof(set) - 1)))
		return -EINVAL;
	if (!task_by_pid_or_self(pid))
		return -ESRCH;
	if (clear_user(mask, len) || copy_to_user(mask, &set, sizeof(set)))
		return -EFAULT;
	return sizeof(set);
}

SYSCALL_DEFINE3(sched_setaffinity, pid_t, pid, unsigned int, len,
		const unsigned long __user *, mask)
{
	unsigned long set = 0;

	if (!task_by_pid_or_self(pid))
		return -ESRCH;
	if (copy_from_user(&set, mask, min(len, (unsigned int)sizeof(set))))
		return -EFAULT;
	return (set & 1) ? 0 : -EINVAL;
}

SYSCALL_DEFINE3(getcpu, unsigned int __user *, cpu, unsigned int __user *,
		node, void __user *, cache)
{
	if (cpu && put_user(0U, cpu))
		return -EFAULT;
	if (node && put_user(0U, node))
		return -EFAULT;
	return 0;
}

SYSCALL_DEFINE1(umask, int, mask)
{
	struct fs_struct *fs = current_fs();
	int old = fs->umask;

	fs->umask = mask & 0777;
	return old;
}

SYSCALL_DEFINE4(reboot, int, magic1, int, magic2, unsigned int, cmd,
		void __user *, arg)
{
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((u32)magic1 != LINUX_REBOOT_MAGIC1 ||
	    ((u32)magic2 != LINUX_REBOOT_MAGIC2 &&
	     (u32)magic2 != LINUX_REBOOT_MAGIC2A &&
	     (u32)magic2 != LINUX_REBOOT_MAGIC2B &&
	     (u32)magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
	case LINUX_REBOOT_CMD_RESTART2:
		kernel_restart();
	case LINUX_REBOOT_CMD_HALT:
		kernel_halt();
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
