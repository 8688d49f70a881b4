/*
 * binfmts.h - exec: the state of one execve (struct linux_binprm) and
 * the formats it understands: ELF (fs/binfmt_elf.c) and "#!" scripts
 * (fs/binfmt_script.c). fs/exec.c drives it; Documentation/processes.md
 * describes the whole path.
 */
#ifndef UMK_BINFMTS_H
#define UMK_BINFMTS_H

#include <umk/types.h>
#include <uapi/umk/elf.h>

struct file;
struct mm_struct;
struct cred;

#define BINPRM_BUF_SIZE		256
#define MAX_ARG_STRLEN		(32 * 4096)	/* one argv/envp string */
#define MAX_ARG_STRINGS		0x7fffffff
#define ARG_MAX			(32 * 4096)	/* the floor of the limit */
#define BINPRM_MAX_RECURSION	5		/* #! inside #! ... */

struct linux_binprm {
	char buf[BINPRM_BUF_SIZE];	/* the file's first bytes */
	struct file *file;		/* what is being run now */
	struct mm_struct *mm;		/* the new address space */
	unsigned long p;		/* lowest byte of the strings so far */
	unsigned long argmin;		/* p may not go below (E2BIG) */
	unsigned long exec;		/* address of the AT_EXECFN string */
	int argc, envc;
	const char *filename;		/* as passed to execve (comm, EXECFN) */
	const char *interp;		/* path of the file opened last */
	char *interp_buf;		/* #! line interp points into */
	struct cred *cred;		/* the new credentials */
	bool secureexec;		/* AT_SECURE: set-id exec */
	bool point_of_no_return;	/* the old program is gone */
};

/* fs/exec.c, for the formats. */
/* Opens a file to run it: regular, executable, no writers (ETXTBSY). */
struct file *open_exec(const char *name);
/* Undoes open_exec. */
void close_exec(struct file *file);
int kernel_read_exact(struct file *file, void *buf, size_t len, loff_t pos);
/* Puts a kernel string below bprm->p (it becomes the new argv[0]). */
int copy_string_kernel(const char *s, struct linux_binprm *bprm);
/* Drops argv[0] from the stack (a script's name replaces it). */
int remove_arg_zero(struct linux_binprm *bprm);
/* The point of no return: the old program (mm, threads...) goes. */
int begin_new_exec(struct linux_binprm *bprm);
/* The caller's registers now start the new program at ip with sp. */
void start_thread(unsigned long ip, unsigned long sp);

/* fs/binfmt_elf.c. -ENOEXEC: not ELF (try another format). */
int load_elf_binary(struct linux_binprm *bprm);
/* Header checks, also used by tests: 0, -ENOEXEC or -EINVAL. */
int elf_check_ehdr(const Elf64_Ehdr *eh, loff_t file_size);
int elf_check_phdrs(const Elf64_Ehdr *eh, const Elf64_Phdr *ph);

/* fs/binfmt_script.c */
int load_script(struct linux_binprm *bprm);
/*
 * Parses a "#!" line in buf (len bytes as read; modified in place):
 * *name is the interpreter, *arg the optional single argument or NULL.
 * -ENOEXEC if there is no "#!" or no interpreter (or it is cut off).
 */
int parse_shebang(char *buf, size_t len, char **name, char **arg);

/* Kernel-side execve (init); argv/envp are kernel string arrays. */
int kernel_execve(const char *filename, const char *const *argv,
		  const char *const *envp);

#endif
