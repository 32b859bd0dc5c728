/*
 * test-util.c — the string pool (util_strpool) and the draining strbuf
 * that large runs rely on: a pooled string is the same pointer for equal
 * text, survives the table's growth and is never confused with another;
 * a drained buffer gives its sink every byte, in order, and reports a
 * refused write.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

START_TEST(equal_strings_are_one_pointer_different_ones_are_not)
{
	util_strpool *p = util_strpool_new();
	ck_assert_ptr_nonnull(p);
	char buf[64];
	const char *first[5000];
	/* Enough strings to grow the table many times and fill several chunks. */
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "host-%d.example.eu", i);
		first[i] = util_strpool_get(p, buf);
		ck_assert_ptr_nonnull(first[i]);
		ck_assert_str_eq(first[i], buf);
		ck_assert_ptr_ne(first[i], buf);
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof(buf), "host-%d.example.eu", i);
		ck_assert_ptr_eq(util_strpool_get(p, buf), first[i]);
	}
	ck_assert_ptr_ne(first[1], first[10]);
	/* The empty string and a string longer than a chunk are kept too. */
	const char *e = util_strpool_get(p, "");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e, "");
	size_t n = 200000;
	char *big = malloc(n + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, 'x', n);
	big[n] = '\0';
	const char *b = util_strpool_get(p, big);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(strlen(b), n);
	ck_assert_ptr_eq(util_strpool_get(p, big), b);
	/* A string added after the big one still lands in a chunk with room. */
	const char *after = util_strpool_get(p, "after");
	ck_assert_str_eq(after, "after");
	ck_assert_str_eq(first[4999], "host-4999.example.eu");
	free(big);
	ck_assert_ptr_null(util_strpool_get(p, NULL));
	util_strpool_free(p);
	util_strpool_free(NULL);
}
END_TEST

struct capture {
	strbuf got;
	size_t calls;
	bool refuse;
};

static bool
capture_write(void *ctx, const void *buf, size_t n)
{
	struct capture *c = ctx;
	c->calls++;
	if (c->refuse)
		return false;
	sb_append(&c->got, buf, n);
	return true;
}

START_TEST(a_drained_buffer_gives_every_byte_in_order)
{
	struct capture c;
	memset(&c, 0, sizeof(c));
	sb_init(&c.got);
	strbuf sb;
	sb_init(&sb);
	sb_drain_to(&sb, capture_write, &c);
	strbuf want;
	sb_init(&want);
	for (int i = 0; i < 100000; i++) {
		sb_printf(&sb, "line %d\n", i);
		sb_printf(&want, "line %d\n", i);
	}
	/* It never held the whole text, and what it held went out in pieces. */
	ck_assert_uint_lt(sb.cap, want.len);
	ck_assert_uint_gt(c.calls, 1);
	ck_assert(sb_drain_flush(&sb));
	ck_assert_uint_eq(sb.len, 0);
	ck_assert_uint_eq(c.got.len, want.len);
	ck_assert_mem_eq(c.got.s, want.s, want.len);
	sb_free(&sb);
	sb_free(&want);
	sb_free(&c.got);
}
END_TEST

START_TEST(a_refused_write_is_reported)
{
	struct capture c;
	memset(&c, 0, sizeof(c));
	sb_init(&c.got);
	c.refuse = true;
	strbuf sb;
	sb_init(&sb);
	sb_drain_to(&sb, capture_write, &c);
	for (int i = 0; i < 100000; i++)
		sb_printf(&sb, "line %d\n", i);
	ck_assert(sb.drain_failed);
	ck_assert(!sb_drain_flush(&sb));
	sb_free(&sb);
	sb_free(&c.got);
}
END_TEST

START_TEST(a_buffer_without_a_sink_keeps_everything)
{
	strbuf sb;
	sb_init(&sb);
	for (int i = 0; i < 100000; i++)
		sb_printf(&sb, "line %d\n", i);
	ck_assert_uint_gt(sb.len, SB_DRAIN_AT);
	ck_assert(sb_drain_flush(&sb));
	ck_assert_uint_gt(sb.len, SB_DRAIN_AT);   /* nothing to drain into */
	ck_assert(strncmp(sb.s, "line 0\nline 1\n", 14) == 0);
	sb_free(&sb);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");
	tcase_add_test(tc, equal_strings_are_one_pointer_different_ones_are_not);
	tcase_add_test(tc, a_drained_buffer_gives_every_byte_in_order);
	tcase_add_test(tc, a_refused_write_is_reported);
	tcase_add_test(tc, a_buffer_without_a_sink_keeps_everything);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
