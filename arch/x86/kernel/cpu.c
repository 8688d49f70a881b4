/*
 * cpu.c - what guests are told about the CPU. Guest code runs on the
 * host's CPU, so AT_HWCAP is the host's CPUID leaf 1 EDX, as Linux
 * reports it, and signal frames hold the host's XSAVE components (XCR0).
 * CPUID and XGETBV are instructions, not host system calls.
 */
#include <umk/kernel.h>
#include <arch/elf.h>

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
