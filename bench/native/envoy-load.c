// envoy-load: the Envoy side of ext_proc streams in C, for bench/processes.mjs.
//
// Why C: on a 2-core machine the load generator shares the cores with the servers it measures,
// so what it spends per stream is taken from them. lib/h2-frames.mjs's raw-frame client in Node
// costs 3-11 µs of CPU per stream, a fifth of the machine at 60k streams/s; the 2-processes
// ratio can then not be measured. This one does the same work in well under a microsecond.
//
// It plays Envoy's ext_proc client as lib/h2-frames.mjs does (see there), and the load shapes of
// lib/loadgen.mjs's streamsRaw: `workers` threads, like Envoy's worker threads, each holding one
// HTTP/2 connection to every endpoint and sending each new stream to the next endpoint in turn
// (or by least request); a stream is HEADERS + DATA (one gRPC message), then, once the first
// reply message is read, END_STREAM and RST_STREAM (Envoy's default close). A closed load keeps
// `concurrency` streams in flight; an open load (`rate` > 0) starts streams at that rate and drops
// arrivals above `concurrency` in flight, as Envoy's circuit breaker does. A connection the server
// sends GOAWAY on is replaced for new streams while the ones it accepted finish on it.
//
// Arguments (name=value): ports=P1,P2,... workers=W concurrency=N rate=R (0: closed)
//   lb=rr|lr rst=CODE (-1: half-close only) first=HEX rest=HEX message=HEX
//   (`first` inserts the request headers into the server's HPACK table, `rest` refers to them;
//   lib/h2-frames.mjs's headerBlocks makes both; `message` is the gRPC-framed request.)
// Control, one line each way:
//   stdout at start: {"ready":true,"pid":P,"tids":[...]}         (worker thread ids)
//   stdin "mark":    stdout {"t":ms,"completed":...,...}         (running totals)
//   stdin "start":   a mark, and latencies are recorded from now
//   stdin "stop":    a mark; no new stream; once none is in flight (or after 3 s), one more line
//                    {"done":true,...} with the final totals, latency percentiles and
//                    failures; then it exits.
// It exits with status 2 on bad arguments and 1 on a failure it cannot go on from.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#define MAX_ENDPOINTS 16
#define MAX_WORKERS 16
#define WINDOW (16u * 1024 * 1024)
#define DEFAULT_WINDOW 65535u
#define READ_CAP (256 * 1024)
#define MAX_ERRORS 1000
#define MAX_RECONNECTS 100000
#define MAX_CONNECTION_ERRORS 100
#define DRAIN_NS 3000000000ull
// Latency histogram: values below 128 ns exact, then 64 buckets per power of two (1.6%).
#define HIST_SUB 64
#define HIST_BUCKETS (128 + 40 * HIST_SUB)

enum { F_DATA = 0, F_HEADERS = 1, F_RST = 3, F_SETTINGS = 4, F_PING = 6, F_GOAWAY = 7, F_WINDOW = 8 };
enum { END_STREAM = 1, ACK = 1, END_HEADERS = 4, PADDED = 8 };

// Relaxed loads and stores: counters one thread writes and the control thread reads.
#define LOAD(x) atomic_load_explicit(&(x), memory_order_relaxed)
#define STORE(x, v) atomic_store_explicit(&(x), (v), memory_order_relaxed)
#define BUMP(x) STORE(x, LOAD(x) + 1)

typedef struct {
  uint32_t id;  // 0: free
  uint32_t got; // DATA bytes read so far
  int64_t need; // bytes of the first gRPC message once its 5-byte prefix is in, else -1
  uint64_t begin;
  uint8_t head[5];
} stream_t;

struct worker;

typedef struct conn {
  int fd;
  int endpoint;
  struct worker *w;
  int connected, draining, closed, first_sent, out_armed, dirty;
  uint32_t next_id;
  int64_t send_window;
  uint32_t peer_max_streams;
  uint32_t peer_initial_window;
  uint64_t received;
  uint8_t *out;
  size_t out_len, out_cap;
  uint8_t *in;
  size_t in_len;
  stream_t *table; // indexed by (id >> 1) & mask
  uint32_t mask;
  uint32_t nstreams;
  struct conn *next; // the worker's list of open connections
} conn_t;

