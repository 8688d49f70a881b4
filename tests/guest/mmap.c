/*
 * mmap.c - anonymous memory: mmap/munmap/mprotect/mremap/madvise, brk and
 * stack growth, and what touching memory that is gone or protected does
 * (the child doing it dies of SIGSEGV). File mappings are in mmapfile.c.
 */
#include "guest.h"
#include <sys/mman.h>

#define PG 4096UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)

static volatile unsigned char *target;

static int do_read(void *arg)
{
	return target[0] & 0;
}

static int do_write(void *arg)
{
	target[0] = 1;
	return 0;
}

/* touch ADDR in a child: "ok" or how the child died */
static void touch(const char *what, void *addr, int write)
{
	int st;

	target = addr;
	st = run_child(write ? do_write : do_read, NULL);
	say("%s %s: %s\n", write ? "write" : "read", what,
	    st == 0 ? "ok" : wstatus(st));
}

static void *map(size_t len)
{
	return mmap(NULL, len, RW, ANON, -1, 0);
}

static void anonymous(void)
{
	unsigned char *p = map(3 * PG), *q;
	void *hint = (void *)0x200000000UL;
	size_t i;
	int zero = 1;

	for (i = 0; i < 3 * PG; i++)
		zero &= p[i] == 0;
	check("new anonymous memory reads as zero", zero);
	memset(p, 0x5a, 3 * PG);
	touch("mapped page", p + PG, 0);
	q = mmap(p + PG, PG, RW, ANON | MAP_FIXED, -1, 0);
	check("MAP_FIXED over a mapping gives fresh zero page",
	      q == p + PG && q[0] == 0 && p[0] == 0x5a && p[2 * PG] == 0x5a);
	say("MAP_FIXED_NOREPLACE over a mapping: %s\n", result((long)mmap(
	    p, PG, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0)));
	q = mmap(hint, PG, RW, ANON, -1, 0);
	check("a free hint address is used", q == hint);
	munmap(q, PG);
	say("mmap length 0: %s\n", result((long)mmap(NULL, 0, RW, ANON, -1,
						      0)));
	say("mmap MAP_FIXED unaligned: %s\n", result((long)mmap(p + 1, PG,
	    RW, ANON | MAP_FIXED, -1, 0)));
	say("mmap neither shared nor private: %s\n", result((long)mmap(NULL,
	    PG, RW, MAP_ANONYMOUS, -1, 0)));
	say("mmap file with a bad fd: %s\n", result((long)mmap(NULL, PG, RW,
	    MAP_PRIVATE, 99, 0)));
	say("mmap 2^62 bytes: %s\n", result((long)mmap(NULL, 1UL << 62, RW,
	    ANON, -1, 0)));
	munmap(p, 3 * PG);
}

static void unmapping(void)
{
	unsigned char *p = map(3 * PG);

	memset(p, 0x5a, 3 * PG);
	say("munmap the middle page: %s\n", result(munmap(p + PG, PG)));
	touch("first page", p, 0);
	touch("unmapped middle page", p + PG, 0);
	touch("last page", p + 2 * PG, 0);
	say("munmap unaligned: %s\n", result(munmap(p + 1, PG)));
	say("munmap length 0: %s\n", result(munmap(p, 0)));
	say("munmap a hole: %s\n", result(munmap(p + PG, PG)));
	munmap(p, 3 * PG);
	touch("after munmap of all", p, 0);
	touch("NULL", NULL, 0);
}

static void protection(void)
{
	unsigned char *p = map(2 * PG);
	int (*fn)(void);

	memset(p, 0x5a, 2 * PG);
	say("mprotect PROT_READ: %s\n", result(mprotect(p, PG, PROT_READ)));
	touch("read-only page", p, 0);
	touch("read-only page", p, 1);
	touch("next page, still read-write", p + PG, 1);
	say("mprotect PROT_NONE: %s\n", result(mprotect(p, PG, PROT_NONE)));
	touch("PROT_NONE page", p, 0);
	say("mprotect back to read-write: %s\n", result(mprotect(p, PG, RW)));
	touch("page made writable again", p, 1);
	check("contents survived the protection changes", p[0] == 0x5a);
	say("mprotect unaligned: %s\n", result(mprotect(p + 1, PG, RW)));
	p[0] = 0xb8;		/* mov $42, %eax; ret */
	p[1] = 42;
	p[2] = p[3] = p[4] = 0;
	p[5] = 0xc3;
	say("mprotect read+exec: %s\n",
	    result(mprotect(p, PG, PROT_READ | PROT_EXEC)));
	fn = (int (*)(void))p;
	say("code in the page returns %d\n", fn());
	munmap(p, 2 * PG);
	say("mprotect an unmapped range: %s\n", result(mprotect(p, PG, RW)));
}

