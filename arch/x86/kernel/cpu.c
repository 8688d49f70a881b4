/*
 * cpu.c - what guests are told about the CPU. Guest code runs on the
 * host's CPU, so AT_HWCAP is the host's CPUID leaf 1 EDX, as Linux
 * reports it; AT_HWCAP2 says whether wr{fs,gs}base work (both trap
 * modes read the bases back at every trap); and signal frames hold
 * the host's XSAVE components (XCR0).
 * CPUID and XGETBV are instructions, not host system calls.
 */
#include <umk/kernel.h>
#include <arch/elf.h>
#include <os.h>

#define HWCAP2_FSGSBASE	(1 << 1)

unsigned long elf_hwcap(void)
{
	static unsigned long hwcap;
	u32 eax = 1, ebx, ecx = 0, edx;

	if (!hwcap) {
		__asm__ volatile("cpuid"
				 : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
		hwcap = edx;
	}
	return hwcap;
}

/* Linux's AT_HWCAP2: FSGSBASE when the host lets user code use it. */
unsigned long elf_hwcap2(void)
{
	return os_has_fsgsbase() ? HWCAP2_FSGSBASE : 0;
}

/* Only called when the FPU state is in XSAVE format (XSAVE is on). */
u64 xfeatures_mask(void)
{
	static u64 mask;
	u32 lo, hi;

	if (!mask) {
		__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
		mask = ((u64)hi << 32) | lo;
	}
	return mask;
}
