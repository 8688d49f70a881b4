/*
 * cpu.c - what guests are told about the CPU. Guest code runs on the
 * host's CPU, so AT_HWCAP is the host's CPUID leaf 1 EDX, as Linux
 * reports it. CPUID is an instruction, not a host system call.
 */
#include <umk/kernel.h>
#include <asm/elf.h>

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