typedef struct worker {
  int index;
  int epfd;
  int timerfd;
  _Atomic pid_t tid;
  pthread_t thread;
  conn_t *current[MAX_ENDPOINTS]; // the connection new streams to an endpoint go on
  conn_t *all;
  conn_t **dirty;
  int ndirty, dirty_cap;
  uint32_t *waiting; // slots to start once a connection can take them
  uint32_t wait_head, wait_len, wait_cap;
  uint32_t rr;
  uint64_t random; // xorshift state for least request (rand() takes a lock per call)
  uint32_t inflight;
  uint64_t t0, arrived_local;
  uint64_t connection_errors;
  uint64_t hist[HIST_BUCKETS];
  uint64_t max_ns;
  _Atomic uint64_t completed, errors, goaways, reads, arrived, overflow, reconnects;
  _Atomic uint64_t goaway_codes; // bit per code < 64
  _Atomic(const char *) last_failure;
  _Atomic uint32_t inflight_pub;
  char pad[64];
} worker_t;

typedef struct {
  pthread_spinlock_t lock;
  int inflight;
  uint64_t since, empty_ns;
  double area_ns;
  _Atomic int inflight_pub;
} occupancy_t;

static int n_ports, ports[MAX_ENDPOINTS];
static int n_workers = 2, concurrency = 64, least_request, rst_code = 8;
static double rate;
static uint8_t *first_block, *rest_block, *message;
static size_t first_len, rest_len, message_len;
static uint8_t *template;
static size_t template_len, template_data_at;
static worker_t workers[MAX_WORKERS];
static occupancy_t occ[MAX_ENDPOINTS];
static _Atomic int measuring, stopping;
static _Atomic int64_t pending; // open load: streams in flight or waiting, against the cap
static _Atomic(const char *) fatal;
static uint32_t table_size;

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void die(const char *why) {
  const char *expected = NULL;
  atomic_compare_exchange_strong(&fatal, &expected, why);
}

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n);
  if (q == NULL) {
    fprintf(stderr, "envoy-load: out of memory\n");
    exit(1);
  }
  return q;
}

// ---- occupancy: streams in flight per endpoint over time (lib/occupancy.mjs's figures)

static void occ_advance(occupancy_t *o, uint64_t t) {
  uint64_t dt = t > o->since ? t - o->since : 0;
  if (o->inflight == 0) o->empty_ns += dt;
  else o->area_ns += (double)dt * o->inflight;
  o->since = t;
}

static void occ_change(int e, int delta, uint64_t t) {
  occupancy_t *o = &occ[e];
  pthread_spin_lock(&o->lock);
  occ_advance(o, t);
  o->inflight += delta;
  STORE(o->inflight_pub, o->inflight);
  pthread_spin_unlock(&o->lock);
}

// ---- output buffer and frames

static void out_reserve(conn_t *c, size_t n) {
  if (c->out_len + n <= c->out_cap) return;
  size_t cap = c->out_cap ? c->out_cap : 64 * 1024;
  while (cap < c->out_len + n) cap *= 2;
  c->out = xrealloc(c->out, cap);
  c->out_cap = cap;
}

static void mark_dirty(conn_t *c) {
  if (c->dirty) return;
  worker_t *w = c->w;
  if (w->ndirty == w->dirty_cap) {
    w->dirty_cap = w->dirty_cap ? w->dirty_cap * 2 : 16;
    w->dirty = xrealloc(w->dirty, sizeof(conn_t *) * (size_t)w->dirty_cap);
  }
  w->dirty[w->ndirty++] = c;
  c->dirty = 1;
}

static void put_header(uint8_t *p, uint32_t len, uint8_t type, uint8_t flags, uint32_t id) {
  p[0] = (uint8_t)(len >> 16);
  p[1] = (uint8_t)(len >> 8);
  p[2] = (uint8_t)len;
  p[3] = type;
  p[4] = flags;
  p[5] = (uint8_t)(id >> 24);
  p[6] = (uint8_t)(id >> 16);
  p[7] = (uint8_t)(id >> 8);
  p[8] = (uint8_t)id;
}

static void queue_frame(conn_t *c, uint8_t type, uint8_t flags, uint32_t id, const uint8_t *payload,
                        uint32_t len) {
  out_reserve(c, 9 + len);
  put_header(c->out + c->out_len, len, type, flags, id);
  if (len) memcpy(c->out + c->out_len + 9, payload, len);
  c->out_len += 9 + len;
  mark_dirty(c);
}

