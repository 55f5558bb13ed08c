/* CEpoll: Linux epoll (sys/epoll.h) and the calls accept4 and pipe2, which Swift's Glibc module
   does not export. Part of glibc: nothing to link. */
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

/* glibc declares these two only under _GNU_SOURCE. Defining _GNU_SOURCE here would change the
   shared glibc headers (fd_set, struct layouts) against the Glibc module's build of them, which
   clang rejects as conflicting definitions, so their prototypes (glibc 2.10+, Linux 2.6.27+)
   are repeated here instead. */
extern int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
extern int pipe2(int pipefd[2], int flags);
