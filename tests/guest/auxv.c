/*
 * auxv.c - what a freshly exec'd program finds on its initial stack.
 *
 * Built as every ELF kind (static, static-pie, dynamic, musl static) and
 * exec'd by exec.c with a known argv and environment. Prints argv, envp,
 * the layout of the initial stack and strings, and the auxiliary vector
 * entries whose values do not depend on the machine (or their relations
 * to the program itself, e.g. AT_ENTRY == _start).
 */
#include "guest.h"
#include <elf.h>
#include <stdint.h>

extern const Elf64_Ehdr __ehdr_start;
extern char _start[];

static const struct { unsigned long type; const char *name; } names[] = {
	{ AT_HWCAP, "HWCAP" }, { AT_PAGESZ, "PAGESZ" },
	{ AT_CLKTCK, "CLKTCK" }, { AT_PHDR, "PHDR" }, { AT_PHENT, "PHENT" },
	{ AT_PHNUM, "PHNUM" }, { AT_BASE, "BASE" }, { AT_FLAGS, "FLAGS" },
	{ AT_ENTRY, "ENTRY" }, { AT_UID, "UID" }, { AT_EUID, "EUID" },
	{ AT_GID, "GID" }, { AT_EGID, "EGID" }, { AT_SECURE, "SECURE" },
	{ AT_RANDOM, "RANDOM" }, { AT_EXECFN, "EXECFN" },
	{ AT_PLATFORM, "PLATFORM" },
};

static Elf64_auxv_t *auxv;

static int aux_has(unsigned long type, unsigned long *val)
{
	Elf64_auxv_t *a;

	for (a = auxv; a->a_type != AT_NULL; a++)
		if (a->a_type == type) {
			*val = a->a_un.a_val;
			return 1;
		}
	return 0;
}

/* FNV-1a over all strings, to summarise long argument lists. */
static uint32_t hash_strings(char **v, int n, size_t *total)
{
	uint32_t h = 2166136261u;
	int i;

	*total = 0;
	for (i = 0; i < n; i++) {
		const char *s = v[i];

		*total += strlen(s) + 1;
		do {
			h = (h ^ (unsigned char)*s) * 16777619u;
		} while (*s++);
	}
	return h;
}

static void print_strings(const char *what, char **v, int n)
{
	size_t total;
	uint32_t h;
	int i;

	say("%sc: %d\n", what, n);
	if (n <= 8) {
		for (i = 0; i < n; i++)
			say("%s[%d]: \"%s\"\n", what, i, v[i]);
		return;
	}
	h = hash_strings(v, n, &total);
	say("%s[0]: \"%s\"\n", what, v[0]);
	say("%s: %zu bytes, hash %08x\n", what, total, h);
}

/* strings v[0..n) lie back to back in memory; returns the end */
static char *contiguous(char **v, int n, char *start, int *ok)
{
	int i;

	for (i = 0; i < n; i++) {
		if (v[i] != start)
			*ok = 0;
		start = v[i] + strlen(v[i]) + 1;
	}
	return start;
}

static void print_layout(int argc, char **argv, char **envp, int envc)
{
	long *sp = (long *)argv - 1;
	char *execfn = NULL, *rnd = NULL, *plat = NULL;
	unsigned long v;
	int ok = 1;
	char *end;

	check("stack: initial sp 16-byte aligned", ((uintptr_t)sp & 15) == 0);
	check("stack: argc at sp", *sp == argc);
	check("stack: argv[argc] is NULL", argv[argc] == NULL);
	check("stack: envp follows argv", envp == argv + argc + 1);
	check("stack: auxv follows envp", (void *)auxv ==
	      (void *)(envp + envc + 1));
	end = contiguous(argv, argc, argv[0], &ok);
	if (envc)
		end = contiguous(envp, envc, end, &ok);
	check("strings: argv then envp strings back to back", ok);
	if (aux_has(AT_EXECFN, &v))
		execfn = (char *)v;
	if (aux_has(AT_RANDOM, &v))
		rnd = (char *)v;
	if (aux_has(AT_PLATFORM, &v))
		plat = (char *)v;
	check("strings: AT_EXECFN right after them", execfn == end);
	check("strings: AT_RANDOM bytes below argv strings",
	      rnd && rnd + 16 <= argv[0] && rnd > (char *)auxv);
	check("strings: AT_PLATFORM below argv strings",
	      plat && plat < argv[0] && plat > (char *)auxv);
}