static void be32(uint8_t *p, uint32_t v) {
  p[0] = (uint8_t)(v >> 24);
  p[1] = (uint8_t)(v >> 16);
  p[2] = (uint8_t)(v >> 8);
  p[3] = (uint8_t)v;
}

static uint32_t rd32(const uint8_t *p) {
  return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void arm_out(conn_t *c, int on) {
  if (c->out_armed == on) return;
  struct epoll_event ev = {.events = EPOLLIN | (on ? EPOLLOUT : 0), .data.ptr = c};
  epoll_ctl(c->w->epfd, EPOLL_CTL_MOD, c->fd, &ev);
  c->out_armed = on;
}

static void flush(conn_t *c) {
  c->dirty = 0;
  if (c->closed || !c->connected || c->out_len == 0) return;
  size_t at = 0;
  while (at < c->out_len) {
    ssize_t n = write(c->fd, c->out + at, c->out_len - at);
    if (n > 0) at += (size_t)n;
    else if (n < 0 && errno == EINTR) continue;
    else break;
  }
  if (at > 0) {
    memmove(c->out, c->out + at, c->out_len - at);
    c->out_len -= at;
  }
  arm_out(c, c->out_len > 0);
}

// ---- latency histogram

static int hist_index(uint64_t v) {
  if (v < 128) return (int)v;
  int e = 63 - __builtin_clzll(v);
  int shift = e - 6;
  int i = 128 + (e - 7) * HIST_SUB + (int)((v >> shift) - HIST_SUB);
  return i < HIST_BUCKETS ? i : HIST_BUCKETS - 1;
}

static double hist_value(int i) {
  if (i < 128) return i;
  int e = (i - 128) / HIST_SUB + 7;
  int shift = e - 6;
  uint64_t top = (uint64_t)((i - 128) % HIST_SUB + HIST_SUB);
  // The middle of the bucket.
  return (double)(top << shift) + (double)((1ull << shift) - 1) / 2;
}

// ---- streams

static void conn_open(worker_t *w, int endpoint);

static int can_start(const conn_t *c) {
  return c->connected && !c->draining && !c->closed && c->send_window >= (int64_t)message_len &&
         c->nstreams < c->peer_max_streams && c->next_id < 0x7fffff00u;
}

static void wait_push(worker_t *w, uint32_t slot) {
  if (w->wait_len == w->wait_cap) {
    uint32_t cap = w->wait_cap ? w->wait_cap * 2 : 1024;
    uint32_t *q = xrealloc(NULL, sizeof(uint32_t) * cap);
    for (uint32_t i = 0; i < w->wait_len; i++) q[i] = w->waiting[(w->wait_head + i) % w->wait_cap];
    free(w->waiting);
    w->waiting = q;
    w->wait_head = 0;
    w->wait_cap = cap;
  }
  w->waiting[(w->wait_head + w->wait_len++) % w->wait_cap] = slot;
}

static uint64_t next_random(worker_t *w) {
  uint64_t x = w->random;
  x ^= x << 13;
  x ^= x >> 7;
  x ^= x << 17;
  return w->random = x;
}

static int pick_endpoint(worker_t *w) {
  if (n_ports == 1) return 0;
  if (least_request) {
    // Envoy's LEAST_REQUEST defaults: two endpoints drawn at random, the one with fewer streams
    // in flight (from every worker) wins.
    int a = (int)(next_random(w) % (uint64_t)n_ports), b = (int)(next_random(w) % (uint64_t)n_ports);
    return LOAD(occ[b].inflight_pub) < LOAD(occ[a].inflight_pub) ? b : a;
  }
  return (int)(w->rr++ % (uint32_t)n_ports);
}

// Starts a stream for `slot` or queues the slot until a connection can take it.
static void launch(worker_t *w, uint32_t slot) {
  if (LOAD(stopping) || LOAD(fatal) != NULL) return;
  int e = pick_endpoint(w);
  conn_t *c = w->current[e];
  if (c == NULL || !can_start(c)) {
    wait_push(w, slot);
    return;
  }
  uint32_t id = c->next_id;
  stream_t *s = &c->table[(id >> 1) & c->mask];
  if (s->id != 0) { // a stream table-size streams older is still open: wait for it
    wait_push(w, slot);
    return;
  }
  c->next_id += 2;
  uint64_t t = now_ns();
  s->id = id;
  s->got = 0;
  s->need = -1;
  s->begin = t;
  if (!c->first_sent) {
    c->first_sent = 1;
    queue_frame(c, F_HEADERS, END_HEADERS, id, first_block, (uint32_t)first_len);
    queue_frame(c, F_DATA, 0, id, message, (uint32_t)message_len);
  } else {
    out_reserve(c, template_len);
    uint8_t *p = c->out + c->out_len;
    memcpy(p, template, template_len);
    be32(p + 5, id);
    be32(p + template_data_at + 5, id);
    c->out_len += template_len;
    mark_dirty(c);
  }
  c->send_window -= (int64_t)message_len;
  c->nstreams++;
  w->inflight++;
  STORE(w->inflight_pub, w->inflight);
  occ_change(e, +1, t);
}

static void stream_end(conn_t *c, stream_t *s, const char *failure, uint64_t t) {
  worker_t *w = c->w;
  s->id = 0;
  c->nstreams--;
  w->inflight--;
  STORE(w->inflight_pub, w->inflight);
  occ_change(c->endpoint, -1, t);
  if (rate > 0) atomic_fetch_sub_explicit(&pending, 1, memory_order_relaxed);
  if (failure != NULL) {
    STORE(w->last_failure, failure);
    BUMP(w->errors);
    uint64_t errors = LOAD(w->errors), done = LOAD(w->completed);
    if (errors > MAX_ERRORS && errors > done) die("more streams failed than were answered");
    if (rate == 0) wait_push(w, 0); // closed load: its successor starts after this read
    return;
  }
  BUMP(w->completed);
  if (LOAD(measuring)) {
    uint64_t dt = t - s->begin;
    w->hist[hist_index(dt)]++;
    if (dt > w->max_ns) w->max_ns = dt;
  }
}

// Envoy's close once the reply is in: half-close, then RST_STREAM at once (unless rst=-1).
static void close_stream_frames(conn_t *c, uint32_t id) {
  out_reserve(c, 9 + 13);
  uint8_t *p = c->out + c->out_len;
  put_header(p, 0, F_DATA, END_STREAM, id);
  c->out_len += 9;
  if (rst_code >= 0) {
    p += 9;
    put_header(p, 4, F_RST, 0, id);
    be32(p + 9, (uint32_t)rst_code);
    c->out_len += 13;
  }
  mark_dirty(c);
}

static void stream_fail(conn_t *c, stream_t *s, const char *why) { stream_end(c, s, why, now_ns()); }

static void conn_fail_all(conn_t *c, const char *why) {
  if (c->nstreams == 0) return;
  for (uint32_t i = 0; i <= c->mask && c->nstreams > 0; i++) {
    if (c->table[i].id != 0) stream_fail(c, &c->table[i], why);
  }
}

static void conn_replace(conn_t *c) {
  worker_t *w = c->w;
  if (w->current[c->endpoint] != c || LOAD(stopping)) return;
  w->current[c->endpoint] = NULL;
  if (atomic_fetch_add_explicit(&w->reconnects, 1, memory_order_relaxed) + 1 > MAX_RECONNECTS)
    die("more than 100000 reconnections");
  conn_open(w, c->endpoint);
}

static void conn_close(conn_t *c, const char *why) {
  if (c->closed) return;
  c->closed = 1;
  epoll_ctl(c->w->epfd, EPOLL_CTL_DEL, c->fd, NULL);
  close(c->fd);
  conn_fail_all(c, why);
  conn_replace(c);
}

// ---- frames from the server

static void on_frame(conn_t *c, uint8_t type, uint8_t flags, uint32_t id, const uint8_t *p, uint32_t len) {
  switch (type) {
  case F_DATA: {
    c->received += len;
    stream_t *s = &c->table[(id >> 1) & c->mask];
    if (id == 0 || s->id != id) return;
    const uint8_t *data = p;
    uint32_t n = len;
    if (flags & PADDED) {
      if (len == 0 || p[0] >= len) return;
      data = p + 1;
      n = len - 1 - p[0];
    }
    if (s->need < 0) {
      uint32_t take = s->got < 5 ? 5 - s->got : 0;
      if (take > n) take = n;
      memcpy(s->head + s->got, data, take);
      s->got += n;
      if (s->got >= 5) s->need = 5 + (int64_t)rd32(s->head + 1);
    } else
      s->got += n;
    if (s->need >= 0 && s->got >= s->need) {
      uint64_t t = now_ns();
      stream_end(c, s, NULL, t);
      close_stream_frames(c, id);
      if (rate == 0) launch(c->w, 0);
    } else if (flags & END_STREAM)
      stream_fail(c, s, "stream ended before a complete reply");
    return;
  }
  case F_HEADERS: {
    stream_t *s = &c->table[(id >> 1) & c->mask];
    if ((flags & END_STREAM) && id != 0 && s->id == id)
      stream_fail(c, s, "trailers-only answer (a gRPC error status)");
    return;
  }
  case F_RST: {
    stream_t *s = &c->table[(id >> 1) & c->mask];
    if (id != 0 && s->id == id) stream_fail(c, s, "server reset the stream");
    return;
  }
  case F_SETTINGS: {
    if (flags & ACK) return;
    for (uint32_t i = 0; i + 6 <= len; i += 6) {
      uint16_t key = (uint16_t)((p[i] << 8) | p[i + 1]);
      uint32_t value = rd32(p + i + 2);
      if (key == 4) c->peer_initial_window = value;
      if (key == 3) c->peer_max_streams = value;
    }
    if (c->peer_initial_window < message_len) die("the server's stream window is below one message");
    queue_frame(c, F_SETTINGS, ACK, 0, NULL, 0);
    return;
  }
  case F_PING:
    if (!(flags & ACK) && len == 8) queue_frame(c, F_PING, ACK, 0, p, 8);
    return;
  case F_GOAWAY: {
    if (len < 8) return;
    uint32_t last = rd32(p) & 0x7fffffffu, code = rd32(p + 4);
    worker_t *w = c->w;
    BUMP(w->goaways);
    STORE(w->goaway_codes, LOAD(w->goaway_codes) | (code < 63 ? 1ull << code : 1ull << 63));
    c->draining = 1;
    // Streams above last_stream_id were never processed (RFC 9113 §6.8); those at or below it
    // still complete on this connection.
    for (uint32_t i = 0; i <= c->mask; i++) {
      if (c->table[i].id > last) stream_fail(c, &c->table[i], "refused by GOAWAY");
    }
    conn_replace(c);
    return;
  }
  case F_WINDOW:
    if (id == 0 && len >= 4) c->send_window += rd32(p) & 0x7fffffffu;
    return;
  default:
    return;
  }
}

static void on_readable(conn_t *c) {
  for (;;) {
    ssize_t n = read(c->fd, c->in + c->in_len, READ_CAP - c->in_len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) break;
    if (n <= 0) {
      // A clean close (a server that sent GOAWAY closes once its streams are done) is not an
      // error; a reset connection is, and many of them end the run.
      if (n < 0 && !LOAD(stopping) && ++c->w->connection_errors > MAX_CONNECTION_ERRORS)
        die("more than 100 connections failed");
      conn_close(c, "connection closed");
      return;
    }
    BUMP(c->w->reads);
    c->in_len += (size_t)n;
    size_t at = 0;
    while (c->in_len - at >= 9) {
      const uint8_t *h = c->in + at;
      uint32_t len = ((uint32_t)h[0] << 16) | ((uint32_t)h[1] << 8) | h[2];
      if (len > READ_CAP - 9) {
        die("a frame larger than the read buffer");
        conn_close(c, "frame too large");
        return;
      }
      if (c->in_len - at < 9 + len) break;
      on_frame(c, h[3], h[4], rd32(h + 5) & 0x7fffffffu, h + 9, len);
      at += 9 + len;
      if (c->closed) return;
    }
    memmove(c->in, c->in + at, c->in_len - at);
    c->in_len -= at;
    if (c->received >= WINDOW / 2) {
      uint8_t inc[4];
      be32(inc, (uint32_t)c->received);
      c->received = 0;
      queue_frame(c, F_WINDOW, 0, 0, inc, 4);
    }
    if ((size_t)n < READ_CAP) break;
  }
}

static void on_connected(conn_t *c) {
  int error = 0;
  socklen_t len = sizeof error;
  getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &error, &len);
  if (error != 0) {
    if (++c->w->connection_errors > MAX_CONNECTION_ERRORS) die("cannot connect to an endpoint");
    conn_close(c, "could not connect");
    return;
  }
  c->connected = 1;
  static const char preface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";
  out_reserve(c, 24);
  memcpy(c->out + c->out_len, preface, 24);
  c->out_len += 24;
  uint8_t settings[12] = {0, 2, 0, 0, 0, 0, 0, 4};
  be32(settings + 8, WINDOW);
  uint8_t inc[4];
  be32(inc, WINDOW - DEFAULT_WINDOW);
  // Frames queued before the preface (none: streams wait for `connected`) would be out of order.
  queue_frame(c, F_SETTINGS, 0, 0, settings, 12);
  queue_frame(c, F_WINDOW, 0, 0, inc, 4);
}

