/*
 * init_process.c - the first guest process. Pid 1 gets /dev/console as
 * fds 0, 1 and 2 and execs init= (or, without it, the first of /init,
 * /sbin/init, /etc/init, /bin/init, /bin/sh that runs). When it ends,
 * run_init() returns how, and kernel_init shuts umk down with a status
 * that says it (Documentation/processes.md, "Exit statuses").
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/init.h>
#include <umk/process.h>
#include <umk/binfmts.h>
#include <umk/signal.h>
#include <umk/fs.h>
#include <umk/fdtable.h>

static const char *init_path;

static int set_init(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	init_path = val;
	return 0;
}
kernel_param("init", set_init);

static const char *const default_inits[] = {
	"/init", "/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
};

static void open_console(void)
{
	struct file *f = filp_open("/dev/console", O_RDWR, 0);
	int i;

	if (IS_ERR(f)) {
		pr_warn("Warning: unable to open an initial console.\n");
		return;
	}
	for (i = 0; i < 3; i++) {
		int fd = get_unused_fd_flags(0);

		if (fd < 0)
			break;
		fd_install(fd, i ? get_file(f) : f);
	}
}

static int try_init(const char *path)
{
	int err;

	init_argv[0] = path;
	err = kernel_execve(path, init_argv, init_envp);
	if (err)
		pr_info("Failed to execute %s (error %d)\n", path, err);
	return err;
}

/* Pid 1's body until it execs; then it is the guest's init. */
static int init_main(void *unused)
{
	size_t i;
	int err;

	open_console();
	if (init_path) {
		err = try_init(init_path);
		if (!err)
			user_task_loop();
		panic("Requested init %s failed (error %d).", init_path, err);
	}
	for (i = 0; i < ARRAY_SIZE(default_inits); i++) {
		if (!try_init(default_inits[i]))
			user_task_loop();
	}
	panic("No working init found.  Try passing init= option to kernel.");
}

int run_init(void)
{
	struct task_struct *t = create_init_process(init_main, NULL);

	if (IS_ERR(t))
		panic("cannot create the init process: %ld", PTR_ERR(t));
	wake_up_process(t);
	return wait_for_init_exit();
}
