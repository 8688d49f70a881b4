/*
 * exec_test.c - KUnit tests of exec's parsers: ELF header and program
 * header checks (which malformed files get ENOEXEC or EINVAL) and the
 * "#!" line (spaces, tabs, arguments, long and cut-off lines).
 */
#include <kunit/test.h>
#include <umk/binfmts.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/kernel.h>

#define NPH	3

struct elf_img {
	Elf64_Ehdr eh;
	Elf64_Phdr ph[NPH];
	loff_t size;
};

/* A sane static executable: text, data+bss, GNU_STACK. */
static void good_elf(struct elf_img *e)
{
	memset(e, 0, sizeof(*e));
	memcpy(e->eh.e_ident, ELFMAG, SELFMAG);
	e->eh.e_ident[EI_CLASS] = ELFCLASS64;
	e->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	e->eh.e_ident[EI_VERSION] = EV_CURRENT;
	e->eh.e_type = ET_EXEC;
	e->eh.e_machine = EM_X86_64;
	e->eh.e_version = EV_CURRENT;
	e->eh.e_entry = 0x401000;
	e->eh.e_phoff = sizeof(Elf64_Ehdr);
	e->eh.e_phentsize = sizeof(Elf64_Phdr);
	e->eh.e_phnum = NPH;
	e->ph[0] = (Elf64_Phdr) { PT_LOAD, PF_R | PF_X, 0, 0x400000, 0x400000,
				  0x2000, 0x2000, 0x1000 };
	e->ph[1] = (Elf64_Phdr) { PT_LOAD, PF_R | PF_W, 0x2e10, 0x403e10,
				  0x403e10, 0x200, 0x1200, 0x1000 };
	e->ph[2] = (Elf64_Phdr) { PT_GNU_STACK, PF_R | PF_W };
	e->size = 0x4000;
}

struct elf_case {
	const char *desc;
	void (*mutate)(struct elf_img *e);
	int err;
};

static void m_none(struct elf_img *e) { }
static void m_magic(struct elf_img *e) { e->eh.e_ident[1] = 'X'; }
static void m_class32(struct elf_img *e) { e->eh.e_ident[EI_CLASS] = 1; }
static void m_bigendian(struct elf_img *e) { e->eh.e_ident[EI_DATA] = 2; }
static void m_machine(struct elf_img *e) { e->eh.e_machine = 3; }
static void m_rel(struct elf_img *e) { e->eh.e_type = ET_REL; }
static void m_core(struct elf_img *e) { e->eh.e_type = ET_CORE; }
static void m_phentsize(struct elf_img *e) { e->eh.e_phentsize = 32; }
static void m_phnum0(struct elf_img *e) { e->eh.e_phnum = 0; }
static void m_phnum_huge(struct elf_img *e) { e->eh.e_phnum = 2000; }
static void m_truncated(struct elf_img *e) { e->size = 0x80; }
static void m_phoff_wrap(struct elf_img *e) { e->eh.e_phoff = ~0ULL - 8; }
static void m_filesz(struct elf_img *e) { e->ph[1].p_filesz = 0x2000; }
static void m_misaligned(struct elf_img *e) { e->ph[1].p_offset = 0x2e00; }
static void m_overlap(struct elf_img *e) { e->ph[1].p_vaddr = 0x401e10; }
static void m_noload(struct elf_img *e)
{
	e->ph[0].p_type = PT_NOTE;
	e->ph[1].p_type = PT_NOTE;
}
static void m_high(struct elf_img *e) { e->ph[1].p_vaddr = 0x7ffffffffe10; }
static void m_wrap(struct elf_img *e) { e->ph[1].p_memsz = ~0ULL - 0x1000; }
static void m_low(struct elf_img *e)
{
	e->ph[0].p_vaddr = 0x1000;	/* below mmap_min_addr */
}
static void m_pie(struct elf_img *e)
{
	e->eh.e_type = ET_DYN;
	e->ph[0].p_vaddr = 0;
	e->ph[1].p_vaddr = 0x3e10;
}
static void m_interp_short(struct elf_img *e)
{
	e->ph[2] = (Elf64_Phdr) { PT_INTERP, PF_R, 0x300, 0, 0, 1, 1, 1 };
}
static void m_interp_ok(struct elf_img *e)
{
	e->ph[2] = (Elf64_Phdr) { PT_INTERP, PF_R, 0x300, 0, 0, 28, 28, 1 };
}

