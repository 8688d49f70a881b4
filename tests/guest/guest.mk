# guest.mk - builds the guest test programs and the test initramfs.
#
#   make -f tests/guest/guest.mk SRCTREE=... OUT=$(OBJTREE)/tests-build \
#	IMAGE=$(OBJTREE)/tests-initramfs.cpio
#
# Every tests/guest/NAME.c becomes OUT/tests/NAME (gcc -static), but auxv.c
# is built as every ELF kind: auxv-static, auxv-pie (static-pie), auxv-dyn
# (dynamic) and auxv-musl (musl-gcc -static); and the MUSL programs once
# more with musl-gcc (NAME-musl).
# The image is busybox (scripts/mkinitramfs.sh) plus OUT/tests at /tests
# and the host's glibc loader and libc.so.6 for auxv-dyn.
G := $(SRCTREE)/tests/guest
T := $(OUT)/tests
CC := gcc
MUSLCC := musl-gcc
CFLAGS := -O2 -g0 -Wall -Wextra -Werror -Wno-format-truncation \
	-Wno-unused-parameter -pthread
LDFLAGS := -s

S := $(SRCTREE)/tests/signals
E := $(SRCTREE)/tests/escape
SRCS := $(wildcard $(G)/*.c) $(wildcard $(S)/*.c) $(wildcard $(E)/*.c)
NAMES := $(filter-out auxv,$(basename $(notdir $(SRCS))))
MUSL := threads futex forkwait
MUSL_S := sigbasic sigfds
PROGS := $(addprefix $(T)/,$(NAMES) auxv-static auxv-pie auxv-dyn auxv-musl \
	$(addsuffix -musl,$(MUSL) $(MUSL_S)))
SCRIPTS := $(T)/applets.sh
LIBC := /lib/x86_64-linux-gnu/libc.so.6
LDSO := /lib64/ld-linux-x86-64.so.2
LDSO_REAL := /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2

.PHONY: all
all: $(IMAGE)

$(T)/%: $(G)/%.c $(G)/guest.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

# tests/signals/NAME.c (Documentation/signals.md) go in the same image.
$(T)/%: $(S)/%.c $(G)/guest.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

# tests/escape/NAME.c (Documentation/seccomp.md) too.
$(T)/%: $(E)/%.c $(E)/escape.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

$(T)/%-musl: $(S)/%.c $(G)/guest.h
	@mkdir -p $(T)
	$(MUSLCC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

$(T)/auxv-static: $(G)/auxv.c $(G)/guest.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

$(T)/auxv-pie: $(G)/auxv.c $(G)/guest.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -fPIE -static-pie $(LDFLAGS) -o $@ $<

$(T)/auxv-dyn: $(G)/auxv.c $(G)/guest.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(T)/%-musl: $(G)/%.c $(G)/guest.h
	@mkdir -p $(T)
	$(MUSLCC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

$(T)/%.sh: $(G)/%.sh
	@mkdir -p $(T)
	cp $< $@
	chmod 755 $@

IMAGE_DEPS := $(SRCTREE)/scripts/mkinitramfs.sh \
	$(SRCTREE)/scripts/gen_cpio.py \
	$(wildcard $(SRCTREE)/scripts/initramfs/*)

$(IMAGE): $(PROGS) $(SCRIPTS) $(IMAGE_DEPS)
	$(SRCTREE)/scripts/mkinitramfs.sh $@ $(T):/tests $(LIBC) $(LDSO) \
		$(LDSO_REAL)