static void conn_open(worker_t *w, int endpoint) {
  conn_t *c = calloc(1, sizeof *c);
  if (c == NULL) die("out of memory");
  c->w = w;
  c->endpoint = endpoint;
  c->next_id = 1;
  c->send_window = DEFAULT_WINDOW;
  c->peer_max_streams = UINT32_MAX;
  c->peer_initial_window = DEFAULT_WINDOW;
  c->mask = table_size - 1;
  c->table = calloc(table_size, sizeof(stream_t));
  c->in = malloc(READ_CAP);
  c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)ports[endpoint])};
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(c->fd, (struct sockaddr *)&addr, sizeof addr); // EINPROGRESS: EPOLLOUT says when
  struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.ptr = c};
  c->out_armed = 1;
  epoll_ctl(w->epfd, EPOLL_CTL_ADD, c->fd, &ev);
  c->next = w->all;
  w->all = c;
  w->current[endpoint] = c;
}

// Frees connections that are closed, or draining with nothing left in flight.
static void retire(worker_t *w) {
  for (conn_t **pp = &w->all; *pp != NULL;) {
    conn_t *c = *pp;
    if (c->draining && !c->closed && c->nstreams == 0 && c->out_len == 0) {
      c->closed = 1;
      epoll_ctl(w->epfd, EPOLL_CTL_DEL, c->fd, NULL);
      close(c->fd);
    }
    if (c->closed) {
      *pp = c->next;
      free(c->table);
      free(c->in);
      free(c->out);
      free(c);
    } else
      pp = &c->next;
  }
}

