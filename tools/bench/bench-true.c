/*
 * bench-true.c - exits 0 at once: what fork_exec_wait (bench-proc.c)
 * executes. Static and small, so that the figure is the cost of exec
 * itself (loading an ELF file, building a fresh address space).
 */
int main(void)
{
	return 0;
}
