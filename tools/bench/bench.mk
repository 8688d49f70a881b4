# bench.mk - builds the guest microbenchmarks and the images they run from.
#
#   make -f tools/bench/bench.mk SRCTREE=... OUT=$(OBJTREE)/bench-build [images]
#
# Every tools/bench/NAME.c becomes OUT/bench/NAME (gcc -static, like the guest
# tests). Every tools/bench/host/NAME.c becomes OUT/host/NAME, an ordinary
# host program that is never put in an image. Targets:
#   progs	only the guest programs
#   host	only the host programs (the native run needs both)
#   initramfs	OUT/initramfs.cpio: busybox (scripts/mkinitramfs.sh) plus
#		OUT/bench at /bench, for `umk initrd=`
#   ext2	OUT/root.ext2: the same tree as an ext2 image (mke2fs -d, no
#		root needed) for UML's ubd0= and, later, umk's root=/dev/ubda
B := $(SRCTREE)/tools/bench
T := $(OUT)/bench
CC := gcc
CFLAGS := -O2 -g0 -Wall -Wextra -Werror -Wno-unused-parameter \
	-Wno-format-truncation -pthread
LDFLAGS := -s
BUSYBOX := /bin/busybox

NAMES := $(basename $(notdir $(wildcard $(B)/*.c)))
PROGS := $(addprefix $(T)/,$(NAMES))
HOSTPROGS := $(patsubst $(B)/host/%.c,$(OUT)/host/%,$(wildcard $(B)/host/*.c))

.PHONY: progs host initramfs ext2
progs: $(PROGS)
host: $(HOSTPROGS)
initramfs: $(OUT)/initramfs.cpio
ext2: $(OUT)/root.ext2

$(T)/%: $(B)/%.c $(B)/bench.h
	@mkdir -p $(T)
	$(CC) $(CFLAGS) -static $(LDFLAGS) -o $@ $<

$(OUT)/host/%: $(B)/host/%.c $(B)/bench.h
	@mkdir -p $(OUT)/host
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(OUT)/initramfs.cpio: $(PROGS) $(SRCTREE)/scripts/mkinitramfs.sh
	$(SRCTREE)/scripts/mkinitramfs.sh $@ $(T):/bench

# A root tree like the initramfs (busybox and its applets, /bench, empty
# /dev /proc /sys, a sticky /tmp) as a 256 MiB ext2 image: room for the
# 32 MiB file and the 10,000 small files of bench-fs.
$(OUT)/root.ext2: $(PROGS)
	rm -rf $(OUT)/rootfs $@
	mkdir -p $(OUT)/rootfs/bin $(OUT)/rootfs/dev $(OUT)/rootfs/proc \
		$(OUT)/rootfs/sys $(OUT)/rootfs/etc $(OUT)/rootfs/tmp
	chmod 1777 $(OUT)/rootfs/tmp
	cp $(BUSYBOX) $(OUT)/rootfs/bin/busybox
	for a in $$($(BUSYBOX) --list); do \
		[ $$a = busybox ] || ln -s busybox $(OUT)/rootfs/bin/$$a; done
	cp -r $(T) $(OUT)/rootfs/bench
	truncate -s 256M $@
	mke2fs -q -F -t ext2 -b 4096 -N 16384 -E root_owner=0:0 \
		-d $(OUT)/rootfs $@
