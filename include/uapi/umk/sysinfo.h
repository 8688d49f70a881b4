/* uapi/umk/sysinfo.h - struct sysinfo, what sysinfo(2) fills in. */
#ifndef UAPI_UMK_SYSINFO_H
#define UAPI_UMK_SYSINFO_H

#include <umk/types.h>

#define SI_LOAD_SHIFT	16

struct sysinfo {
	s64 uptime;		/* seconds since boot */
	u64 loads[3];		/* 1, 5, 15 minute averages << SI_LOAD_SHIFT */
	u64 totalram;
	u64 freeram;
	u64 sharedram;
	u64 bufferram;
	u64 totalswap;
	u64 freeswap;
	u16 procs;
	u16 pad;
	u64 totalhigh;
	u64 freehigh;
	u32 mem_unit;		/* bytes per unit of the sizes above */
	char _f[4];
};

#endif