static void remapping(void)
{
	unsigned char *p = map(12 * PG), *q, *r;

	memset(p, 0x5a, 2 * PG);
	munmap(p + 2 * PG, 2 * PG);
	q = mremap(p, 2 * PG, 4 * PG, 0);
	check("mremap grows in place into free space", q == p);
	touch("grown part", p + 3 * PG, 0);
	check("grown part reads zero", p[3 * PG] == 0);
	say("mremap grow into a mapping without MREMAP_MAYMOVE: %s\n",
	    result((long)mremap(p, 4 * PG, 8 * PG, 0)));
	r = mremap(p, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
	check("MREMAP_MAYMOVE moved it", r != MAP_FAILED && r != p);
	check("contents moved along", r[0] == 0x5a && r[2 * PG - 1] == 0x5a &&
	      r[2 * PG] == 0 && r[7 * PG] == 0);
	touch("old address after the move", p, 0);
	check("mremap shrinks in place", mremap(r, 8 * PG, PG, 0) == r);
	touch("part cut off by shrinking", r + PG, 0);
	q = mremap(r, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, p);
	check("MREMAP_FIXED moves to the given address", q == p &&
	      p[0] == 0x5a);
	touch("old address after MREMAP_FIXED", r, 0);
	say("mremap unaligned: %s\n", result((long)mremap(p + 1, PG, PG, 0)));
	say("mremap MREMAP_FIXED without MAYMOVE: %s\n", result((long)mremap(
	    p, PG, PG, MREMAP_FIXED, r)));
	say("mremap an unmapped range: %s\n", result((long)mremap(r, PG,
	    2 * PG, MREMAP_MAYMOVE)));
	munmap(p, 12 * PG);
}

static void advice(void)
{
	unsigned char *p = map(2 * PG);
	unsigned char *s = mmap(NULL, PG, RW, MAP_SHARED | MAP_ANONYMOUS,
				-1, 0);

	memset(p, 0x5a, 2 * PG);
	memset(s, 0x5a, PG);
	say("MADV_DONTNEED: %s\n", result(madvise(p, PG, MADV_DONTNEED)));
	check("private page reads zero afterwards",
	      p[0] == 0 && p[PG - 1] == 0);
	check("the page after it kept its data", p[PG] == 0x5a);
	madvise(s, PG, MADV_DONTNEED);
	check("shared page keeps its data", s[0] == 0x5a);
	say("MADV_WILLNEED: %s\n", result(madvise(p, PG, MADV_WILLNEED)));
	say("madvise unaligned: %s\n", result(madvise(p + 1, PG,
						      MADV_DONTNEED)));
	say("madvise bad advice: %s\n", result(madvise(p, PG, 12345)));
	munmap(p, 2 * PG);
	munmap(s, PG);
}

static void program_break(void)
{
	unsigned long start = syscall(SYS_brk, 0), cur;
	unsigned char *b = (unsigned char *)start;
	size_t i;
	int zero = 1;

	cur = syscall(SYS_brk, start + (1 << 20));
	check("brk grows by 1 MiB", cur == start + (1 << 20));
	for (i = 0; i < (1 << 20); i++)
		zero &= b[i] == 0;
	check("new break area reads zero", zero);
	memset(b, 0x5a, 1 << 20);
	touch("inside the break area", b + (1 << 19), 0);
	cur = syscall(SYS_brk, start + PG);
	check("brk shrinks", cur == start + PG);
	touch("above the shrunk break", b + (1 << 19), 0);
	cur = syscall(SYS_brk, start + (1 << 20));
	check("regrown break area reads zero", b[1 << 19] == 0);
	check("brk below the start is refused", syscall(SYS_brk, start -
	      (1 << 24)) == (long)cur);
	syscall(SYS_brk, start);
}

static int __attribute__((noinline)) recurse(int n)
{
	volatile char buf[16384];

	buf[0] = (char)n;
	if (n == 0)
		return buf[0];
	return recurse(n - 1) + buf[0];
}

static int grow_stack(void *arg)
{
	struct rlimit rl = { (rlim_t)(long)arg, (rlim_t)(long)arg };

	no_core();
	if (setrlimit(RLIMIT_STACK, &rl) < 0)
		return 2;
	recurse(256);	/* 4 MiB of frames */
	return 0;
}

static void stack(void)
{
	say("4 MiB of stack with RLIMIT_STACK 8 MiB: %s\n",
	    wstatus(run_child(grow_stack, (void *)(8L << 20))));
	say("4 MiB of stack with RLIMIT_STACK 1 MiB: %s\n",
	    wstatus(run_child(grow_stack, (void *)(1L << 20))));
}

int main(void)
{
	no_core();
	anonymous();
	unmapping();
	protection();
	remapping();
	advice();
	program_break();
	stack();
	say("done\n");
	return 0;
}