static void print_auxv_order(void)
{
	char line[512] = "auxv order:";
	Elf64_auxv_t *a;
	size_t i;
	int n = 0;

	for (a = auxv; a->a_type != AT_NULL; a++, n++)
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (names[i].type == a->a_type) {
				strcat(line, " ");
				strcat(line, names[i].name);
			}
	say("%s\n", line);
	check("auxv: fewer than 64 entries", n < 64);
}

static int has_interp(const Elf64_Phdr *ph, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_INTERP)
			return 1;
	return 0;
}

static void print_program(void)
{
	const char *base = (const char *)&__ehdr_start;
	unsigned long v = 0;
	int interp;

	check("AT_PHDR is our ELF header + e_phoff", aux_has(AT_PHDR, &v) &&
	      v == (unsigned long)(base + __ehdr_start.e_phoff));
	aux_has(AT_PHENT, &v);
	say("AT_PHENT: %lu\n", v);
	check("AT_PHNUM is our e_phnum", aux_has(AT_PHNUM, &v) &&
	      v == __ehdr_start.e_phnum);
	check("AT_ENTRY is _start", aux_has(AT_ENTRY, &v) &&
	      v == (unsigned long)_start);
	interp = has_interp((const Elf64_Phdr *)(base +
			    __ehdr_start.e_phoff), __ehdr_start.e_phnum);
	say("program has PT_INTERP: %s\n", yesno(interp));
	v = 1;
	aux_has(AT_BASE, &v);
	if (interp)
		check("AT_BASE is the interpreter's ELF header", v &&
		      !memcmp((void *)v, ELFMAG, SELFMAG));
	else
		say("AT_BASE: %lu\n", v);
	check("program is position independent",
	      __ehdr_start.e_type == ET_DYN);
}

static void print_values(void)
{
	unsigned long v;
	unsigned char *r;
	int i, nonzero = 0;

	if (aux_has(AT_PAGESZ, &v))
		say("AT_PAGESZ: %lu\n", v);
	if (aux_has(AT_CLKTCK, &v))
		say("AT_CLKTCK: %lu\n", v);
	if (aux_has(AT_FLAGS, &v))
		say("AT_FLAGS: %lu\n", v);
	if (aux_has(AT_SECURE, &v))
		say("AT_SECURE: %lu\n", v);
	check("AT_UID is getuid()", aux_has(AT_UID, &v) && v == getuid());
	check("AT_EUID is geteuid()", aux_has(AT_EUID, &v) &&
	      v == geteuid());
	check("AT_GID is getgid()", aux_has(AT_GID, &v) && v == getgid());
	check("AT_EGID is getegid()", aux_has(AT_EGID, &v) &&
	      v == getegid());
	check("AT_HWCAP present", aux_has(AT_HWCAP, &v));
	if (aux_has(AT_RANDOM, &v)) {
		r = (unsigned char *)v;
		for (i = 0; i < 16; i++)
			nonzero |= r[i];
		check("AT_RANDOM: 16 bytes, not all zero", nonzero);
	}
	if (aux_has(AT_EXECFN, &v))
		say("AT_EXECFN: \"%s\"\n", (char *)v);
	if (aux_has(AT_PLATFORM, &v))
		say("AT_PLATFORM: \"%s\"\n", (char *)v);
}

int main(int argc, char **argv, char **envp)
{
	char **e = envp;
	int envc;

	while (*e)
		e++;
	envc = e - envp;
	auxv = (Elf64_auxv_t *)(e + 1);
	print_strings("arg", argv, argc);
	print_strings("env", envp, envc);
	print_layout(argc, argv, envp, envc);
	print_auxv_order();
	print_program();
	print_values();
	return argc > 1 && !strcmp(argv[1], "exit42") ? 42 : 0;
}
