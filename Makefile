# umk top-level Makefile: Kbuild-style, non-recursive.
#
#   make [O=dir] [V=1]      build ./umk (runs defconfig first if needed)
#   make defconfig | olddefconfig | menuconfig
#   make run                boot umk on the default busybox initramfs
#   make check              everything that tests the project
#   make bench              benchmarks: native, umk, UML (Documentation/bench.md)
#   make bench-compare      compare with the previous `make bench`
#   make clean | mrproper

srctree := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
ifdef O
objtree := $(abspath $(O))
else
objtree := $(CURDIR)
endif

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-8s %s\n'
endif

PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)
CC := gcc
KCONFIG_CONFIG := $(objtree)/.config
AUTOCONF := $(objtree)/include/generated/autoconf.h
AUTOCONF_MK := $(objtree)/include/config/auto.conf
KCONFIG_ENV := srctree=$(srctree) KCONFIG_CONFIG=$(KCONFIG_CONFIG)

CFLAGS := -std=gnu11 -Wall -Wextra -Werror -g -O2 -fno-omit-frame-pointer \
	-fno-strict-aliasing -fno-common -Wno-unused-parameter \
	-Wno-missing-field-initializers -Wmissing-prototypes -Wstrict-prototypes \
	-Wshadow -D_GNU_SOURCE -MMD -MP \
	-I$(objtree)/include/generated -I$(objtree)/include -I$(srctree)/include \
	-fmacro-prefix-map=$(srctree)/= \
	-I$(srctree)/arch/um/include -I$(srctree)/arch/x86/include \
	-I$(srctree)/include/fdt \
	-include $(AUTOCONF)
LDFLAGS := -g -rdynamic
LDLIBS := -lfdt

.DEFAULT_GOAL := all
.PHONY: all defconfig olddefconfig menuconfig savedefconfig run check \
	bench bench-compare clean mrproper deps FORCE

# ---- configuration --------------------------------------------------------
config-targets := defconfig olddefconfig menuconfig savedefconfig
ifneq ($(filter $(config-targets),$(MAKECMDGOALS)),)
defconfig:
	$(Q)$(srctree)/scripts/install-deps.sh build
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig $(srctree)/Kconfig $(srctree)/configs/defconfig
olddefconfig:
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m olddefconfig $(srctree)/Kconfig
menuconfig:
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m menuconfig $(srctree)/Kconfig
savedefconfig:
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m savedefconfig --kconfig $(srctree)/Kconfig --out $(objtree)/defconfig
else
$(KCONFIG_CONFIG):
	$(Q)$(srctree)/scripts/install-deps.sh build
	@echo "  no .config: using configs/defconfig"
	$(Q)mkdir -p $(objtree)
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m defconfig --kconfig $(srctree)/Kconfig $(srctree)/configs/defconfig

KCONFIG_FILES := $(shell find $(srctree) -name Kconfig -not -path '*/.git/*')
$(AUTOCONF_MK): $(KCONFIG_CONFIG) $(KCONFIG_FILES)
	$(Q)$(srctree)/scripts/install-deps.sh build
	$(quiet) GENCONF include/generated/autoconf.h
	$(Q)mkdir -p $(dir $(AUTOCONF)) $(dir $(AUTOCONF_MK))
	$(Q)$(KCONFIG_ENV) $(PYTHON) -m genconfig --header-path $(AUTOCONF) \
		--config-out $(AUTOCONF_MK) $(srctree)/Kconfig
$(AUTOCONF): $(AUTOCONF_MK)

-include $(AUTOCONF_MK)

# ---- walk the Kbuild files --------------------------------------------------
# Each directory's Kbuild lists obj-y (and obj-$(CONFIG_FOO)) entries: "x.o"
# is a source file here, "dir/" descends into a subdirectory.
all-objs :=
define walk_dir
obj-y :=
include $(srctree)/$(1)Kbuild
all-objs += $$(addprefix $(1),$$(filter %.o,$$(obj-y)))
$$(foreach d,$$(filter %/,$$(obj-y)),$$(eval $$(call walk_dir,$(1)$$(d))))
endef
$(eval $(call walk_dir,))

OBJS := $(addprefix $(objtree)/,$(all-objs))

