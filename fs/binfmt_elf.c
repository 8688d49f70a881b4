/*
 * binfmt_elf.c - loading x86_64 ELF programs: static (ET_EXEC), static
 * PIE and dynamic (ET_DYN, loaded at ELF_ET_DYN_BASE), with a PT_INTERP
 * interpreter read from the guest's filesystem and placed at the mmap
 * base. Headers are checked before the point of no return; segments are
 * mapped from the file (private), the bss tail of a page zeroed and
 * further bss mapped anonymous, and brk starts after the highest
 * segment. Then the initial stack (arch/x86/kernel/elf_stack.c).
 */
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/string.h>
#include <umk/binfmts.h>
#include <umk/cred.h>
#include <umk/signal.h>
#include <umk/slab.h>
#include <umk/mman.h>
#include <umk/fs.h>
#include <umk/random.h>
#include <umk/uaccess.h>
#include <arch/elf.h>

/* One ELF file: its headers and where it went. */
struct elf_file {
	struct file *file;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	unsigned long bias;		/* load address - link address */
};

int elf_check_ehdr(const Elf64_Ehdr *eh, loff_t file_size)
{
	u64 ph_end;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum < 1 ||
	    eh->e_phnum > 65536 / sizeof(Elf64_Phdr))
		return -ENOEXEC;
	ph_end = eh->e_phoff + (u64)eh->e_phnum * sizeof(Elf64_Phdr);
	if (ph_end < eh->e_phoff || ph_end > (u64)file_size)
		return -ENOEXEC;	/* program headers cut off */
	return 0;
}

static bool segments_overlap(const Elf64_Phdr *a, const Elf64_Phdr *b)
{
	return a->p_memsz && b->p_memsz &&
	       a->p_vaddr < b->p_vaddr + b->p_memsz &&
	       b->p_vaddr < a->p_vaddr + a->p_memsz;
}

static int check_load_segment(const Elf64_Ehdr *eh, const Elf64_Phdr *p)
{
	if (p->p_filesz > p->p_memsz)
		return -EINVAL;
	if ((p->p_vaddr - p->p_offset) % PAGE_SIZE)
		return -EINVAL;		/* cannot be mapped from the file */
	if (p->p_vaddr + p->p_memsz < p->p_vaddr ||
	    p->p_vaddr + p->p_memsz > TASK_SIZE)
		return -EINVAL;
	if (eh->e_type == ET_EXEC && p->p_vaddr < MMAP_MIN_ADDR)
		return -EINVAL;
	return 0;
}

int elf_check_phdrs(const Elf64_Ehdr *eh, const Elf64_Phdr *ph)
{
	int i, j, loads = 0, err;

	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_INTERP &&
		    (ph[i].p_filesz < 2 || ph[i].p_filesz > PATH_MAX))
			return -ENOEXEC;
		if (ph[i].p_type != PT_LOAD)
			continue;
		loads++;
		err = check_load_segment(eh, &ph[i]);
		if (err)
			return err;
		for (j = 0; j < i; j++) {
			if (ph[j].p_type == PT_LOAD &&
			    segments_overlap(&ph[i], &ph[j]))
				return -EINVAL;
		}
	}
	return loads ? 0 : -ENOEXEC;
}

/* Reads and checks the headers; hdr holds the file's first bytes. */
static int elf_read_headers(struct elf_file *ef, const void *hdr)
{
	size_t size;
	int err;

	memcpy(&ef->eh, hdr, sizeof(ef->eh));
	err = elf_check_ehdr(&ef->eh, file_inode(ef->file)->i_size);
	if (err)
		return err;
	size = ef->eh.e_phnum * sizeof(Elf64_Phdr);
	ef->ph = kmalloc(size, GFP_KERNEL);
	if (!ef->ph)
		return -ENOMEM;
	err = kernel_read_exact(ef->file, ef->ph, size, ef->eh.e_phoff);
	if (err)
		return err;
	return elf_check_phdrs(&ef->eh, ef->ph);
}

static const Elf64_Phdr *find_phdr(const struct elf_file *ef, u32 type)
{
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		if (ef->ph[i].p_type == type)
			return &ef->ph[i];
	}
	return NULL;
}

