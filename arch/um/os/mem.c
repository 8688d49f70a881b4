/*
 * mem.c - host memory for guest RAM: the memfd that holds it, shared
 * mappings of that file, protection changes and the host page size.
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>
#include <os.h>

int os_memfd_create(const char *name, uint64_t size)
{
	int fd, err;

	fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	return fd;
}

static int host_prot(int prot)
{
	int p = PROT_NONE;

	if (prot & OS_PROT_READ)
		p |= PROT_READ;
	if (prot & OS_PROT_WRITE)
		p |= PROT_WRITE;
	if (prot & OS_PROT_EXEC)
		p |= PROT_EXEC;
	return p;
}

void *os_map_shared(int fd, uint64_t size, int prot, int *err)
{
	void *addr;

	addr = mmap(NULL, size, host_prot(prot), MAP_SHARED, fd, 0);
	if (addr == MAP_FAILED) {
		*err = -errno;
		return NULL;
	}
	*err = 0;
	return addr;
}

int os_unmap(void *addr, uint64_t size)
{
	return munmap(addr, size) < 0 ? -errno : 0;
}

int os_protect(void *addr, uint64_t size, int prot)
{
	return mprotect(addr, size, host_prot(prot)) < 0 ? -errno : 0;
}

unsigned long os_page_size(void)
{
	return (unsigned long)sysconf(_SC_PAGESIZE);
}