static const struct elf_case elf_cases[] = {
	{ "valid static", m_none, 0 },
	{ "valid PIE", m_pie, 0 },
	{ "valid interp", m_interp_ok, 0 },
	{ "bad magic", m_magic, -ENOEXEC },
	{ "32-bit class", m_class32, -ENOEXEC },
	{ "big endian", m_bigendian, -ENOEXEC },
	{ "i386 machine", m_machine, -ENOEXEC },
	{ "relocatable", m_rel, -ENOEXEC },
	{ "core file", m_core, -ENOEXEC },
	{ "phentsize 32", m_phentsize, -ENOEXEC },
	{ "no phdrs", m_phnum0, -ENOEXEC },
	{ "too many phdrs", m_phnum_huge, -ENOEXEC },
	{ "truncated phdrs", m_truncated, -ENOEXEC },
	{ "phoff wraps", m_phoff_wrap, -ENOEXEC },
	{ "filesz over memsz", m_filesz, -EINVAL },
	{ "offset not congruent", m_misaligned, -EINVAL },
	{ "overlapping segments", m_overlap, -EINVAL },
	{ "no PT_LOAD", m_noload, -ENOEXEC },
	{ "segment above TASK_SIZE", m_high, -EINVAL },
	{ "memsz wraps", m_wrap, -EINVAL },
	{ "segment below mmap_min_addr", m_low, -EINVAL },
	{ "interp of 1 byte", m_interp_short, -ENOEXEC },
};

static void elf_desc(const struct elf_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(elf, elf_cases, elf_desc);

static void exec_test_elf_headers(struct kunit *test)
{
	const struct elf_case *c = test->param_value;
	struct elf_img e;
	int err;

	good_elf(&e);
	c->mutate(&e);
	err = elf_check_ehdr(&e.eh, e.size);
	if (!err)
		err = elf_check_phdrs(&e.eh, e.ph);
	KUNIT_EXPECT_EQ(test, err, c->err);
}

struct shebang_case {
	const char *desc;
	const char *line;	/* the file's first bytes */
	int err;
	const char *name, *arg;
};

static const struct shebang_case shebang_cases[] = {
	{ "plain", "#!/bin/sh\necho hi\n", 0, "/bin/sh", NULL },
	{ "one argument", "#!/bin/sh -x\n", 0, "/bin/sh", "-x" },
	{ "spaces everywhere", "#!  /bin/sh   -e  -x  \n", 0, "/bin/sh",
	  "-e  -x" },
	{ "tabs", "#!\t/usr/bin/env\tpython3\t\n", 0, "/usr/bin/env",
	  "python3" },
	{ "no newline at end of file", "#!/bin/busybox sh", 0,
	  "/bin/busybox", "sh" },
	{ "CR is part of the argument", "#!/bin/sh -x\r\n", 0, "/bin/sh",
	  "-x\r" },
	{ "empty", "#!\n", -ENOEXEC, NULL, NULL },
	{ "only spaces", "#!   \t \n", -ENOEXEC, NULL, NULL },
	{ "not a script", "# /bin/sh\n", -ENOEXEC, NULL, NULL },
	{ "ELF", "\177ELF", -ENOEXEC, NULL, NULL },
};

static void shebang_desc(const struct shebang_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s", c->desc);
}

KUNIT_ARRAY_PARAM(shebang, shebang_cases, shebang_desc);

static void exec_test_shebang(struct kunit *test)
{
	const struct shebang_case *c = test->param_value;
	char buf[BINPRM_BUF_SIZE] = { 0 };
	char *name = NULL, *arg = NULL;
	int err;

	memcpy(buf, c->line, min(strlen(c->line), sizeof(buf)));
	err = parse_shebang(buf, sizeof(buf), &name, &arg);
	KUNIT_ASSERT_EQ(test, err, c->err);
	if (err)
		return;
	KUNIT_EXPECT_STREQ(test, name, c->name);
	if (c->arg)
		KUNIT_EXPECT_STREQ(test, arg ? arg : "(null)", c->arg);
	else
		KUNIT_EXPECT_NULL(test, arg);
}

/* Longer than what exec reads: the argument is cut, the name is not. */
static void exec_test_shebang_long(struct kunit *test)
{
	char buf[BINPRM_BUF_SIZE];
	char *name, *arg;

	memset(buf, 'a', sizeof(buf));
	memcpy(buf, "#!/bin/sh ", 10);
	KUNIT_ASSERT_EQ(test, parse_shebang(buf, sizeof(buf), &name, &arg), 0);
	KUNIT_EXPECT_STREQ(test, name, "/bin/sh");
	KUNIT_ASSERT_NOT_NULL(test, arg);
	KUNIT_EXPECT_EQ(test, strlen(arg), sizeof(buf) - 11);

	/* A name that fills the buffer may be cut off: refused. */
	memset(buf, 'b', sizeof(buf));
	memcpy(buf, "#!/", 3);
	KUNIT_EXPECT_EQ(test, parse_shebang(buf, sizeof(buf), &name, &arg),
			-ENOEXEC);
	memcpy(buf, "#!   ", 5);
	KUNIT_EXPECT_EQ(test, parse_shebang(buf, sizeof(buf), &name, &arg),
			-ENOEXEC);
}

static struct kunit_case exec_test_cases[] = {
	KUNIT_CASE_PARAM(exec_test_elf_headers, elf_gen_params),
	KUNIT_CASE_PARAM(exec_test_shebang, shebang_gen_params),
	KUNIT_CASE(exec_test_shebang_long),
	{}
};

static struct kunit_suite exec_test_suite = {
	.name = "exec",
	.test_cases = exec_test_cases,
};
kunit_test_suite(exec_test_suite);
