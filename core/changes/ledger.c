/*
 * ledger.c — the §19.6.f notice ledger (notices.json, docs/monitoring.md):
 * every change that affects §19.6 opens a notice, kept from the run that
 * first saw it — with its deadline, one month later — until customers were
 * told (acknowledged) or the change was reverted. Overdue notices are
 * findings of 19.6.f. Updating is pure; reading and writing notices.json
 * refuse what a hand or a bad disk may have left there.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "changes.h"
#include "util.h"

const char *const ch_status_names[] = {"open", "acknowledged", "reverted", NULL};

#define LEDGER_MAX_NOTICES 100000u
#define LEDGER_MAX_BYTES (64u << 20)

static void
item_free(ch_item *it)
{
	free(it->aspect);
	free(it->old_value);
	free(it->new_value);
	free(it->old_label);
	free(it->new_label);
}

static void
notice_free(ch_notice *n)
{
	free(n->subject);
	for (size_t i = 0; i < n->nitems; i++)
		item_free(&n->items[i]);
	free(n->items);
	free(n->acked_by);
	for (int l = 0; l < SC_LANG_COUNT; l++)
		free(n->text[l]);
}

sc_ledger *
sc_ledger_new(void)
{
	return calloc(1, sizeof(sc_ledger));
}

void
sc_ledger_free(sc_ledger *ld)
{
	if (ld == NULL)
		return;
	for (size_t i = 0; i < ld->n; i++)
		notice_free(&ld->v[i]);
	free(ld->v);
	free(ld);
}

size_t
sc_ledger_count(const sc_ledger *ld)
{
	return ld ? ld->n : 0;
}

static ch_notice *
grow(sc_ledger *ld)
{
	if (ld->n == ld->cap) {
		size_t cap = ld->cap ? ld->cap * 2 : 16;
		ch_notice *v = realloc(ld->v, cap * sizeof(*v));
		if (v == NULL)
			return NULL;
		ld->v = v;
		ld->cap = cap;
	}
	ch_notice *n = &ld->v[ld->n];
	memset(n, 0, sizeof(*n));
	return n;
}

ch_notice *
ch_ledger_find(const sc_ledger *ld, const char *id)
{
	for (size_t i = 0; ld && i < ld->n; i++)
		if (strcmp(ld->v[i].id, id) == 0)
			return &ld->v[i];
	return NULL;
}

bool
ch_notice_overdue(const ch_notice *n, const char *date)
{
	return n->status == CH_OPEN && strcmp(date, n->deadline) > 0;
}

sc_msg *
ch_item_msg(const ch_notice *n, size_t i, const ch_facts *cur)
{
	const ch_item *it = &n->items[i];
	if (it->whole) {
		size_t first = 0, nf = cur ? ch_facts_find(cur, n->kind, n->subject, NULL, &first) : 0;
		return ch_change_msg_of(n->kind, n->subject, "*", false, true, true, NULL, NULL, NULL,
		                        NULL, NULL, NULL, nf ? cur : NULL, first, nf);
	}
	if (it->set)
		return ch_change_msg_of(n->kind, n->subject, it->aspect, true, false, true, NULL, NULL,
		                        it->new_value, it->new_label, it->new_cc, NULL, NULL, 0, 0);
	return ch_change_msg_of(n->kind, n->subject, it->aspect, false, false, true,
	                        it->old_value[0] ? it->old_value : NULL, it->old_label,
	                        it->new_value[0] ? it->new_value : NULL, it->new_label, it->new_cc,
	                        it->old_cc, NULL, 0, 0);
}

sc_msg *
ch_notice_msg(const ch_notice *n, const ch_facts *cur)
{
	if (n->nitems == 1)
		return ch_item_msg(n, 0, cur);
	sc_msg *m = msg_new("chg.several");
	msg_items *l = msg_list(m, "changes", ';');
	for (size_t i = 0; i < n->nitems; i++)
		msg_item_sub(m, l, ch_item_msg(n, i, cur));
	return m;
}

/* Is item it of n still in force in cur? (false: reverted) */
static bool
still_there(const ch_notice *n, const ch_item *it, const ch_facts *cur)
{
	size_t i, k = ch_facts_find(cur, n->kind, n->subject, it->whole ? NULL : it->aspect, &i);
	if (it->whole)
		return k > 0;
	if (it->set) {
		for (size_t q = 0; q < k; q++)
			if (strcmp(cur->v[i + q].value, it->new_value) == 0)
				return true;
		return false;
	}
	/* one value: reverted when it is back to what it was */
	if (k == 0)
		return it->old_value[0] != '\0';
	return strcmp(cur->v[i].value, it->old_value) != 0;
}

