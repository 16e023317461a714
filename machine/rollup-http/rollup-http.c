/*
 * streamswap-rollup-http: the Rollup HTTP API v2 inside the Cartesi machine, over libcmt.
 *
 * Only what the back-end uses of Cartesi's rollup-http-server (machine-guest-tools), with the same JSON and
 * status codes:
 *   POST /finish                {"status":"accept"|"reject"}          200 + the next request as JSON
 *   POST /notice                {"payload":"0x.."}                    201 {"index":N}
 *   POST /voucher               {"destination","value","payload"}     201 {"index":N}
 *   POST /delegate-call-voucher {"destination","payload"}             201 {"index":N}
 *   POST /report                {"payload":"0x.."}                    202 (empty body)
 *   POST /exception             {"payload":"0x.."}                    does not return (the emulator ends the request)
 * Anything malformed gets 400 with a text/plain reason; an unknown path 404.
 *
 * Usage: streamswap-rollup-http [--port=5004] -- <back-end command...>
 * It listens on 127.0.0.1 first, then starts the back-end as a child process, and exits with a non-zero status
 * when that child exits (the init script then powers the machine off). One thread, poll() over the connections:
 * the back-end sends one request at a time, and /finish blocks inside libcmt until the emulator brings the next
 * input, which is exactly the machine's semantics.
 *
 * SPDX-License-Identifier: Apache-2.0
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libcmt/rollup.h"

#define MAX_CONNS 16
#define MAX_HEADER 16384
/* A payload in hex is at most twice the 2 MiB cmio buffer plus JSON around it. */
#define MAX_BODY (5u << 20)

static cmt_rollup_t rollup;
static bool rollup_ready;
static int current_request = -1; /* -1 none yet, 0 advance, 1 inspect */
static pid_t child = -1;

struct conn {
	int fd;
	char *buf;
	size_t len, cap;
};
static struct conn conns[MAX_CONNS];

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("streamswap-rollup-http: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

/* ---- output buffer for responses and JSON ---- */
struct sbuf {
	char *p;
	size_t len, cap;
};
static void sb_reserve(struct sbuf *b, size_t more)
{
	if (b->len + more + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + more + 1)
		cap *= 2;
	b->p = realloc(b->p, cap);
	if (!b->p)
		die("out of memory");
	b->cap = cap;
}
static void sb_put(struct sbuf *b, const void *s, size_t n)
{
	sb_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = 0;
}
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	sb_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
static void sb_hex(struct sbuf *b, const void *data, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	const uint8_t *d = data;
	sb_reserve(b, 2 + 2 * n);
	b->p[b->len++] = '0';
	b->p[b->len++] = 'x';
	for (size_t i = 0; i < n; i++) {
		b->p[b->len++] = digits[d[i] >> 4];
		b->p[b->len++] = digits[d[i] & 15];
	}
	b->p[b->len] = 0;
}

/* ---- minimal JSON: the string value of a top-level key in a flat object of strings ---- */
static bool json_string(const char *body, size_t n, const char *key, const char **val, size_t *val_len)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i + klen + 2 <= n; i++) {
		if (body[i] != '"' || memcmp(body + i + 1, key, klen) != 0 || body[i + 1 + klen] != '"')
			continue;
		size_t j = i + 2 + klen;
		while (j < n && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r'))
			j++;
		if (j >= n || body[j] != ':')
			continue;
		j++;
		while (j < n && (body[j] == ' ' || body[j] == '\t' || body[j] == '\n' || body[j] == '\r'))
			j++;
		if (j >= n || body[j] != '"')
			return false;
		size_t start = ++j;
		while (j < n && body[j] != '"') {
			if (body[j] == '\\')
				return false; /* hex strings and status words never need escapes */
			j++;
		}
		if (j >= n)
			return false;
		*val = body + start;
		*val_len = j - start;
		return true;
	}
	return false;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes "0x..." (even length) into a malloc'd buffer; false on bad hex. */
static bool decode_hex(const char *s, size_t n, uint8_t **out, size_t *out_len)
{
	if (n < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || (n - 2) % 2)
		return false;
	size_t bytes = (n - 2) / 2;
	uint8_t *d = malloc(bytes ? bytes : 1);
	if (!d)
		die("out of memory");
	for (size_t i = 0; i < bytes; i++) {
		int hi = hexval(s[2 + 2 * i]), lo = hexval(s[3 + 2 * i]);
		if (hi < 0 || lo < 0) {
			free(d);
			return false;
		}
		d[i] = (uint8_t)(hi << 4 | lo);
	}
	*out = d;
	*out_len = bytes;
	return true;
}

/* ---- responses ---- */
static void send_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return; /* the client went away; its next read sees it */
		}
		p += w;
		n -= (size_t)w;
	}
}

