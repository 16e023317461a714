/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * streamswap: the user-space interface of the Cartesi machine's cmio device, as libcmt
 * (machine-guest-tools sys-utils/libcmt, src/io.c) uses it: one ioctl that tells where the two
 * shared buffers are, one that yields the machine to the emulator.
 *
 * The layout and the ioctl numbers are the ones Cartesi's kernel defines (magic 0xd3), so the
 * unmodified libcmt works against this port.
 */
#ifndef _UAPI_LINUX_CARTESI_CMIO_H
#define _UAPI_LINUX_CARTESI_CMIO_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* One buffer: its physical address (also the user virtual address mmap must use) and its size. */
struct cmio_buffer {
	__u64 data;
	__u64 length;
};

/* tx: what the machine writes (outputs, reports); rx: what the emulator writes (inputs, queries). */
struct cmio_setup {
	struct cmio_buffer tx, rx;
};

/* Fills a struct cmio_setup. */
#define IOCTL_CMIO_SETUP _IOR(0xd3, 0, struct cmio_setup)

/* Yields to the emulator with the request word in *arg; the emulator's answer comes back in *arg. */
#define IOCTL_CMIO_YIELD _IOWR(0xd3, 1, __u64)

#endif /* _UAPI_LINUX_CARTESI_CMIO_H */