# Rebuild everything when the compiler flags change.
FLAGS_STAMP := $(objtree)/include/generated/cflags
$(shell mkdir -p $(dir $(FLAGS_STAMP)); echo '$(CFLAGS)' | \
	cmp -s - $(FLAGS_STAMP) 2>/dev/null || echo '$(CFLAGS)' > $(FLAGS_STAMP))

all: $(objtree)/umk

$(objtree)/umk: $(OBJS)
	$(quiet) LD umk
	$(Q)$(CC) $(LDFLAGS) -o $@ $(OBJS) $(LDLIBS)

# Host-side code (arch/um/os/) must not see the guest ABI headers in
# arch/x86/include (layering), so it compiles without them.
$(objtree)/arch/um/os/%.o: CFLAGS := $(filter-out -I$(srctree)/arch/x86/include,$(CFLAGS))

$(objtree)/%.o: $(srctree)/%.c $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) CC $*.o
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) $(CFLAGS_$(notdir $*).o) -c -o $@ $<

$(objtree)/%.o: $(srctree)/%.S $(AUTOCONF) $(FLAGS_STAMP)
	$(quiet) AS $*.o
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

SYSCALL_TBL := $(srctree)/arch/x86/entry/syscalls/syscall_64.tbl
$(objtree)/include/generated/syscall_table.h: $(SYSCALL_TBL) $(srctree)/scripts/syscalltbl.sh
	$(quiet) GEN include/generated/syscall_table.h
	$(Q)mkdir -p $(dir $@)
	$(Q)$(srctree)/scripts/syscalltbl.sh $< $@
$(objtree)/arch/x86/entry/syscall_64.o: $(objtree)/include/generated/syscall_table.h

-include $(OBJS:.o=.d)
endif

# ---- running and testing ----------------------------------------------------
# The default disk (ext2, Documentation/ext2.md): busybox-static with
# busybox init as pid 1 (scripts/initramfs/inittab), made once and kept with what the guest wrote,
# remade when its recipe changes.
ROOTIMG := $(objtree)/root.img

$(ROOTIMG): $(srctree)/scripts/mkrootimg.sh $(srctree)/scripts/initramfs/inittab
	$(Q)$(srctree)/scripts/install-deps.sh run
	$(quiet) GEN $(notdir $@)
	$(Q)$(srctree)/scripts/mkrootimg.sh $@

run: all $(ROOTIMG)
	$(objtree)/umk ubd0=$(ROOTIMG) root=/dev/ubda rw

check: all
	$(Q)$(srctree)/scripts/install-deps.sh check
	$(Q)UMK=$(objtree)/umk SRCTREE=$(srctree) OBJTREE=$(objtree) \
		$(srctree)/tests/run-all.sh

# Benchmarks (tools/bench/run.py, Documentation/bench.md). BENCH_UML=1 installs
# Debian's user-mode-linux to compare with, BENCH_UML=0 leaves UML out;
# BENCH_ARGS go to run.py (e.g. --rounds 5, --quick). The previous
# results.json is kept as results.prev.json for `make bench-compare`
# (or OLD=a.json NEW=b.json).
BENCH_JSON := $(objtree)/bench-build/results.json
bench: all
	$(Q)BENCH_UML=$(BENCH_UML) $(srctree)/scripts/install-deps.sh bench
	$(Q)UMK=$(objtree)/umk OBJTREE=$(objtree) $(PYTHON) \
		$(srctree)/tools/bench/run.py run --out $(BENCH_JSON) \
		$(if $(filter 0,$(BENCH_UML)),--no-uml) $(BENCH_ARGS)
bench-compare:
	$(Q)$(PYTHON) $(srctree)/tools/bench/run.py compare \
		$(or $(OLD),$(objtree)/bench-build/results.prev.json) \
		$(or $(NEW),$(BENCH_JSON))

clean:
	$(Q)rm -f $(objtree)/umk
	$(Q)find $(objtree) \( -name '*.o' -o -name '*.d' \) -not -path '*/.git/*' -delete

mrproper: clean
	$(Q)rm -rf $(objtree)/.config $(objtree)/.config.old $(objtree)/include/generated $(objtree)/include/config
