/*
 * uaccess.c - kernel access to guest memory. An address is translated
 * page by page through the mm's page tables; a page that is missing or
 * lacks the needed permission is faulted in as the guest's own access
 * would be (so a write breaks COW, a first touch allocates), and an
 * address no fault can make valid gives -EFAULT. The bytes are then
 * copied through the kernel's mapping of guest RAM. No guest pointer is
 * ever dereferenced as such.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/mman.h>
#include <umk/sched.h>
#include <umk/uaccess.h>
#include "vm_internal.h"

/* A fault may take a second round (e.g. COW after a read fault). */
#define UACCESS_FAULT_TRIES	3

/* The kernel address of guest byte addr for this access, or NULL. */
static void *user_to_kernel(struct mm_struct *mm, unsigned long addr,
			    bool write)
{
	int tries;

	for (tries = 0; tries < UACCESS_FAULT_TRIES; tries++) {
		pte_t *ptep = pte_lookup(mm, addr);

		if (ptep && pte_present(*ptep) && (*ptep & _PAGE_USER) &&
		    (!write || pte_write(*ptep)))
			return (char *)page_address(pte_page(*ptep)) +
			       (addr & ~PAGE_MASK);
		if (handle_mm_fault(mm, addr, write, false))
			return NULL;
	}
	return NULL;
}

static bool range_ok(unsigned long addr, size_t n)
{
	return addr < TASK_SIZE && n <= TASK_SIZE - addr;
}

/* Bytes from addr to the end of its page, at most n. */
static size_t page_chunk(unsigned long addr, size_t n)
{
	return min(n, (size_t)(PAGE_SIZE - (addr & ~PAGE_MASK)));
}

/* Copies n bytes in (write false) or out; buf NULL writes zeroes. */
static int copy_guest(struct mm_struct *mm, unsigned long addr, void *buf,
		      size_t n, bool write)
{
	char *p = buf;

	if (!n)
		return 0;
	if (!mm || !range_ok(addr, n))
		return -EFAULT;
	while (n) {
		size_t chunk = page_chunk(addr, n);
		void *kaddr = user_to_kernel(mm, addr, write);

		if (!kaddr)
			return -EFAULT;
		if (!write)
			memcpy(p, kaddr, chunk);
		else if (p)
			memcpy(kaddr, p, chunk);
		else
			memset(kaddr, 0, chunk);
		if (p)
			p += chunk;
		addr += chunk;
		n -= chunk;
	}
	return 0;
}

int copy_from_user(void *dst, const void __user *src, size_t n)
{
	return copy_guest(current->mm, (unsigned long)src, dst, n, false);
}

int copy_to_user(void __user *dst, const void *src, size_t n)
{
	return copy_guest(current->mm, (unsigned long)dst, (void *)src, n,
			  true);
}

int clear_user(void __user *dst, size_t n)
{
	return copy_guest(current->mm, (unsigned long)dst, NULL, n, true);
}

int access_remote(struct mm_struct *mm, unsigned long addr, void *buf,
		  size_t n, bool write)
{
	return copy_guest(mm, addr, buf, n, write);
}

long strncpy_from_user(char *dst, const char __user *src, size_t n)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)src;
	size_t done = 0;

	if (!mm || (n && addr >= TASK_SIZE))
		return -EFAULT;
	while (done < n) {
		size_t chunk = page_chunk(addr, n - done);
		const char *kaddr, *nul;

		if (addr >= TASK_SIZE)
			return -EFAULT;
		kaddr = user_to_kernel(mm, addr, false);
		if (!kaddr)
			return -EFAULT;
		nul = memchr(kaddr, 0, chunk);
		if (nul) {
			memcpy(dst + done, kaddr, nul - kaddr + 1);
			return done + (nul - kaddr);
		}
		memcpy(dst + done, kaddr, chunk);
		done += chunk;
		addr += chunk;
	}
	return -ENAMETOOLONG;
}

size_t strnlen_user(const char __user *s, size_t n)
{
	struct mm_struct *mm = current->mm;
	unsigned long addr = (unsigned long)s;
	size_t len = 0;

	if (!mm)
		return 0;
	while (len < n) {
		size_t chunk = page_chunk(addr, n - len);
		const char *kaddr, *nul;

		if (addr >= TASK_SIZE)
			return 0;
		kaddr = user_to_kernel(mm, addr, false);
		if (!kaddr)
			return 0;
		nul = memchr(kaddr, 0, chunk);
		if (nul)
			return len + (nul - kaddr) + 1;
		len += chunk;
		addr += chunk;
	}
	return n + 1;
}
