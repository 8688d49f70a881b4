/*
 * bench-boot.c - the init of the host-side boot and memory figures
 * (tools/bench/run.py). Its first action is to write "BENCH-BOOT" to stdout:
 * the host times the boot from spawning the kernel to reading that line.
 * Then, as pid 1, it powers the machine off (sync + reboot), which the
 * host times to the kernel's exit; with the argument "idle" it sleeps
 * for ever instead, so that the host can measure an idle guest's memory.
 * A "mode" variable in its environment means that the kernel did not
 * take mode= from its command line as its own: it says so, and
 * tools/bench/run.py treats that trap mode as not supported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	static const char mark[] = "BENCH-BOOT\n";

	if (write(1, mark, sizeof(mark) - 1) < 0)
		return 1;
	if (getenv("mode"))
		printf("BENCH-INFO unparsed mode=%s\n", getenv("mode"));
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "idle") == 0)
		for (;;)
			pause();
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