static void respond(int fd, int status, const char *type, const char *body, size_t len)
{
	const char *reason = status == 200 ? "OK" : status == 201 ? "Created" : status == 202 ? "Accepted"
		: status == 404 ? "Not Found" : "Bad Request";
	struct sbuf head = { 0 };
	sb_printf(&head, "HTTP/1.1 %d %s\r\ncontent-length: %zu\r\n", status, reason, len);
	if (type)
		sb_printf(&head, "content-type: %s\r\n", type);
	sb_printf(&head, "\r\n");
	sb_put(&head, body, len);
	send_all(fd, head.p, head.len);
	free(head.p);
}

static void bad_request(int fd, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	respond(fd, 400, "text/plain", msg, strlen(msg));
}

static void respond_index(int fd, uint64_t index)
{
	char body[64];
	int n = snprintf(body, sizeof body, "{\"index\":%llu}", (unsigned long long)index);
	respond(fd, 201, "application/json", body, (size_t)n);
}

/* ---- the routes ---- */
static bool payload_of(int fd, const char *body, size_t n, uint8_t **data, size_t *len)
{
	const char *v;
	size_t vn;
	if (!json_string(body, n, "payload", &v, &vn) || !decode_hex(v, vn, data, len)) {
		bad_request(fd, "payload must be a 0x-prefixed hex string");
		return false;
	}
	return true;
}

static bool address_of(int fd, const char *body, size_t n, cmt_abi_address_t *address)
{
	const char *v;
	size_t vn;
	uint8_t *d;
	size_t dn;
	if (!json_string(body, n, "destination", &v, &vn) || vn != 42 || !decode_hex(v, vn, &d, &dn)) {
		bad_request(fd, "address not valid");
		return false;
	}
	memcpy(address->data, d, CMT_ABI_ADDRESS_LENGTH);
	free(d);
	return true;
}

static void route_finish(int fd, const char *body, size_t n)
{
	const char *v;
	size_t vn;
	bool accept;
	if (json_string(body, n, "status", &v, &vn) && vn == 6 && memcmp(v, "accept", 6) == 0)
		accept = true;
	else if (json_string(body, n, "status", &v, &vn) && vn == 6 && memcmp(v, "reject", 6) == 0)
		accept = false;
	else
		return bad_request(fd, "status must be 'accept' or 'reject'");

	cmt_rollup_finish_t finish = { .accept_previous_request = accept };
	int rc = cmt_rollup_finish(&rollup, &finish);
	if (rc)
		return bad_request(fd, "error performing finish request: %s", strerror(-rc));

	struct sbuf out = { 0 };
	if (finish.next_request_type == HTIF_YIELD_REASON_ADVANCE) {
		cmt_rollup_advance_t a;
		rc = cmt_rollup_read_advance_state(&rollup, &a);
		if (rc)
			return bad_request(fd, "error reading advance request: %s", strerror(-rc));
		current_request = 0;
		sb_printf(&out, "{\"request_type\":\"advance_state\",\"data\":{\"metadata\":{\"chain_id\":%llu,\"app_contract\":\"",
			  (unsigned long long)a.chain_id);
		sb_hex(&out, a.app_contract.data, CMT_ABI_ADDRESS_LENGTH);
		sb_printf(&out, "\",\"msg_sender\":\"");
		sb_hex(&out, a.msg_sender.data, CMT_ABI_ADDRESS_LENGTH);
		sb_printf(&out, "\",\"block_number\":%llu,\"block_timestamp\":%llu,\"prev_randao\":\"",
			  (unsigned long long)a.block_number, (unsigned long long)a.block_timestamp);
		sb_hex(&out, a.prev_randao.data, CMT_ABI_U256_LENGTH);
		sb_printf(&out, "\",\"input_index\":%llu},\"payload\":\"", (unsigned long long)a.index);
		sb_hex(&out, a.payload.data, a.payload.length);
		sb_printf(&out, "\"}}");
	} else if (finish.next_request_type == HTIF_YIELD_REASON_INSPECT) {
		cmt_rollup_inspect_t q;
		rc = cmt_rollup_read_inspect_state(&rollup, &q);
		if (rc)
			return bad_request(fd, "error reading inspect request: %s", strerror(-rc));
		current_request = 1;
		sb_printf(&out, "{\"request_type\":\"inspect_state\",\"data\":{\"payload\":\"");
		sb_hex(&out, q.payload.data, q.payload.length);
		sb_printf(&out, "\"}}");
	} else {
		return bad_request(fd, "unknown request type %d", finish.next_request_type);
	}
	respond(fd, 200, "application/json", out.p, out.len);
	free(out.p);
}