static char *
dup0(const char *s)
{
	return strdup(s ? s : "");
}

static bool
add_item(ch_notice *n, const ch_change *c)
{
	ch_item *v = realloc(n->items, (n->nitems + 1) * sizeof(*v));
	if (v == NULL)
		return false;
	n->items = v;
	ch_item *it = &v[n->nitems++];
	memset(it, 0, sizeof(*it));
	const ch_fact *x = c->cur ? c->cur : c->old;
	snprintf(it->key, sizeof(it->key), "%s", c->key);
	it->set = x->set;
	it->whole = c->whole;
	it->aspect = dup0(c->whole ? "*" : x->aspect);
	bool keep_old = !c->whole && c->old != NULL;
	bool keep_new = !c->whole && c->cur != NULL;
	it->old_value = dup0(keep_old ? c->old->value : "");
	it->old_label = dup0(keep_old ? c->old->label : "");
	it->new_value = dup0(keep_new ? c->cur->value : "");
	it->new_label = dup0(keep_new ? c->cur->label : "");
	if (keep_old)
		memcpy(it->old_cc, c->old->cc, 3);
	if (keep_new)
		memcpy(it->new_cc, c->cur->cc, 3);
	return it->aspect && it->old_value && it->old_label && it->new_value && it->new_label;
}

