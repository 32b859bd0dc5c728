/*
 * diff.c — the monitor (docs/architecture.md): what changed between two
 * filings (two evidence bundles, or a run and its baseline): operators that appeared or disappeared,
 * addresses that moved, addresses newly located outside the EU on a data
 * path, and requirements whose verdict changed. A new dependency controlled
 * or located outside the EU, or a requirement that got worse, is what the
 * nightly job must be woken up for (exit 1, §19.6.f).
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "filing.h"
#include "text.h"
#include "util.h"

typedef struct df_op {
	const gn_op *op;
	bool non_eu;
} df_op;

typedef struct df_ip {
	const gn_dep *old, *cur;   /* old NULL: a new address */
} df_ip;

typedef struct df_req {
	const char *id;
	sc_verdict old_v, new_v;
	bool regression;
} df_req;

struct sc_diff {
	char old_date[11], new_date[11];
	df_op *added, *removed;
	size_t nadded, nremoved;
	df_ip *moved, *outside;   /* relocated; new addresses located outside the EU */
	size_t nmoved, noutside;
	df_req *reqs;
	size_t nreqs;
	bool new_non_eu, regression;
};

void
sc_diff_free(sc_diff *d)
{
	if (d == NULL)
		return;
	free(d->added);
	free(d->removed);
	free(d->moved);
	free(d->outside);
	free(d->reqs);
	free(d);
}

static const gn_op *
find_op(const sc_graph *g, const sc_entity *e)
{
	for (size_t i = 0; g && i < g->nops; i++)
		if (g->ops[i].entity == e)
			return &g->ops[i];
	return NULL;
}

