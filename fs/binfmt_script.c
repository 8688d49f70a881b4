/*
 * binfmt_script.c - "#!" scripts. The first line names an interpreter
 * and at most one argument (everything after the name, trimmed); the
 * interpreter runs with argv = { interpreter, [argument,] script path,
 * argv[1]... }. Only the first BINPRM_BUF_SIZE bytes are read: a longer
 * line is fine as long as the interpreter's name is complete.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/binfmts.h>
#include <umk/slab.h>
#include <umk/fs.h>

static bool is_spacetab(char c)
{
	return c == ' ' || c == '\t';
}

static char *skip_spacetabs(char *p, const char *end)
{
	while (p < end && is_spacetab(*p))
		p++;
	return p;
}

/* The end of a name: the first space, tab or NUL (or end). */
static char *name_end(char *p, const char *end)
{
	while (p < end && !is_spacetab(*p) && *p)
		p++;
	return p;
}

int parse_shebang(char *buf, size_t len, char **name, char **arg)
{
	char *end, *p, *sep;

	if (len < 3 || buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	end = memchr(buf, '\n', len);
	if (!end) {
		/* No newline in what we read: never run a cut-off name. */
		end = buf + len - 1;
		p = skip_spacetabs(buf + 2, end);
		if (p == end || name_end(p, end) == end)
			return -ENOEXEC;
	}
	while (end > buf + 2 && is_spacetab(end[-1]))
		end--;
	p = skip_spacetabs(buf + 2, end);
	if (p == end || !*p)
		return -ENOEXEC;
	*name = p;
	sep = name_end(p, end);
	*arg = NULL;
	if (sep < end && *sep) {
		p = skip_spacetabs(sep, end);
		if (p < end)
			*arg = p;
	}
	*end = '\0';
	*sep = '\0';
	return 0;
}

static int push_arg(struct linux_binprm *bprm, const char *s)
{
	int err = copy_string_kernel(s, bprm);

	if (!err)
		bprm->argc++;
	return err;
}

int load_script(struct linux_binprm *bprm)
{
	char *line, *name, *arg;
	struct file *file;
	int err;

	if (bprm->buf[0] != '#' || bprm->buf[1] != '!')
		return -ENOEXEC;
	line = kmalloc(BINPRM_BUF_SIZE, GFP_KERNEL);
	if (!line)
		return -ENOMEM;
	memcpy(line, bprm->buf, BINPRM_BUF_SIZE);
	err = parse_shebang(line, BINPRM_BUF_SIZE, &name, &arg);
	if (err)
		goto fail;
	/* The new argv, pushed last first: name, arg, script path. */
	err = remove_arg_zero(bprm);
	if (!err)
		err = push_arg(bprm, bprm->interp);
	if (!err && arg)
		err = push_arg(bprm, arg);
	if (!err)
		err = push_arg(bprm, name);
	if (err)
		goto fail;
	file = open_exec(name);
	if (IS_ERR(file)) {
		err = PTR_ERR(file);
		goto fail;
	}
	close_exec(bprm->file);
	bprm->file = file;
	bprm->interp = name;
	kfree(bprm->interp_buf);
	bprm->interp_buf = line;
	return 0;
fail:
	kfree(line);
	return err;
}