static ch_notice *
open_notice(sc_ledger *ld, const ch_change *c, const char *date)
{
	ch_notice *n = grow(ld);
	if (n == NULL)
		return NULL;
	ld->n++;
	const ch_fact *x = c->cur ? c->cur : c->old;
	char base[24];
	snprintf(base, sizeof(base), "N-%.4s%.2s%.2s-%.6s", date, date + 5, date + 8, c->key + 2);
	snprintf(n->id, sizeof(n->id), "%s", base);
	for (unsigned k = 2; k < 1000; k++) {
		bool taken = false;
		for (size_t q = 0; q + 1 < ld->n && !taken; q++)
			taken = strcmp(ld->v[q].id, n->id) == 0;
		if (!taken)
			break;
		snprintf(n->id, sizeof(n->id), "%s-%u", base, k % 1000u);
	}
	n->kind = x->kind;
	snprintf(n->criterion, sizeof(n->criterion), "%s", ch_criterion(x->kind, x->aspect));
	n->subject = dup0(x->subject);
	memcpy(n->first_seen, date, 11);
	if (!util_add_months(date, 1, n->deadline))
		snprintf(n->deadline, sizeof(n->deadline), "%s", "9999-12-31");
	n->status = CH_OPEN;
	n->new_now = true;
	return n->subject ? n : NULL;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The keys of the changes open notices are about, sorted (NULL when out
 * of memory; *ret_n 0 and NULL when there are none). */
static const char **
open_keys(const sc_ledger *ld, size_t *ret_n, bool *ret_oom)
{
	size_t n = 0;
	for (size_t k = 0; k < ld->n; k++)
		if (ld->v[k].status == CH_OPEN)
			n += ld->v[k].nitems;
	*ret_n = 0;
	*ret_oom = false;
	if (n == 0)
		return NULL;
	const char **v = malloc(n * sizeof(*v));
	if (v == NULL) {
		*ret_oom = true;
		return NULL;
	}
	size_t w = 0;
	for (size_t k = 0; k < ld->n; k++)
		if (ld->v[k].status == CH_OPEN)
			for (size_t i = 0; i < ld->v[k].nitems; i++)
				v[w++] = ld->v[k].items[i].key;
	qsort(v, w, sizeof(*v), key_cmp);
	*ret_n = w;
	return v;
}

bool
ch_ledger_update(sc_ledger *ld, const ch_list *l, const ch_facts *cur, const char *date)
{
	size_t before = ld->n;
	ld->cur = cur;
	for (size_t i = 0; i < ld->n; i++)
		ld->v[i].new_now = ld->v[i].overdue_now = false;
	/* the notices this run opens: one per subject (changes are sorted by
	 * subject), none for a change an open notice is already about */
	size_t nkeys;
	bool oom;
	const char **keys = open_keys(ld, &nkeys, &oom);
	if (oom)
		return false;
	ch_notice *n = NULL;
	const ch_fact *at = NULL;
	for (size_t i = 0; i < l->n; i++) {
		const ch_change *c = &l->v[i];
		const char *k = c->key;
		if (c->cls != CH_CONTROL ||
		    (nkeys && bsearch(&k, keys, nkeys, sizeof(*keys), key_cmp) != NULL))
			continue;
		const ch_fact *x = c->cur ? c->cur : c->old;
		if (n == NULL || at == NULL || at->kind != x->kind || strcmp(at->subject, x->subject) != 0) {
			/* the keys point into the items of the notices open before
			 * this run: growing the ledger moves notices, not their items */
			if ((n = open_notice(ld, c, date)) == NULL) {
				free(keys);
				return false;
			}
			at = x;
		}
		if (!add_item(n, c)) {
			free(keys);
			return false;
		}
	}
	free(keys);
	for (size_t k = before; k < ld->n; k++) {
		ch_notice *o = &ld->v[k];
		sc_msg *m = ch_notice_msg(o, cur);
		for (int q = 0; q < SC_LANG_COUNT; q++)
			if ((o->text[q] = msg_string((sc_lang)q, m)) == NULL) {
				msg_free(m);
				return false;
			}
		msg_free(m);
	}
	for (size_t i = 0; i < before; i++) {
		ch_notice *o = &ld->v[i];
		if (o->status != CH_OPEN)
			continue;
		bool any = false;
		for (size_t k = 0; k < o->nitems && !any; k++)
			any = still_there(o, &o->items[k], cur);
		if (!any) {
			o->status = CH_REVERTED;
			memcpy(o->closed_on, date, 11);
		} else if (ch_notice_overdue(o, date) && o->overdue_alerted[0] == '\0') {
			memcpy(o->overdue_alerted, date, 11);
			o->overdue_now = true;
		}
	}
	return true;
}

/* --------------------------------------------------------- public view */

bool
sc_ledger_notice(const sc_ledger *ld, size_t i, const char *date, sc_notice_view *ret)
{
	if (ld == NULL || i >= ld->n)
		return false;
	const ch_notice *n = &ld->v[i];
	memset(ret, 0, sizeof(*ret));
	ret->id = n->id;
	ret->status = ch_status_names[n->status];
	ret->criterion = n->criterion;
	ret->subject = n->subject;
	ret->text = n->text[SC_LANG_EN] ? n->text[SC_LANG_EN] : "";
	ret->first_seen = n->first_seen;
	ret->deadline = n->deadline;
	ret->closed_on = n->closed_on;
	ret->acked_by = n->acked_by;
	ret->overdue = date && ch_notice_overdue(n, date);
	ret->new_now = n->new_now;
	ret->overdue_now = n->overdue_now;
	return true;
}

sc_status
sc_ledger_ack(sc_ledger *ld, const char *id, const char *by, const char *date, sc_err *err)
{
	ch_notice *n = ch_ledger_find(ld, id);
	if (n == NULL)
		return util_err(err, SC_ERR_NOTFOUND, NULL, 0, 0, "notice",
		                "no notice has the id '%s' (see 'sovcheck notice list')", id);
	if (by == NULL || *by == '\0' || strlen(by) > 200)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "notice",
		                "--by names who informed the customers (1 to 200 characters)");
	if (!sc_date_parse(date, NULL, NULL, NULL))
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "notice", "invalid date %s", date);
	if (n->status != CH_OPEN)
		return util_err(err, SC_ERR_INVALID, NULL, 0, 0, "notice",
		                "notice %s is already %s (on %s)", id, ch_status_names[n->status],
		                n->closed_on);
	if (strcmp(date, n->first_seen) < 0)
		return util_err(err, SC_ERR_USAGE, NULL, 0, 0, "notice",
		                "notice %s was opened on %s: it cannot be acknowledged on %s", id,
		                n->first_seen, date);
	char *b = strdup(by);
	if (b == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	free(n->acked_by);
	n->acked_by = b;
	n->status = CH_ACKNOWLEDGED;
	memcpy(n->closed_on, date, 11);
	return SC_OK;
}

/* ---------------------------------------------------------------- JSON */

static json_t *
side_json(const char *value, const char *label, const char *cc)
{
	return json_pack("{s:s, s:s, s:s}", "value", value, "label", label, "country", cc);
}