static void route_output(int fd, const char *path, const char *body, size_t n)
{
	uint8_t *data = NULL;
	size_t len = 0;
	uint64_t index = 0;
	int rc;
	if (strcmp(path, "/notice") == 0) {
		if (!payload_of(fd, body, n, &data, &len))
			return;
		cmt_abi_bytes_t payload = { .length = len, .data = data };
		rc = cmt_rollup_emit_notice(&rollup, &payload, &index);
		if (rc)
			bad_request(fd, "unable to insert notice, error details: '%s'", strerror(-rc));
		else
			respond_index(fd, index);
	} else if (strcmp(path, "/voucher") == 0 || strcmp(path, "/delegate-call-voucher") == 0) {
		bool delegate = path[1] == 'd';
		cmt_abi_address_t destination;
		cmt_abi_u256_t value = { 0 };
		if (!address_of(fd, body, n, &destination))
			return;
		if (!delegate) {
			const char *v;
			size_t vn;
			uint8_t *vd;
			size_t vdn;
			if (!json_string(body, n, "value", &v, &vn) || !decode_hex(v, vn, &vd, &vdn) || vdn > CMT_ABI_U256_LENGTH)
				return bad_request(fd, "value must be a 0x-prefixed hex string of at most 32 bytes");
			memcpy(value.data + CMT_ABI_U256_LENGTH - vdn, vd, vdn); /* big-endian, left-padded */
			free(vd);
		}
		if (!payload_of(fd, body, n, &data, &len))
			return;
		cmt_abi_bytes_t payload = { .length = len, .data = data };
		rc = delegate ? cmt_rollup_emit_delegate_call_voucher(&rollup, &destination, &payload, &index)
			      : cmt_rollup_emit_voucher(&rollup, &destination, &value, &payload, &index);
		if (rc)
			bad_request(fd, "unable to insert voucher, error details: '%s'", strerror(-rc));
		else
			respond_index(fd, index);
	} else if (strcmp(path, "/report") == 0) {
		if (!payload_of(fd, body, n, &data, &len))
			return;
		cmt_abi_bytes_t payload = { .length = len, .data = data };
		rc = cmt_rollup_emit_report(&rollup, &payload);
		if (rc)
			bad_request(fd, "unable to insert report, error details: '%s'", strerror(-rc));
		else
			respond(fd, 202, NULL, "", 0);
	} else { /* /exception */
		if (!payload_of(fd, body, n, &data, &len))
			return;
		cmt_abi_bytes_t payload = { .length = len, .data = data };
		rc = cmt_rollup_emit_exception(&rollup, &payload);
		if (rc)
			bad_request(fd, "unable to throw exception, error details: '%s'", strerror(-rc));
		else
			respond(fd, 202, NULL, "", 0);
	}
	free(data);
}

static void route(int fd, const char *method, const char *path, const char *body, size_t n)
{
	if (strcmp(method, "POST") != 0) {
		respond(fd, 404, "text/plain", "not found", 9);
		return;
	}
	if (!rollup_ready) {
		int rc = cmt_rollup_init(&rollup);
		if (rc)
			die("cmt_rollup_init: %s", strerror(-rc));
		rollup_ready = true;
	}
	if (strcmp(path, "/finish") == 0)
		route_finish(fd, body, n);
	else if (!strcmp(path, "/notice") || !strcmp(path, "/voucher") || !strcmp(path, "/delegate-call-voucher") ||
		 !strcmp(path, "/report") || !strcmp(path, "/exception"))
		route_output(fd, path, body, n);
	else
		respond(fd, 404, "text/plain", "not found", 9);
}

/* ---- HTTP/1.1 framing: one request at a time per connection, content-length bodies ---- */
static const char *find_crlfcrlf(const char *p, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n')
			return p + i;
	return NULL;
}