/* Opens PT_INTERP's file and checks it is an x86_64 ELF (ELIBBAD). */
static int elf_open_interp(const struct elf_file *main, struct elf_file *in)
{
	const Elf64_Phdr *p = find_phdr(main, PT_INTERP);
	char *path, hdr[sizeof(Elf64_Ehdr)];
	int err;

	if (!p)
		return 0;
	path = kmalloc(p->p_filesz, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	err = kernel_read_exact(main->file, path, p->p_filesz, p->p_offset);
	if (!err && path[p->p_filesz - 1])
		err = -ENOEXEC;		/* not NUL-terminated */
	if (!err) {
		in->file = open_exec(path);
		if (IS_ERR(in->file)) {
			err = PTR_ERR(in->file);
			in->file = NULL;
		}
	}
	kfree(path);
	if (!err)
		err = kernel_read_exact(in->file, hdr, sizeof(hdr), 0);
	if (!err)
		err = elf_read_headers(in, hdr);
	if (err == -ENOEXEC || err == -EINVAL)
		err = -ELIBBAD;
	return err;
}

static unsigned long lowest_vaddr(const struct elf_file *ef)
{
	unsigned long lo = ~0UL;
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		if (ef->ph[i].p_type == PT_LOAD)
			lo = min(lo, (unsigned long)ef->ph[i].p_vaddr);
	}
	return lo & PAGE_MASK;
}

static unsigned long highest_end(const struct elf_file *ef)
{
	unsigned long hi = 0;
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		if (ef->ph[i].p_type == PT_LOAD)
			hi = max(hi, (unsigned long)(ef->ph[i].p_vaddr +
						     ef->ph[i].p_memsz));
	}
	return hi;
}

/* The largest power-of-two p_align above a page, for PIE placement. */
static unsigned long max_alignment(const struct elf_file *ef)
{
	unsigned long align = PAGE_SIZE;
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		u64 a = ef->ph[i].p_align;

		if (ef->ph[i].p_type == PT_LOAD && is_power_of_2(a) &&
		    a > align && a <= (1UL << 30))
			align = a;
	}
	return align;
}

static int elf_prot(u32 flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) |
	       ((flags & PF_W) ? PROT_WRITE : 0) |
	       ((flags & PF_X) ? PROT_EXEC : 0);
}

static bool page_is_mapped(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	mutex_lock(&mm->mmap_lock);
	vma = find_vma(mm, addr);
	mutex_unlock(&mm->mmap_lock);
	return vma && vma->vm_start <= addr;
}

/*
 * bss: the rest of the segment's last file page is zeroed (it holds
 * whatever followed in the file); whole pages beyond are anonymous.
 */
static int map_bss(struct mm_struct *mm, const Elf64_Phdr *p,
		   unsigned long start)
{
	unsigned long file_end = start + p->p_filesz;
	unsigned long end = PAGE_ALIGN(start + p->p_memsz);
	unsigned long anon = PAGE_ALIGN(file_end);
	int err;

	if (file_end & ~PAGE_MASK) {
		if (p->p_filesz || page_is_mapped(mm, file_end & PAGE_MASK)) {
			err = clear_user((void __user *)file_end,
					 anon - file_end);
			if (err && (p->p_flags & PF_W))
				return err;
		} else {
			anon = file_end & PAGE_MASK;
		}
	}
	if (end > anon)
		return vm_brk(mm, anon, end - anon);
	return 0;
}

static int map_segment(struct elf_file *ef, const Elf64_Phdr *p)
{
	struct mm_struct *mm = current->mm;
	unsigned long start = ef->bias + p->p_vaddr;
	unsigned long map_start = start & PAGE_MASK;
	unsigned long map_end = PAGE_ALIGN(start + p->p_filesz);
	unsigned long addr;

	if (p->p_filesz) {
		addr = vm_mmap(mm, map_start, map_end - map_start,
			       elf_prot(p->p_flags), MAP_PRIVATE | MAP_FIXED,
			       ef->file, p->p_offset - (start - map_start));
		if (IS_ERR_VALUE(addr))
			return (long)addr;
	}
	if (p->p_memsz > p->p_filesz)
		return map_bss(mm, p, start);
	return 0;
}

static int map_segments(struct elf_file *ef)
{
	int i, err;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		if (ef->ph[i].p_type != PT_LOAD)
			continue;
		err = map_segment(ef, &ef->ph[i]);
		if (err)
			return err;
	}
	return 0;
}

/*
 * The interpreter goes wherever mmap puts a range of its size: the span
 * is reserved (PROT_NONE), then its segments are mapped over it.
 */
static int map_interp(struct elf_file *in)
{
	unsigned long lo = lowest_vaddr(in), span, base;

	if (in->eh.e_type == ET_DYN) {
		span = PAGE_ALIGN(highest_end(in)) - lo;
		base = vm_mmap(current->mm, 0, span, PROT_NONE,
			       MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
		if (IS_ERR_VALUE(base))
			return (long)base;
		in->bias = base - lo;
	}
	return map_segments(in);
}

/* AT_PHDR: the program headers as mapped, found through a PT_LOAD. */
static unsigned long phdr_address(const struct elf_file *ef)
{
	u64 off = ef->eh.e_phoff;
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ef->ph[i];

		if (p->p_type == PT_LOAD && p->p_offset <= off &&
		    off < p->p_offset + p->p_filesz)
			return ef->bias + p->p_vaddr + (off - p->p_offset);
	}
	return 0;
}

