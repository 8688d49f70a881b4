/*
 * elf_stack.c - the initial stack of a new program, laid out as Linux
 * lays it out on x86_64. From the top down: an 8-byte zero, the
 * AT_EXECFN string, the envp and argv strings (put there by exec), then
 * this file's part: the platform string "x86_64", 16 random bytes, and
 * at a 16-byte aligned sp: argc, argv[], NULL, envp[], NULL, auxv pairs
 * ending with AT_NULL.
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/mm.h>
#include <uapi/umk/auxvec.h>
#include <arch/elf.h>

#define PTR_BATCH	64

/* Pointer array writer: batches words before writing them out. */
struct ptr_writer {
	struct stack_mem *m;
	unsigned long addr;		/* where buf[0] goes */
	unsigned long buf[PTR_BATCH];
	int n;
};

static int pw_flush(struct ptr_writer *w)
{
	int err;

	if (!w->n)
		return 0;
	err = w->m->write(w->m, w->addr, w->buf, w->n * sizeof(w->buf[0]));
	w->addr += w->n * sizeof(w->buf[0]);
	w->n = 0;
	return err;
}

static int pw_put(struct ptr_writer *w, unsigned long v)
{
	w->buf[w->n++] = v;
	return w->n == PTR_BATCH ? pw_flush(w) : 0;
}

/*
 * Writes a pointer to each of count strings starting at *pos, then NULL;
 * *pos ends past the last string. The strings must end below limit.
 */
static int put_string_ptrs(struct ptr_writer *w, unsigned long *pos,
			   unsigned long limit, int count)
{
	char buf[256];
	unsigned long p = *pos;
	size_t i, n;
	int err;

	while (count-- > 0) {
		err = pw_put(w, p);
		if (err)
			return err;
		for (;;) {	/* skip past this string's NUL */
			if (p >= limit)
				return -E2BIG;
			n = min(sizeof(buf), limit - p);
			err = w->m->read(w->m, p, buf, n);
			if (err)
				return err;
			for (i = 0; i < n && buf[i]; i++)
				;
			p += i;
			if (i < n) {
				p++;
				break;
			}
		}
	}
	*pos = p;
	return pw_put(w, 0);
}

static int fill_auxv(unsigned long *v, const struct elf_stack_params *prm,
		     const struct elf_stack_result *res)
{
	int i = 0;

#define AUX(type, val) do { v[i++] = (type); v[i++] = (val); } while (0)
	AUX(AT_MINSIGSTKSZ, prm->minsigstksz);
	AUX(AT_HWCAP, prm->hwcap);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, ELF_CLKTCK);
	AUX(AT_PHDR, prm->phdr);
	AUX(AT_PHENT, 56);	/* sizeof(Elf64_Phdr) */
	AUX(AT_PHNUM, prm->phnum);
	AUX(AT_BASE, prm->base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, prm->entry);
	AUX(AT_UID, prm->uid);
	AUX(AT_EUID, prm->euid);
	AUX(AT_GID, prm->gid);
	AUX(AT_EGID, prm->egid);
	AUX(AT_SECURE, prm->secure);
	AUX(AT_RANDOM, res->random);
	AUX(AT_HWCAP2, prm->hwcap2);
	AUX(AT_EXECFN, prm->execfn);
	AUX(AT_PLATFORM, res->platform);
	AUX(AT_NULL, 0);
#undef AUX
	return i;
}

int create_elf_tables(struct stack_mem *m, const struct elf_stack_params *prm,
		      struct elf_stack_result *res)
{
	static const char platform[] = ELF_PLATFORM;
	unsigned long p = prm->p & ~15UL, words, pos;
	struct ptr_writer w = { .m = m };
	int err;

	p -= sizeof(platform);
	res->platform = p;
	err = m->write(m, p, platform, sizeof(platform));
	if (err)
		return err;
	p -= 16;
	res->random = p;
	err = m->write(m, p, prm->random, 16);
	if (err)
		return err;

	res->auxv_words = fill_auxv(res->auxv, prm, res);
	words = 1 + (prm->argc + 1) + (prm->envc + 1) + res->auxv_words;
	res->sp = (p - words * sizeof(unsigned long)) & ~15UL;

	w.addr = res->sp;
	err = pw_put(&w, prm->argc);
	pos = prm->p;
	res->arg_start = pos;
	if (!err)
		err = put_string_ptrs(&w, &pos, prm->execfn, prm->argc);
	res->arg_end = res->env_start = pos;
	if (!err)
		err = put_string_ptrs(&w, &pos, prm->execfn, prm->envc);
	res->env_end = pos;
	if (!err)
		err = pw_flush(&w);
	if (err)
		return err;
	return m->write(m, w.addr, res->auxv,
			res->auxv_words * sizeof(unsigned long));
}
