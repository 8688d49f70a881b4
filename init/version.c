/* version.c - the banner printed first at boot. */
#include <umk/version.h>

const char umk_banner[] =
	"umk version " UMK_VERSION " (gcc " __VERSION__ ") x86_64\n";