/* Handles every complete request in c->buf; returns false when the connection must close. */
static bool serve_buffered(struct conn *c)
{
	for (;;) {
		const char *end = find_crlfcrlf(c->buf, c->len);
		if (!end)
			return c->len < MAX_HEADER;
		size_t head_len = (size_t)(end - c->buf) + 4;
		char method[16] = { 0 }, path[256] = { 0 };
		if (sscanf(c->buf, "%15s %255s", method, path) != 2)
			return false;
		size_t body_len = 0;
		bool chunked = false;
		for (const char *line = strstr(c->buf, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
			if (strncasecmp(line, "content-length:", 15) == 0)
				body_len = strtoull(line + 15, NULL, 10);
			else if (strncasecmp(line, "transfer-encoding:", 18) == 0)
				chunked = true;
		}
		if (chunked || body_len > MAX_BODY) {
			bad_request(c->fd, chunked ? "chunked bodies are not supported" : "body too large");
			return false;
		}
		if (c->len < head_len + body_len)
			return true; /* wait for the rest of the body */
		route(c->fd, method, path, c->buf + head_len, body_len);
		size_t used = head_len + body_len;
		memmove(c->buf, c->buf + used, c->len - used);
		c->len -= used;
	}
}

static void close_conn(struct conn *c)
{
	close(c->fd);
	free(c->buf);
	memset(c, 0, sizeof *c);
	c->fd = -1;
}

static void on_child(int sig)
{
	(void)sig;
	int status;
	if (child > 0 && waitpid(child, &status, WNOHANG) == child) {
		char msg[96];
		int n = snprintf(msg, sizeof msg, "streamswap-rollup-http: the back-end exited (status %d)\n", status);
		if (write(2, msg, (size_t)n) < 0) { /* nothing more to do */
		}
		_exit(1);
	}
}

int main(int argc, char **argv)
{
	int port = 5004, cmd = -1;
	for (int i = 1; i < argc; i++) {
		if (strncmp(argv[i], "--port=", 7) == 0)
			port = atoi(argv[i] + 7);
		else if (strcmp(argv[i], "--") == 0) {
			cmd = i + 1;
			break;
		} else
			die("usage: %s [--port=5004] -- <back-end command...>", argv[0]);
	}
	signal(SIGPIPE, SIG_IGN);

	int listener = socket(AF_INET, SOCK_STREAM, 0);
	int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (bind(listener, (struct sockaddr *)&addr, sizeof addr) || listen(listener, 16))
		die("cannot listen on 127.0.0.1:%d: %s", port, strerror(errno));

	if (cmd > 0 && cmd < argc) {
		signal(SIGCHLD, on_child);
		child = fork();
		if (child == 0) {
			close(listener);
			execvp(argv[cmd], argv + cmd);
			die("cannot start %s: %s", argv[cmd], strerror(errno));
		}
		if (child < 0)
			die("fork: %s", strerror(errno));
	}
	fprintf(stderr, "streamswap-rollup-http: listening on 127.0.0.1:%d\n", port);

	for (int i = 0; i < MAX_CONNS; i++)
		conns[i].fd = -1;
	for (;;) {
		struct pollfd fds[MAX_CONNS + 1];
		int map[MAX_CONNS + 1], n = 0;
		fds[n].fd = listener;
		fds[n].events = POLLIN;
		map[n++] = -1;
		for (int i = 0; i < MAX_CONNS; i++)
			if (conns[i].fd >= 0) {
				fds[n].fd = conns[i].fd;
				fds[n].events = POLLIN;
				map[n++] = i;
			}
		if (poll(fds, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		for (int k = 0; k < n; k++) {
			if (!fds[k].revents)
				continue;
			if (map[k] < 0) {
				int fd = accept(listener, NULL, NULL);
				if (fd < 0)
					continue;
				setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
				int slot = -1;
				for (int i = 0; i < MAX_CONNS; i++)
					if (conns[i].fd < 0) {
						slot = i;
						break;
					}
				if (slot < 0) {
					close(fd);
					continue;
				}
				conns[slot].fd = fd;
				continue;
			}
			struct conn *c = &conns[map[k]];
			if (c->cap - c->len < 65536) {
				size_t cap = c->cap ? c->cap * 2 : 131072;
				if (cap > 4 * (size_t)MAX_BODY) {
					close_conn(c);
					continue;
				}
				c->buf = realloc(c->buf, cap);
				if (!c->buf)
					die("out of memory");
				c->cap = cap;
			}
			ssize_t r = read(c->fd, c->buf + c->len, c->cap - c->len - 1);
			if (r <= 0) {
				if (r < 0 && errno == EINTR)
					continue;
				close_conn(c);
				continue;
			}
			c->len += (size_t)r;
			c->buf[c->len] = 0;
			if (!serve_buffered(c))
				close_conn(c);
		}
	}
}
