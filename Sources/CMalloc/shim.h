/* CMalloc: glibc's malloc extensions (libc6-dev), for malloc_trim after a search index build. */
#include <malloc.h>