static void arrivals(worker_t *w) {
  uint64_t expirations;
  if (read(w->timerfd, &expirations, sizeof expirations) < 0) return;
  // Arrivals due by now: a late timer starts the missed ones at once, as a burst of requests
  // would reach Envoy. Each worker takes its share of the rate.
  uint64_t due = (uint64_t)((double)(now_ns() - w->t0) * rate / n_workers / 1e9);
  for (; w->arrived_local < due; w->arrived_local++) {
    if (LOAD(stopping)) return;
    BUMP(w->arrived);
    if (atomic_load_explicit(&pending, memory_order_relaxed) < concurrency) {
      atomic_fetch_add_explicit(&pending, 1, memory_order_relaxed);
      launch(w, 0);
    } else
      BUMP(w->overflow);
  }
}

static void *worker_main(void *arg) {
  worker_t *w = arg;
  atomic_store(&w->tid, (pid_t)syscall(SYS_gettid));
  for (int e = 0; e < n_ports; e++) conn_open(w, e);
  if (rate > 0) {
    w->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    struct itimerspec every = {.it_interval = {0, 1000000}, .it_value = {0, 1000000}};
    timerfd_settime(w->timerfd, 0, &every, NULL);
    struct epoll_event ev = {.events = EPOLLIN, .data.ptr = NULL};
    epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->timerfd, &ev);
    w->t0 = now_ns();
  } else {
    for (int slot = w->index; slot < concurrency; slot += n_workers) wait_push(w, (uint32_t)slot);
  }
  struct epoll_event events[64];
  for (;;) {
    int n = epoll_wait(w->epfd, events, 64, LOAD(stopping) ? 5 : -1);
    for (int i = 0; i < n; i++) {
      conn_t *c = events[i].data.ptr;
      if (c == NULL) {
        arrivals(w);
        continue;
      }
      if (c->closed) continue;
      if (!c->connected && (events[i].events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
        on_connected(c);
        if (c->closed) continue;
      }
      if (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)) on_readable(c);
      if (!c->closed && (events[i].events & EPOLLOUT) && c->connected) mark_dirty(c);
    }
    // Slots waiting for a connection (closed load: also the successors of failed streams).
    for (uint32_t k = w->wait_len; k > 0 && !LOAD(stopping); k--) {
      uint32_t slot = w->waiting[w->wait_head];
      w->wait_head = (w->wait_head + 1) % w->wait_cap;
      w->wait_len--;
      launch(w, slot);
    }
    for (int i = 0; i < w->ndirty; i++) flush(w->dirty[i]);
    w->ndirty = 0;
    retire(w);
  }
  return NULL;
}

