// The ceiling of the bench/ harness: one thread, one level-triggered epoll loop, canned answers.
// Each read is split into requests by finding "\r\n\r\n" (plus Content-Length bytes of body), every
// complete request is answered in order, and all the answers to one read leave in one write.
// It is not an HTTP server: no validation, no chunked bodies (a request with Transfer-Encoding is
// dropped with its connection), no timeouts. It shows what the loop and the kernel cost alone.
//
//   gcc -O2 -o target/c-epoll-peer server.c && target/c-epoll-peer --port 8080 [--host 127.0.0.1]
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { READ_SPACE = 64 * 1024, MAX_HEAD = 64 * 1024, MAX_BODY = 1024 * 1024, MAX_EVENTS = 256 };

struct buf { char *data; size_t len, cap; };
struct conn { int fd; struct buf in, out; size_t sent; };

static const char HELLO[] = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n";
static const char JSON[] = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 27\r\n";
static const char MISSING[] = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n";
static char date[64];  // "Date: <IMF-fixdate>\r\n\r\n", re-rendered when the second changes (RFC 9110 §6.6.1)
static size_t date_len;
static time_t date_second = -1;

static void refresh_date(void) {
    time_t now = time(NULL);
    if (now == date_second) return;
    struct tm tm;
    gmtime_r(&now, &tm);  // the C locale: English day and month names, as IMF-fixdate needs
    date_len = strftime(date, sizeof date, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n\r\n", &tm);
    date_second = now;
}

static void reserve(struct buf *b, size_t more) {
    if (b->cap - b->len >= more) return;
    size_t cap = b->cap ? b->cap : READ_SPACE;
    while (cap - b->len < more) cap *= 2;
    if (!(b->data = realloc(b->data, cap))) { perror("realloc"); exit(1); }
    b->cap = cap;
}

static void append(struct buf *b, const void *p, size_t n) {
    reserve(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

// Content-Length of a request head, 0 without one; -1 for Transfer-Encoding or a bad value.
static long body_length(const char *head, size_t n) {
    const char *end = head + n, *line = memchr(head, '\n', n);
    while (line && ++line < end) {
        size_t left = end - line;
        if (left > 18 && strncasecmp(line, "transfer-encoding:", 18) == 0) return -1;
        if (left > 15 && strncasecmp(line, "content-length:", 15) == 0) {
            const char *p = line + 15;
            long v = 0;
            while (p < end && (*p == ' ' || *p == '\t')) p++;
            if (p == end || *p < '0' || *p > '9') return -1;
            while (p < end && *p >= '0' && *p <= '9' && v <= MAX_BODY) v = v * 10 + (*p++ - '0');
            return v;
        }
        line = memchr(line, '\n', end - line);
    }
    return 0;
}

static int starts(const char *p, size_t n, const char *prefix) {
    size_t k = strlen(prefix);
    return n >= k && memcmp(p, prefix, k) == 0;
}

// Appends the answer to every complete request in c->in, in order; keeps an incomplete one. -1: close.
static int serve(struct conn *c) {
    size_t at = 0;
    while (at < c->in.len) {
        char *req = c->in.data + at;
        size_t avail = c->in.len - at;
        char *blank = memmem(req, avail, "\r\n\r\n", 4);
        if (!blank) {
            if (avail > MAX_HEAD) return -1;
            break;
        }
        size_t head = blank + 4 - req;
        long body = body_length(req, head);
        if (body < 0 || body > MAX_BODY) return -1;
        if (avail < head + body) break;  // the body is still arriving
        if (starts(req, head, "GET / ")) {
            append(&c->out, HELLO, sizeof HELLO - 1);
            append(&c->out, date, date_len);
            append(&c->out, "Hello world!", 12);
        } else if (starts(req, head, "GET /json ")) {
            append(&c->out, JSON, sizeof JSON - 1);
            append(&c->out, date, date_len);
            append(&c->out, "{\"message\":\"Hello, World!\"}", 27);
        } else if (starts(req, head, "POST /echo ")) {
            char line[128];
            int n = snprintf(line, sizeof line,
                             "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %ld\r\n", body);
            append(&c->out, line, n);
            append(&c->out, date, date_len);
            append(&c->out, req + head, body);
        } else {
            append(&c->out, MISSING, sizeof MISSING - 1);
            append(&c->out, date, date_len);
        }
        at += head + body;
    }
    memmove(c->in.data, c->in.data + at, c->in.len - at);
    c->in.len -= at;
    return 0;
}

// Writes what is pending; 1 when all of it left, 0 when the socket is full, -1 on error.
static int flush_out(struct conn *c) {
    while (c->sent < c->out.len) {
        ssize_t n = send(c->fd, c->out.data + c->sent, c->out.len - c->sent, MSG_NOSIGNAL);
        if (n < 0) return errno == EAGAIN ? 0 : -1;
        c->sent += n;
    }
    c->out.len = c->sent = 0;
    return 1;
}

static void drop(int ep, struct conn *c) {
    epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->in.data);
    free(c->out.data);
    free(c);
}

static void watch(int ep, int op, struct conn *c, unsigned events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(ep, op, c->fd, &ev) < 0) { perror("epoll_ctl"); exit(1); }
}

static void on_event(int ep, struct conn *c, unsigned events) {
    int done;
    if (events & EPOLLOUT) {  // a previous write did not finish: reading waits until it has
        if ((done = flush_out(c)) < 0) { drop(ep, c); return; }
        if (!done) return;
        watch(ep, EPOLL_CTL_MOD, c, EPOLLIN);
        if (serve(c) < 0) { drop(ep, c); return; }  // requests read before the socket filled up
    } else {
        reserve(&c->in, READ_SPACE);
        ssize_t n = read(c->fd, c->in.data + c->in.len, c->in.cap - c->in.len);
        if (n <= 0) {
            if (n < 0 && errno == EAGAIN) return;
            drop(ep, c);
            return;
        }
        c->in.len += n;
        if (serve(c) < 0) { drop(ep, c); return; }
    }
    if ((done = flush_out(c)) < 0) drop(ep, c);
    else if (!done) watch(ep, EPOLL_CTL_MOD, c, EPOLLOUT);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = 8080, one = 1;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--port") == 0) port = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--host") == 0) host = argv[i + 1];
        else { fprintf(stderr, "usage: %s [--port 8080] [--host 127.0.0.1]\n", argv[0]); return 2; }
    }
    signal(SIGPIPE, SIG_IGN);
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    if (lfd < 0 || inet_pton(AF_INET, host, &addr.sin_addr) != 1) { fprintf(stderr, "bad host %s\n", host); return 2; }
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(lfd, 1024) < 0) { perror("listen"); return 1; }
    int ep = epoll_create1(0);
    struct epoll_event lev = {.events = EPOLLIN, .data.ptr = NULL};  // NULL marks the listening socket
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &lev);
    printf("c-epoll-peer listening on %s:%d (1 thread)\n", host, port);
    fflush(stdout);

    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(ep, events, MAX_EVENTS, -1);
        if (n < 0 && errno != EINTR) { perror("epoll_wait"); return 1; }
        refresh_date();  // one clock read per loop iteration
        for (int i = 0; i < n; i++) {
            if (events[i].data.ptr) { on_event(ep, events[i].data.ptr, events[i].events); continue; }
            int fd;
            while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
                struct conn *c = calloc(1, sizeof *c);
                if (!c) { perror("calloc"); return 1; }
                c->fd = fd;
                setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                watch(ep, EPOLL_CTL_ADD, c, EPOLLIN);
            }
        }
    }
}
