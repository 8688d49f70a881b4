/*
 * arch/elf.h - the x86_64 side of exec: where programs are loaded, what
 * the auxiliary vector says about the CPU, and the builder of the
 * initial stack (argc, argv, envp, auxv) in Linux's exact layout.
 */
#ifndef ASM_X86_ELF_H
#define ASM_X86_ELF_H

#include <umk/types.h>

#define ELF_PLATFORM		"x86_64"
/* Base of a PIE with an interpreter, unrandomised (2/3 of TASK_SIZE). */
#define ELF_ET_DYN_BASE		0x555555554000UL
#define ELF_CLKTCK		100	/* USER_HZ */

/* arch/x86/kernel/cpu.c: CPUID leaf 1 EDX, as Linux's AT_HWCAP. */
unsigned long elf_hwcap(void);
/* Linux's AT_HWCAP2 (only HWCAP2_FSGSBASE). */
unsigned long elf_hwcap2(void);
/* The XSAVE components the host enables (XCR0). */
u64 xfeatures_mask(void);
/* Bytes a signal frame needs (AT_MINSIGSTKSZ). */
unsigned long sigframe_size(void);

/*
 * Access to the memory the stack is built in: the new mm of an exec
 * (access_remote), or a buffer in tests. 0 or -EFAULT.
 */
struct stack_mem {
	int (*read)(struct stack_mem *m, unsigned long addr, void *buf,
		    size_t n);
	int (*write)(struct stack_mem *m, unsigned long addr,
		     const void *buf, size_t n);
};

/* What the tables describe; strings are already on the stack. */
struct elf_stack_params {
	unsigned long p;	/* first byte of argv[0]'s string */
	int argc, envc;		/* strings at p: argv's, then envp's */
	unsigned long execfn;	/* address of the AT_EXECFN string */
	unsigned long phdr, phnum, base, entry;
	u32 uid, euid, gid, egid;
	bool secure;
	unsigned long hwcap, hwcap2, minsigstksz;
	const u8 *random;	/* 16 bytes for AT_RANDOM */
};

/* Where things went. */
struct elf_stack_result {
	unsigned long sp;	/* points at argc; 16-byte aligned */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long platform, random;	/* their strings' addresses */
	unsigned long auxv[2 * 24];	/* the pairs written, AT_NULL last */
	int auxv_words;
};

/*
 * Writes, below prm->p: the platform string, the random bytes, then
 * (16-byte aligned) argc, argv[], NULL, envp[], NULL and the auxiliary
 * vector. 0, -EFAULT, or -E2BIG if a string was not where expected.
 */
int create_elf_tables(struct stack_mem *m, const struct elf_stack_params *prm,
		      struct elf_stack_result *res);

#endif