static const gn_dep *
find_ip(const sc_graph *g, const char *ip)
{
	/* deps are sorted by kind then subject */
	size_t lo = 0, hi = g ? g->ndeps : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const gn_dep *d = &g->deps[mid];
		int c = strcmp(d->kind, "ip");
		if (c == 0)
			c = strcmp(d->subject, ip);
		if (c == 0)
			return d;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool
push(void **arr, size_t *n, size_t size, const void *item)
{
	char *p = realloc(*arr, (*n + 1) * size);
	if (p == NULL)
		return false;
	memcpy(p + *n * size, item, size);
	*arr = p;
	(*n)++;
	return true;
}

static bool
op_non_eu(const gn_op *o, const pk_set *eu27)
{
	const char *cc = o->ultimate ? sc_entity_country(o->ultimate) : NULL;
	return cc == NULL || *cc == '\0' || !pk_set_has(eu27, cc);
}

sc_status
sc_diff_compute(const sc_filing *fa, const sc_filing *fb, sc_diff **ret, sc_err *err)
{
	const sc_result *a = fa->result, *b = fb->result;
	const sc_pack *pack = fb->pack;
	const pk_set *eu27 = pk_find_set(pack, "EU27"), *eu = pk_find_set(pack, "EU");
	if (eu27 == NULL || eu == NULL)
		return util_err(err, SC_ERR_INVALID, sc_pack_path(pack), 0, 0, "pack",
		                "the pack's country sets define no EU27 and EU sets");
	sc_diff *d = calloc(1, sizeof(*d));
	if (d == NULL)
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	memcpy(d->old_date, a->date, 11);
	memcpy(d->new_date, b->date, 11);
	const sc_graph *ga = fa->graph, *gb = fb->graph;
	bool ok = true;
	for (size_t i = 0; gb && i < gb->nops && ok; i++) {
		const gn_op *o = &gb->ops[i];
		if (find_op(ga, o->entity) == NULL) {
			df_op x = {o, op_non_eu(o, eu27) && !o->is_provider};
			ok = push((void **)&d->added, &d->nadded, sizeof(x), &x);
			d->new_non_eu = d->new_non_eu || x.non_eu;
		}
	}
	for (size_t i = 0; ga && i < ga->nops && ok; i++) {
		const gn_op *o = &ga->ops[i];
		if (find_op(gb, o->entity) == NULL) {
			df_op x = {o, op_non_eu(o, eu27)};
			ok = push((void **)&d->removed, &d->nremoved, sizeof(x), &x);
		}
	}
	for (size_t i = 0; gb && i < gb->ndeps && ok; i++) {
		const gn_dep *n = &gb->deps[i];
		if (strcmp(n->kind, "ip") != 0)
			continue;
		const gn_dep *o = find_ip(ga, n->subject);
		df_ip x = {o, n};
		if (o && strcmp(o->location, n->location) != 0) {
			ok = push((void **)&d->moved, &d->nmoved, sizeof(x), &x);
			if (n->location[0] && !pk_set_has(eu, n->location) &&
			    (n->data & ~(1u << MF_DATA_NONE)))
				d->new_non_eu = true;
		} else if (o == NULL && n->location[0] && !pk_set_has(eu, n->location) &&
		           (n->data & ~(1u << MF_DATA_NONE))) {
			ok = push((void **)&d->outside, &d->noutside, sizeof(x), &x);
			d->new_non_eu = true;
		}
	}
	for (size_t i = 0; i < b->nreqs && ok; i++) {
		const rs_req *q = &b->reqs[i];
		const char *id = sc_requirement_id(q->req);
		for (size_t j = 0; j < a->nreqs; j++) {
			if (strcmp(sc_requirement_id(a->reqs[j].req), id) != 0)
				continue;
			if (a->reqs[j].verdict == q->verdict)
				break;
			df_req x = {id, a->reqs[j].verdict, q->verdict,
			            rs_verdict_rank(q->verdict) > rs_verdict_rank(a->reqs[j].verdict)};
			ok = push((void **)&d->reqs, &d->nreqs, sizeof(x), &x);
			d->regression = d->regression || x.regression;
			break;
		}
	}
	if (!ok) {
		sc_diff_free(d);
		return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
	}
	*ret = d;
	return SC_OK;
}

int
sc_diff_exit_code(const sc_diff *d)
{
	return d->new_non_eu || d->regression ? 1 : 0;
}

static const char *
ctl_country(const gn_op *o)
{
	const char *cc = o->ultimate ? sc_entity_country(o->ultimate) : NULL;
	return cc && *cc ? cc : "?";
}

/* Values shown in the text, made visible (text.c); a ring of buffers
 * keeps the few of one line alive until it is written. */
struct vis {
	strbuf b[4];
	int k;
};

static const char *
vis(struct vis *v, const char *s)
{
	strbuf *b = &v->b[v->k++ % 4];
	sb_free(b);
	sb_init(b);
	sb_puts(b, "");
	text_visible(b, s);
	return b->s ? b->s : "";
}

char *
sc_diff_to_text(const sc_diff *d)
{
	strbuf sb;
	sb_init(&sb);
	strbuf *out = &sb;
	struct vis v;
	memset(&v, 0, sizeof(v));
	sb_printf(out, "changes from %s to %s\n", d->old_date, d->new_date);
	for (size_t i = 0; i < d->nadded; i++) {
		const gn_op *o = d->added[i].op;
		sb_printf(out, "  + operator %s (controlled from %s)%s: %s\n",
		          vis(&v, sc_entity_name(o->entity)), ctl_country(o),
		          d->added[i].non_eu ? " NEW NON-EU DEPENDENCY" : "",
		          vis(&v, o->npaths ? o->paths[0] : "?"));
	}
	for (size_t i = 0; i < d->nremoved; i++)
		sb_printf(out, "  - operator %s (controlled from %s)\n",
		          vis(&v, sc_entity_name(d->removed[i].op->entity)), ctl_country(d->removed[i].op));
	for (size_t i = 0; i < d->nmoved; i++)
		sb_printf(out, "  ~ %s moved from %s to %s\n", vis(&v, d->moved[i].cur->subject),
		          d->moved[i].old->location[0] ? d->moved[i].old->location : "?",
		          d->moved[i].cur->location[0] ? d->moved[i].cur->location : "?");
	for (size_t i = 0; i < d->noutside; i++)
		sb_printf(out, "  + %s located in %s (outside the EU) carries data, via %s\n",
		          vis(&v, d->outside[i].cur->subject), d->outside[i].cur->location,
		          vis(&v, d->outside[i].cur->nvia ? d->outside[i].cur->via[0] : "?"));
	for (size_t i = 0; i < d->nreqs; i++)
		sb_printf(out, "  %s %s: %s -> %s\n", d->reqs[i].regression ? "!" : " ",
		          vis(&v, d->reqs[i].id), sc_verdict_to_string(d->reqs[i].old_v),
		          sc_verdict_to_string(d->reqs[i].new_v));
	if (!d->nadded && !d->nremoved && !d->nmoved && !d->noutside && !d->nreqs)
		sb_puts(out, "  no change\n");
	sb_printf(out, "%s\n", d->new_non_eu ? "a new non-EU dependency appeared" :
	          d->regression ? "a requirement regressed" : "no new non-EU dependency, no regression");
	for (int i = 0; i < 4; i++)
		sb_free(&v.b[i]);
	if (sb.oom) {
		sb_free(&sb);
		return NULL;
	}
	return sb.s;
}

char *
sc_diff_to_json(const sc_diff *d)
{
	json_t *root = json_pack("{s:i, s:s, s:s, s:b, s:b}", "schema_version", 1, "old_date",
	                         d->old_date, "new_date", d->new_date, "new_non_eu_dependency",
	                         d->new_non_eu, "regression", d->regression);
	json_t *add = json_array(), *rem = json_array(), *mv = json_array(), *out = json_array(),
	       *rq = json_array();
	bool oom = root == NULL || !add || !rem || !mv || !out || !rq;
	for (size_t i = 0; !oom && i < d->nadded; i++) {
		const gn_op *o = d->added[i].op;
		oom = json_array_append_new(add, json_pack("{s:s, s:s, s:s, s:b, s:s}", "operator",
		          sc_entity_name(o->entity), "id", sc_entity_id(o->entity), "controller_country",
		          ctl_country(o), "non_eu", d->added[i].non_eu, "path",
		          o->npaths ? o->paths[0] : "")) != 0;
	}
	for (size_t i = 0; !oom && i < d->nremoved; i++) {
		const gn_op *o = d->removed[i].op;
		oom = json_array_append_new(rem, json_pack("{s:s, s:s, s:s}", "operator",
		          sc_entity_name(o->entity), "id", sc_entity_id(o->entity), "controller_country",
		          ctl_country(o))) != 0;
	}
	for (size_t i = 0; !oom && i < d->nmoved; i++)
		oom = json_array_append_new(mv, json_pack("{s:s, s:s, s:s}", "address",
		          d->moved[i].cur->subject, "from", d->moved[i].old->location, "to",
		          d->moved[i].cur->location)) != 0;
	for (size_t i = 0; !oom && i < d->noutside; i++)
		oom = json_array_append_new(out, json_pack("{s:s, s:s}", "address",
		          d->outside[i].cur->subject, "location", d->outside[i].cur->location)) != 0;
	for (size_t i = 0; !oom && i < d->nreqs; i++)
		oom = json_array_append_new(rq, json_pack("{s:s, s:s, s:s, s:b}", "id", d->reqs[i].id,
		          "old", sc_verdict_to_string(d->reqs[i].old_v), "new",
		          sc_verdict_to_string(d->reqs[i].new_v), "regression",
		          d->reqs[i].regression)) != 0;
	char *s = NULL;
	if (root != NULL) {
		/* json_object_set_new takes the reference even when it fails. */
		oom |= json_object_set_new(root, "added_operators", add) != 0;
		oom |= json_object_set_new(root, "removed_operators", rem) != 0;
		oom |= json_object_set_new(root, "relocated", mv) != 0;
		oom |= json_object_set_new(root, "new_non_eu_locations", out) != 0;
		oom |= json_object_set_new(root, "requirements", rq) != 0;
		if (!oom)
			s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(root);
	} else {
		json_decref(add);
		json_decref(rem);
		json_decref(mv);
		json_decref(out);
		json_decref(rq);
	}
	return s;
}