static void set_mm_layout(struct mm_struct *mm, const struct elf_file *ef)
{
	unsigned long lo = ~0UL, end_code = 0, end_data = 0, start_data = 0;
	int i;

	for (i = 0; i < ef->eh.e_phnum; i++) {
		const Elf64_Phdr *p = &ef->ph[i];
		unsigned long v = ef->bias + p->p_vaddr;

		if (p->p_type != PT_LOAD)
			continue;
		lo = min(lo, v);
		if (p->p_flags & PF_X)
			end_code = max(end_code, v + (unsigned long)p->p_filesz);
		else
			start_data = start_data ? min(start_data, v) : v;
		end_data = max(end_data, v + (unsigned long)p->p_filesz);
	}
	mm->start_code = lo;
	mm->end_code = end_code;
	mm->start_data = start_data;
	mm->end_data = end_data;
	mm->start_brk = mm->brk = PAGE_ALIGN(ef->bias + highest_end(ef));
}

/* The stack builder writes into the new mm through access_remote. */
struct mm_stack_mem {
	struct stack_mem m;
	struct mm_struct *mm;
};

static int mm_stack_read(struct stack_mem *m, unsigned long addr, void *buf,
			 size_t n)
{
	struct mm_stack_mem *s = container_of(m, struct mm_stack_mem, m);

	return access_remote(s->mm, addr, buf, n, false);
}

static int mm_stack_write(struct stack_mem *m, unsigned long addr,
			  const void *buf, size_t n)
{
	struct mm_stack_mem *s = container_of(m, struct mm_stack_mem, m);

	return access_remote(s->mm, addr, (void *)buf, n, true);
}

static int elf_setup_stack(struct linux_binprm *bprm,
			   const struct elf_file *ef,
			   const struct elf_file *in)
{
	struct mm_struct *mm = current->mm;
	struct mm_stack_mem sm = {
		{ mm_stack_read, mm_stack_write }, mm
	};
	const struct cred *c = current_cred();
	struct elf_stack_result *res;
	u8 rnd[16];
	int err;
	struct elf_stack_params prm = {
		.p = bprm->p, .argc = bprm->argc, .envc = bprm->envc,
		.execfn = bprm->exec, .phdr = phdr_address(ef),
		.phnum = ef->eh.e_phnum, .base = in->file ? in->bias : 0,
		.entry = ef->bias + ef->eh.e_entry,
		.uid = c->uid, .euid = c->euid, .gid = c->gid, .egid = c->egid,
		.secure = bprm->secureexec, .hwcap = elf_hwcap(),
		.hwcap2 = elf_hwcap2(),
		.minsigstksz = sigframe_size(), .random = rnd,
	};

	res = kmalloc(sizeof(*res), GFP_KERNEL);
	if (!res)
		return -ENOMEM;
	get_random_bytes(rnd, sizeof(rnd));
	err = create_elf_tables(&sm.m, &prm, res);
	if (!err) {
		mm->start_stack = res->sp;
		mm->arg_start = res->arg_start;
		mm->arg_end = res->arg_end;
		mm->env_start = res->env_start;
		mm->env_end = res->env_end;
		memset(mm->saved_auxv, 0, sizeof(mm->saved_auxv));
		memcpy(mm->saved_auxv, res->auxv,
		       min(sizeof(mm->saved_auxv),
			   res->auxv_words * sizeof(res->auxv[0])));
	}
	kfree(res);
	return err;
}

int load_elf_binary(struct linux_binprm *bprm)
{
	struct elf_file ef = { .file = bprm->file }, in = { 0 };
	unsigned long entry;
	int err;

	if (memcmp(bprm->buf, ELFMAG, SELFMAG))
		return -ENOEXEC;
	err = elf_read_headers(&ef, bprm->buf);
	if (!err)
		err = elf_open_interp(&ef, &in);
	if (!err)
		err = begin_new_exec(bprm);
	if (err)
		goto out;
	/* From here on, failing kills the process (fs/exec.c). */
	if (ef.eh.e_type == ET_DYN)
		ef.bias = ALIGN_DOWN(ELF_ET_DYN_BASE, max_alignment(&ef)) -
			  lowest_vaddr(&ef);
	err = map_segments(&ef);
	if (err)
		goto out;
	set_mm_layout(current->mm, &ef);
	entry = ef.bias + ef.eh.e_entry;
	if (in.file) {
		err = map_interp(&in);
		entry = in.bias + in.eh.e_entry;
	}
	if (!err)
		err = elf_setup_stack(bprm, &ef, &in);
	if (!err)
		start_thread(entry, current->mm->start_stack);
out:
	kfree(ef.ph);
	kfree(in.ph);
	if (in.file)
		close_exec(in.file);
	return err;
}
