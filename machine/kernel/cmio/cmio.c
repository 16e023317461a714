// SPDX-License-Identifier: GPL-2.0
/*
 * streamswap: the Cartesi machine's cmio device for Linux 6.12.
 *
 * The emulator (cartesi/machine-emulator v0.19.0) describes two memory ranges in its device tree,
 * /cmio/rx_buffer (inputs and queries it writes) and /cmio/tx_buffer (outputs and reports the guest
 * writes), and takes control back when the guest calls SBI extension 9 (Cartesi's OpenSBI forwards it
 * to the HTIF yield device with the request word in a0 and returns the emulator's answer).
 *
 * This driver gives user space what libcmt expects at /dev/cmio: IOCTL_CMIO_SETUP (where the buffers
 * are), mmap of either buffer at its physical address, and IOCTL_CMIO_YIELD. One process at a time.
 * Written for this project against the interface in uapi/linux/cartesi/cmio.h; it replaces the driver of
 * Cartesi's 6.5 kernel fork, whose platform_driver.remove returned int (void since 6.11).
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/uaccess.h>
#include <asm/sbi.h>
#include <uapi/linux/cartesi/cmio.h>

#define CMIO_SBI_EXT_YIELD 9

struct cmio {
	struct miscdevice misc;
	struct cmio_setup setup;
	atomic_t opened; /* 0 or 1: the buffers belong to one process */
};

static struct cmio *cmio_of(struct file *file)
{
	return container_of(file->private_data, struct cmio, misc);
}

static int cmio_open(struct inode *inode, struct file *file)
{
	struct cmio *dev = cmio_of(file);

	if (atomic_cmpxchg(&dev->opened, 0, 1) != 0)
		return -EBUSY;
	return 0;
}

static int cmio_release(struct inode *inode, struct file *file)
{
	atomic_set(&cmio_of(file)->opened, 0);
	return 0;
}

static long cmio_yield(void __user *arg)
{
	__u64 word;
	struct sbiret ret;

	if (copy_from_user(&word, arg, sizeof(word)))
		return -EFAULT;
	ret = sbi_ecall(CMIO_SBI_EXT_YIELD, 0, word, 0, 0, 0, 0, 0);
	word = ret.value;
	if (copy_to_user(arg, &word, sizeof(word)))
		return -EFAULT;
	return 0;
}

static long cmio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cmio *dev = cmio_of(file);

	switch (cmd) {
	case IOCTL_CMIO_SETUP:
		if (copy_to_user((void __user *)arg, &dev->setup, sizeof(dev->setup)))
			return -EFAULT;
		return 0;
	case IOCTL_CMIO_YIELD:
		return cmio_yield((void __user *)arg);
	default:
		return -ENOIOCTLCMD;
	}
}

/* Maps one whole buffer, identity-mapped: user address == physical address (what libcmt asks for). */
static int cmio_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cmio *dev = cmio_of(file);
	unsigned long size = vma->vm_end - vma->vm_start;
	const struct cmio_buffer *bufs[] = { &dev->setup.tx, &dev->setup.rx };
	int i;

	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		if (vma->vm_start == bufs[i]->data && size == bufs[i]->length)
			return remap_pfn_range(vma, vma->vm_start, vma->vm_start >> PAGE_SHIFT, size,
					       vma->vm_page_prot);
	}
	return -EINVAL;
}

static const struct file_operations cmio_fops = {
	.owner = THIS_MODULE,
	.open = cmio_open,
	.release = cmio_release,
	.unlocked_ioctl = cmio_ioctl,
	.mmap = cmio_mmap,
};

/* Reads <name>'s "reg" = <address length> (two cells each) under the cmio node. */
static int cmio_read_buffer(struct device *d, const char *name, struct cmio_buffer *buf)
{
	struct device_node *node = of_get_child_by_name(d->of_node, name);
	u64 reg[2];
	int err;

	if (!node) {
		dev_err(d, "no %s node\n", name);
		return -ENODEV;
	}
	err = of_property_read_u64_array(node, "reg", reg, 2);
	of_node_put(node);
	if (err || !reg[0] || !reg[1]) {
		dev_err(d, "bad reg in %s\n", name);
		return -EINVAL;
	}
	buf->data = reg[0];
	buf->length = reg[1];
	return 0;
}

static int cmio_probe(struct platform_device *pdev)
{
	struct cmio *dev;
	int err;

	dev = devm_kzalloc(&pdev->dev, sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	err = cmio_read_buffer(&pdev->dev, "tx_buffer", &dev->setup.tx);
	if (!err)
		err = cmio_read_buffer(&pdev->dev, "rx_buffer", &dev->setup.rx);
	if (err)
		return err;

	atomic_set(&dev->opened, 0);
	dev->misc.minor = MISC_DYNAMIC_MINOR;
	dev->misc.name = "cmio";
	dev->misc.fops = &cmio_fops;
	err = misc_register(&dev->misc);
	if (err)
		return err;
	platform_set_drvdata(pdev, dev);
	dev_info(&pdev->dev, "tx %#llx+%#llx rx %#llx+%#llx\n", dev->setup.tx.data, dev->setup.tx.length,
		 dev->setup.rx.data, dev->setup.rx.length);
	return 0;
}

static void cmio_remove(struct platform_device *pdev)
{
	struct cmio *dev = platform_get_drvdata(pdev);

	misc_deregister(&dev->misc);
}

static const struct of_device_id cmio_of_match[] = {
	{ .compatible = "ctsi-cmio" },
	{}
};
MODULE_DEVICE_TABLE(of, cmio_of_match);

static struct platform_driver cmio_driver = {
	.driver = {
		.name = "cmio",
		.of_match_table = cmio_of_match,
	},
	.probe = cmio_probe,
	.remove = cmio_remove,
};
module_platform_driver(cmio_driver);

MODULE_DESCRIPTION("Cartesi machine cmio device (streamswap port for Linux 6.12)");
MODULE_LICENSE("GPL");
