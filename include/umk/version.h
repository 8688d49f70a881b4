/* version.h - release of umk. */
#ifndef UMK_VERSION_H
#define UMK_VERSION_H

#define UMK_VERSION "0.1.0"
extern const char umk_banner[];

#endif
