/*
 * sysctl.c - /proc/sys: the few settings programs read. hostname and
 * domainname can be written (by root, as sethostname(2)); the rest show
 * fixed facts of umk.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/pid.h>
#include <umk/cred.h>
#include <umk/utsname.h>
#include "internal.h"

static int ostype_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", init_utsname()->sysname);
	return 0;
}

static int osrelease_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", init_utsname()->release);
	return 0;
}

static int version_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", init_utsname()->version);
	return 0;
}

static int hostname_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", init_utsname()->nodename);
	return 0;
}

static int domainname_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%s\n", init_utsname()->domainname);
	return 0;
}

/* A name written with or without its newline. */
static int set_name(char *field, const char *buf, size_t len)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (len && buf[len - 1] == '\n')
		len--;
	if (len > __NEW_UTS_LEN)
		return -EINVAL;
	memset(field, 0, __NEW_UTS_LEN + 1);
	memcpy(field, buf, len);
	return 0;
}

static int hostname_write(struct proc_inode *pi, const char *buf, size_t len)
{
	return set_name(init_utsname()->nodename, buf, len);
}

static int domainname_write(struct proc_inode *pi, const char *buf,
			    size_t len)
{
	return set_name(init_utsname()->domainname, buf, len);
}

static int pid_max_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "%d\n", PID_MAX);
	return 0;
}

/* umk's allocator never overcommits beyond RAM: heuristic (0) mode. */
static int zero_show(struct pbuf *m, struct proc_inode *pi)
{
	pbuf_printf(m, "0\n");
	return 0;
}

#define REG(n, fn)	{ .name = n, .mode = S_IFREG | 0444, .show = fn }
#define RW(n, fn, w)	{ .name = n, .mode = S_IFREG | 0644, .show = fn, \
			  .write = w }

static const struct proc_entry kernel_ents[] = {
	REG("ostype", ostype_show),
	REG("osrelease", osrelease_show),
	REG("version", version_show),
	RW("hostname", hostname_show, hostname_write),
	RW("domainname", domainname_show, domainname_write),
	REG("pid_max", pid_max_show),
	{ }
};

static const struct proc_entry vm_ents[] = {
	REG("overcommit_memory", zero_show),
	{ }
};

const struct proc_entry proc_sys_ents[] = {
	{ .name = "kernel", .mode = S_IFDIR | 0555, .ents = kernel_ents },
	{ .name = "vm", .mode = S_IFDIR | 0555, .ents = vm_ents },
	{ }
};
