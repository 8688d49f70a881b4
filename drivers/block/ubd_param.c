/*
 * ubd_param.c - UML's ubd command-line words: parsing them (for the
 * device-tree builder, which makes a node of each), and claiming them
 * as kernel parameters, so that a bad one stops the boot with one clear
 * line and a good one is not handed to init.
 */
#include <string.h>
#include <umk/kernel.h>
#include <umk/errno.h>
#include <umk/init.h>
#include <umk/of.h>
#include <umk/reboot.h>
#include <umk/ubd.h>

/* "ubd" then a unit: decimal 0..15 or a letter a..p. */
static int parse_unit(const char **p, unsigned int *unit, const char **why)
{
	const char *s = *p;
	unsigned int n = 0;

	if (*s >= 'a' && *s <= 'z') {
		n = *s++ - 'a';
	} else if (*s >= '0' && *s <= '9') {
		while (*s >= '0' && *s <= '9' && n < 100)
			n = n * 10 + (*s++ - '0');
	} else {
		*why = "expected a unit number (ubd0..ubd15) or letter "
		       "(ubda..ubdp)";
		return -EINVAL;
	}
	if (n >= UBD_MAX_DEVS) {
		*why = "unit must be 0..15 (a..p)";
		return -EINVAL;
	}
	*unit = n;
	*p = s;
	return 0;
}

static int parse_flags(const char *s, struct ubd_spec *spec,
		       const char **why)
{
	for (; *s; s++) {
		switch (*s) {
		case 'r':
			spec->read_only = true;
			break;
		case 's':
			spec->sync = true;
			break;
		case 'd':
			spec->no_cow = true;
			break;
		case 'c':
			spec->shared = true;
			break;
		case 't':
			break;
		default:
			*why = "unknown flag (they are r, s, d, c and t)";
			return -EINVAL;
		}
	}
	return 0;
}

int ubd_parse(const char *param, const char *val, struct ubd_spec *spec,
	      const char **why)
{
	const char *p = param + 3, *comma;
	int err;

	memset(spec, 0, sizeof(*spec));
	if (strncmp(param, "ubd", 3)) {
		*why = "not a ubd parameter";
		return -EINVAL;
	}
	err = parse_unit(&p, &spec->unit, why);
	if (!err)
		err = parse_flags(p, spec, why);
	if (err)
		return err;
	if (!val || !*val) {
		*why = "no image file given";
		return -EINVAL;
	}
	comma = strchr(val, ',');
	spec->file = val;
	spec->file_len = comma ? (size_t)(comma - val) : strlen(val);
	if (comma) {
		spec->backing = comma + 1;
		spec->backing_len = strlen(comma + 1);
	}
	if (!spec->file_len || (comma && !spec->backing_len)) {
		*why = "empty file name";
		return -EINVAL;
	}
	if (comma && strchr(comma + 1, ',')) {
		*why = "too many files (give FILE or OVERLAY,BACKING_FILE)";
		return -EINVAL;
	}
	if (spec->backing && spec->no_cow) {
		*why = "flag d (no COW) and a backing file exclude each other";
		return -EINVAL;
	}
	return 0;
}

/*
 * The late pass over the command line: the device tree was built from
 * the same words (or loaded from dtb=), so only check and report here.
 */
static int ubd_param_check(const char *word)
{
	static unsigned int seen;
	struct ubd_spec spec;
	const char *why, *eq = strchr(word, '=');
	char param[16], path[24];

	if (!eq || eq - word >= (long)sizeof(param)) {
		boot_error("%s: %s", word, eq ? "unknown parameter" :
			   "no image file given (ubdN=FILE)");
	}
	memcpy(param, word, eq - word);
	param[eq - word] = '\0';
	if (ubd_parse(param, eq + 1, &spec, &why))
		boot_error("%s: %s", word, why);
	if (seen & (1U << spec.unit))
		boot_error("%s: ubd%u is given twice", word, spec.unit);
	seen |= 1U << spec.unit;
	snprintf(path, sizeof(path), "/disks/ubd@%u", spec.unit);
	if (of_path_offset(path) < 0)
		pr_warn("%s ignored: the device tree has no %s node\n", word,
			path);
	return 0;
}
prefix_param("ubd", ubd_param_check);