// ---- control

static void print_mark(FILE *out) {
  uint64_t t = now_ns();
  uint64_t completed = 0, errors = 0, goaways = 0, reads = 0, arrived = 0, overflow = 0, reconnects = 0;
  for (int i = 0; i < n_workers; i++) {
    worker_t *w = &workers[i];
    completed += LOAD(w->completed);
    errors += LOAD(w->errors);
    goaways += LOAD(w->goaways);
    reads += LOAD(w->reads);
    arrived += LOAD(w->arrived);
    overflow += LOAD(w->overflow);
    reconnects += LOAD(w->reconnects);
  }
  fprintf(out,
          "{\"t\":%.6f,\"completed\":%llu,\"errors\":%llu,\"goaways\":%llu,\"reads\":%llu,\"arrived\":%llu,"
          "\"overflow\":%llu,\"reconnects\":%llu,\"emptyMs\":[",
          (double)t / 1e6, (unsigned long long)completed, (unsigned long long)errors,
          (unsigned long long)goaways, (unsigned long long)reads, (unsigned long long)arrived,
          (unsigned long long)overflow, (unsigned long long)reconnects);
  double empty[MAX_ENDPOINTS], area[MAX_ENDPOINTS];
  for (int e = 0; e < n_ports; e++) {
    pthread_spin_lock(&occ[e].lock);
    occ_advance(&occ[e], t);
    empty[e] = (double)occ[e].empty_ns / 1e6;
    area[e] = occ[e].area_ns / 1e6;
    pthread_spin_unlock(&occ[e].lock);
  }
  for (int e = 0; e < n_ports; e++) fprintf(out, "%s%.6f", e ? "," : "", empty[e]);
  fprintf(out, "],\"areaMs\":[");
  for (int e = 0; e < n_ports; e++) fprintf(out, "%s%.6f", e ? "," : "", area[e]);
  fprintf(out, "]}\n");
  fflush(out);
}