char *
sc_ledger_to_json(const sc_ledger *ld)
{
	json_t *root = json_pack("{s:i}", "schema_version", 1), *arr = json_array();
	bool oom = root == NULL || arr == NULL;
	for (size_t i = 0; !oom && ld && i < ld->n; i++) {
		const ch_notice *n = &ld->v[i];
		json_t *items = json_array();
		for (size_t k = 0; items && k < n->nitems; k++) {
			const ch_item *it = &n->items[k];
			if (json_array_append_new(items, json_pack("{s:s, s:s, s:b, s:b, s:o, s:o}",
			        "key", it->key, "aspect", it->aspect, "set", it->set, "whole", it->whole,
			        "old", side_json(it->old_value, it->old_label, it->old_cc),
			        "new", side_json(it->new_value, it->new_label, it->new_cc))) != 0) {
				json_decref(items);
				items = NULL;
			}
		}
		json_t *o = items ? json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:{s:s, s:s},"
		                              " s:s, s:s, s:s, s:s, s:s}",
		                              "id", n->id, "status", ch_status_names[n->status],
		                              "criterion", n->criterion, "kind", ch_kind_names[n->kind],
		                              "subject", n->subject, "changes", items,
		                              "text", "en", n->text[SC_LANG_EN] ? n->text[SC_LANG_EN] : "",
		                              "fr", n->text[SC_LANG_FR] ? n->text[SC_LANG_FR] : "",
		                              "first_seen", n->first_seen, "deadline", n->deadline,
		                              "closed_on", n->closed_on,
		                              "overdue_alerted", n->overdue_alerted,
		                              "acknowledged_by", n->acked_by ? n->acked_by : "") : NULL;
		oom = o == NULL || json_array_append_new(arr, o) != 0;
	}
	char *s = NULL;
	if (!oom && json_object_set_new(root, "notices", arr) == 0) {
		arr = NULL;
		s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER | SC_JSON_REAL);
	}
	json_decref(arr);
	json_decref(root);
	return s;
}

static bool
date_or_empty(const char *s)
{
	return *s == '\0' || sc_date_parse(s, NULL, NULL, NULL);
}

static int
name_index(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n && names[i]; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

#define LEDGER_MAX_ITEMS 1000u

/* One change of a notice from JSON; NULL on success, else what is wrong. */
static const char *
item_from(json_t *o, ch_item *it)
{
	const char *key, *aspect, *ov, *ol, *occ, *nv, *nl, *ncc;
	int set, whole;
	json_error_t e;
	if (json_unpack_ex(o, &e, JSON_STRICT,
	                   "{s:s, s:s, s:b, s:b, s:{s:s, s:s, s:s}, s:{s:s, s:s, s:s}}",
	                   "key", &key, "aspect", &aspect, "set", &set, "whole", &whole,
	                   "old", "value", &ov, "label", &ol, "country", &occ,
	                   "new", "value", &nv, "label", &nl, "country", &ncc) != 0)
		return "a change lacks a field, has one of the wrong type or one unknown";
	if (strlen(key) >= sizeof(it->key) || strlen(occ) > 2 || strlen(ncc) > 2 || !*aspect)
		return "a change's key, aspect or country is malformed";
	snprintf(it->key, sizeof(it->key), "%s", key);
	it->set = set;
	it->whole = whole;
	snprintf(it->old_cc, sizeof(it->old_cc), "%s", occ);
	snprintf(it->new_cc, sizeof(it->new_cc), "%s", ncc);
	it->aspect = strdup(aspect);
	it->old_value = strdup(ov);
	it->old_label = strdup(ol);
	it->new_value = strdup(nv);
	it->new_label = strdup(nl);
	if (!it->aspect || !it->old_value || !it->old_label || !it->new_value || !it->new_label)
		return "out of memory";
	return NULL;
}

/* One notice from JSON; NULL on success, else what is wrong. */
static const char *
notice_from(json_t *o, ch_notice *n)
{
	const char *id, *status, *crit, *kind, *subject, *first, *deadline, *closed, *alerted,
	           *by = "", *ten = "", *tfr = "";
	json_t *items;
	json_error_t e;
	if (json_unpack_ex(o, &e, JSON_STRICT,
	                   "{s:s, s:s, s:s, s:s, s:s, s:o, s?{s?s, s?s}, s:s, s:s, s:s, s:s, s:s}",
	                   "id", &id, "status", &status, "criterion", &crit, "kind", &kind,
	                   "subject", &subject, "changes", &items, "text", "en", &ten, "fr", &tfr,
	                   "first_seen", &first, "deadline", &deadline, "closed_on", &closed,
	                   "overdue_alerted", &alerted, "acknowledged_by", &by) != 0)
		return "a notice lacks a field, has one of the wrong type or one unknown";
	int st = name_index(ch_status_names, 3, status);
	int k = name_index(ch_kind_names, CH_KIND_COUNT, kind);
	if (st < 0)
		return "unknown status";
	if (k < 0)
		return "unknown kind";
	if (strlen(id) >= sizeof(n->id) || strncmp(id, "N-", 2) != 0 ||
	    strlen(crit) >= sizeof(n->criterion))
		return "an id or criterion is malformed";
	if (!sc_date_parse(first, NULL, NULL, NULL) || !sc_date_parse(deadline, NULL, NULL, NULL) ||
	    !date_or_empty(closed) || !date_or_empty(alerted))
		return "a date is malformed";
	if ((st == CH_OPEN) != (*closed == '\0') || (st == CH_ACKNOWLEDGED) != (*by != '\0'))
		return "its status disagrees with its dates";
	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > LEDGER_MAX_ITEMS)
		return "its changes are not a list of 1 to 1000";
	snprintf(n->id, sizeof(n->id), "%s", id);
	snprintf(n->criterion, sizeof(n->criterion), "%s", crit);
	n->status = (ch_status)st;
	n->kind = (ch_kind)k;
	memcpy(n->first_seen, first, 11);
	memcpy(n->deadline, deadline, 11);
	snprintf(n->closed_on, sizeof(n->closed_on), "%s", closed);
	snprintf(n->overdue_alerted, sizeof(n->overdue_alerted), "%s", alerted);
	n->subject = strdup(subject);
	n->text[SC_LANG_EN] = strdup(ten);
	n->text[SC_LANG_FR] = strdup(tfr);
	n->acked_by = *by ? strdup(by) : NULL;
	if (!n->subject || !n->text[SC_LANG_EN] || !n->text[SC_LANG_FR] || (*by && !n->acked_by))
		return "out of memory";
	if ((n->items = calloc(json_array_size(items), sizeof(*n->items))) == NULL)
		return "out of memory";
	for (size_t i = 0; i < json_array_size(items); i++) {
		n->nitems++;
		const char *why = item_from(json_array_get(items, i), &n->items[i]);
		if (why)
			return why;
	}
	return NULL;
}