static double percentile(const uint64_t *hist, uint64_t count, double p) {
  uint64_t rank = (uint64_t)((double)count * p / 100.0 + 0.5);
  if (rank < 1) rank = 1;
  uint64_t seen = 0;
  for (int i = 0; i < HIST_BUCKETS; i++) {
    seen += hist[i];
    if (seen >= rank) return hist_value(i);
  }
  return hist_value(HIST_BUCKETS - 1);
}

static void print_done(void) {
  static uint64_t hist[HIST_BUCKETS];
  uint64_t count = 0, max_ns = 0, codes = 0, completed = 0, errors = 0;
  uint32_t inflight = 0;
  const char *last = NULL;
  for (int i = 0; i < n_workers; i++) {
    worker_t *w = &workers[i];
    for (int b = 0; b < HIST_BUCKETS; b++) {
      hist[b] += w->hist[b];
      count += w->hist[b];
    }
    if (w->max_ns > max_ns) max_ns = w->max_ns;
    codes |= LOAD(w->goaway_codes);
    completed += LOAD(w->completed);
    errors += LOAD(w->errors);
    inflight += LOAD(w->inflight_pub);
    if (LOAD(w->last_failure) != NULL) last = LOAD(w->last_failure);
  }
  printf("{\"done\":true,\"inflight\":%u,\"completed\":%llu,\"errors\":%llu,\"recorded\":%llu,", inflight,
         (unsigned long long)completed, (unsigned long long)errors, (unsigned long long)count);
  if (count > 0)
    printf("\"p50Us\":%.3f,\"p99Us\":%.3f,\"maxUs\":%.3f,", percentile(hist, count, 50) / 1e3,
           percentile(hist, count, 99) / 1e3, (double)max_ns / 1e3);
  else
    printf("\"p50Us\":null,\"p99Us\":null,\"maxUs\":null,");
  printf("\"goawayCodes\":[");
  int first = 1;
  for (int b = 0; b < 64; b++) {
    if (codes & (1ull << b)) {
      printf("%s%d", first ? "" : ",", b == 63 ? -1 : b);
      first = 0;
    }
  }
  const char *f = LOAD(fatal);
  printf("],\"lastFailure\":%s%s%s,\"fatal\":%s%s%s}\n", last ? "\"" : "", last ? last : "null",
         last ? "\"" : "", f ? "\"" : "", f ? f : "null", f ? "\"" : "");
  fflush(stdout);
}

static uint8_t *unhex(const char *hex, size_t *len) {
  size_t n = strlen(hex);
  if (n % 2) return NULL;
  uint8_t *out = malloc(n / 2 + 1);
  for (size_t i = 0; i < n / 2; i++) {
    unsigned v;
    if (sscanf(hex + 2 * i, "%2x", &v) != 1) return NULL;
    out[i] = (uint8_t)v;
  }
  *len = n / 2;
  return out;
}

static int usage(const char *why) {
  fprintf(stderr, "envoy-load: %s\n", why);
  return 2;
}

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (eq == NULL) return usage("arguments are name=value");
    *eq = 0;
    const char *k = argv[i], *v = eq + 1;
    if (!strcmp(k, "ports")) {
      for (char *s = (char *)v; *s && n_ports < MAX_ENDPOINTS; n_ports++) {
        ports[n_ports] = (int)strtol(s, &s, 10);
        if (*s == ',') s++;
      }
    } else if (!strcmp(k, "workers")) n_workers = atoi(v);
    else if (!strcmp(k, "concurrency")) concurrency = atoi(v);
    else if (!strcmp(k, "rate")) rate = atof(v);
    else if (!strcmp(k, "lb")) least_request = !strcmp(v, "lr");
    else if (!strcmp(k, "rst")) rst_code = atoi(v);
    else if (!strcmp(k, "first")) first_block = unhex(v, &first_len);
    else if (!strcmp(k, "rest")) rest_block = unhex(v, &rest_len);
    else if (!strcmp(k, "message")) message = unhex(v, &message_len);
    else return usage("unknown argument");
  }
  if (n_ports < 1) return usage("ports= is required");
  if (n_workers < 1 || n_workers > MAX_WORKERS) return usage("workers= must be 1-16");
  if (concurrency < 1) return usage("concurrency= must be positive");
  if (!first_block || !rest_block || !message || message_len < 5) return usage("first=, rest= and message= are required (hex)");
  // Table slots per connection: a power of two above what one connection can have in flight.
  table_size = 1024;
  while (table_size < (uint32_t)concurrency * 4) table_size *= 2;
  // HEADERS(rest) + DATA(message), the stream id patched in per stream.
  template_len = 9 + rest_len + 9 + message_len;
  template = malloc(template_len);
  put_header(template, (uint32_t)rest_len, F_HEADERS, END_HEADERS, 0);
  memcpy(template + 9, rest_block, rest_len);
  template_data_at = 9 + rest_len;
  put_header(template + template_data_at, (uint32_t)message_len, F_DATA, 0, 0);
  memcpy(template + template_data_at + 9, message, message_len);
  uint64_t t0 = now_ns();
  for (int e = 0; e < n_ports; e++) {
    pthread_spin_init(&occ[e].lock, PTHREAD_PROCESS_PRIVATE);
    occ[e].since = t0;
  }
  for (int i = 0; i < n_workers; i++) {
    workers[i].index = i;
    workers[i].random = (0x9e3779b97f4a7c15ull * (uint64_t)(i + 1) ^ t0) | 1; // never 0
    workers[i].epfd = epoll_create1(EPOLL_CLOEXEC);
    pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]);
  }
  // Wait for every worker's thread id, then say ready.
  for (int i = 0; i < n_workers; i++) {
    while (atomic_load(&workers[i].tid) == 0) usleep(100);
  }
  printf("{\"ready\":true,\"pid\":%d,\"tids\":[", (int)getpid());
  for (int i = 0; i < n_workers; i++) printf("%s%d", i ? "," : "", (int)atomic_load(&workers[i].tid));
  printf("]}\n");
  fflush(stdout);
  char line[64];
  while (fgets(line, sizeof line, stdin) != NULL) {
    if (!strncmp(line, "start", 5)) {
      print_mark(stdout);
      STORE(measuring, 1);
    } else if (!strncmp(line, "mark", 4)) {
      print_mark(stdout);
    } else if (!strncmp(line, "stop", 4)) {
      STORE(measuring, 0);
      print_mark(stdout);
      STORE(stopping, 1);
      uint64_t until = now_ns() + DRAIN_NS;
      for (;;) {
        uint32_t inflight = 0;
        for (int i = 0; i < n_workers; i++) inflight += LOAD(workers[i].inflight_pub);
        if (inflight == 0 || now_ns() > until) break;
        usleep(2000);
      }
      print_done();
      return LOAD(fatal) != NULL ? 1 : 0;
    }
  }
  return 0; // stdin closed: the parent is gone
}