sc_status
sc_ledger_load(const char *path, sc_ledger **ret, sc_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	sc_ledger *ld = sc_ledger_new();
	if (ld == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	FILE *probe = fopen(path, "rb");
	if (probe == NULL && errno == ENOENT) {   /* no ledger yet: an empty one */
		*ret = ld;
		return SC_OK;
	}
	if (probe)
		fclose(probe);
	sc_status st = util_read_file(path, LEDGER_MAX_BYTES, &buf, &len, err);
	if (st != SC_OK) {
		sc_ledger_free(ld);
		return st;
	}
	json_error_t e;
	json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &e);
	free(buf);
	if (root == NULL) {
		sc_ledger_free(ld);
		return util_err(err, SC_ERR_INVALID, path, (unsigned)e.line, (unsigned)e.column, "ledger",
		                "not JSON: %s", e.text);
	}
	json_int_t ver = 0;
	json_t *arr = NULL;
	const char *why = NULL;
	if (json_unpack_ex(root, &e, JSON_STRICT, "{s:I, s:o}", "schema_version", &ver, "notices",
	                   &arr) != 0 || ver != 1 || !json_is_array(arr))
		why = "expected {\"schema_version\": 1, \"notices\": [...]}";
	else if (json_array_size(arr) > LEDGER_MAX_NOTICES)
		why = "more notices than a ledger may hold";
	size_t i = 0;
	for (; why == NULL && i < json_array_size(arr); i++) {
		ch_notice *n = grow(ld);
		if (n == NULL) {
			why = "out of memory";
			break;
		}
		ld->n++;
		why = notice_from(json_array_get(arr, i), n);
		if (why == NULL && ch_ledger_find(ld, n->id) != n)
			why = "two notices have the same id";
	}
	json_decref(root);
	if (why) {
		sc_ledger_free(ld);
		if (i)
			return util_err(err, SC_ERR_INVALID, path, 0, 0, "ledger", "notice %zu: %s", i, why);
		return util_err(err, SC_ERR_INVALID, path, 0, 0, "ledger", "%s", why);
	}
	*ret = ld;
	return SC_OK;
}

sc_status
sc_ledger_save(const sc_ledger *ld, const char *path, sc_err *err)
{
	char *s = sc_ledger_to_json(ld);
	if (s == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	size_t n = strlen(s);
	s[n] = '\0';
	strbuf sb;
	sb_init(&sb);
	sb_puts(&sb, s);
	sb_puts(&sb, "\n");
	free(s);
	if (sb.oom) {
		sb_free(&sb);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	sc_status st = sc_write_atomic(path, sb.s, sb.len, err);
	sb_free(&sb);
	return st;
}
