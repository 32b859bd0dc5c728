/*
 * graph-svg.c — the dependency graph as a layered picture (graph-svg.h).
 *
 * The model: every dependency of the attribute stage that names an
 * operator gives the chain  service → each manifest entry that leads to it
 * (its "via") → its operator → the operator's ultimate controller → that
 * controller's country; an address or a certificate whose operator nobody
 * could name goes to "unknown operator" and "controller unknown" (fail
 * closed: it is shown, never dropped). Nodes are deduplicated by label.
 *
 * The layout is deterministic, a function of the graph alone: five
 * columns; countries sorted by code, controllers by their country then
 * name, operators by their controller, entries by their first operator —
 * so that the lines mostly run straight; each node of columns 3 to 5 sits
 * at the mean height of the nodes that lead to it, pushed down to keep
 * boxes apart. Text is estimated at 0.58 em a character (DejaVu Sans, the
 * page's first font) and cut with an ellipsis to fit its box; the full
 * text is in the box's <title> and in the table under the picture.
 *
 * Outside the EU shows twice, so that it survives a greyscale print: a red
 * box with a thick border, and a "▲" before the name.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "graph-svg.h"
#include "graph.h"
#include "policy.h"
#include "text.h"

/* The key of an unknown operator or controller: sorts after every name
 * (0xFF never starts a UTF-8 character). */
static const char unknown_key[] = "\xff\xff";

/* ------------------------------------------------------------ building */

typedef struct nkey {
	dg_col col;
	const char *key;        /* borrowed */
	unsigned flags;
	char cc[3];
	size_t idx;             /* its index when added: the edges' node number */
} nkey;

/* The nodes met, each (col, key) once, numbered as they come; the edges
 * are joined to those numbers as the dependencies are read (nothing is
 * kept per dependency and path), then renumbered once the keys are
 * sorted. */
typedef struct builder {
	nkey *keys;
	size_t nkeys, capkeys;
	size_t *khash;          /* keys by (col, key): index + 1, 0 free */
	size_t khcap;           /* a power of two, at most half full */
	bool oom;
} builder;

static size_t
key_hash(dg_col col, const char *key)
{
	uint64_t h = 1469598103934665603ull ^ (uint64_t)col;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	return (size_t)h;
}

static bool
khash_grow(builder *b)
{
	size_t cap = b->khcap ? b->khcap * 2 : 256;
	size_t *h = calloc(cap, sizeof(*h));
	if (h == NULL)
		return false;
	for (size_t i = 0; i < b->nkeys; i++) {
		size_t s = key_hash(b->keys[i].col, b->keys[i].key) & (cap - 1);
		while (h[s] != 0)
			s = (s + 1) & (cap - 1);
		h[s] = i + 1;
	}
	free(b->khash);
	b->khash = h;
	b->khcap = cap;
	return true;
}

/* A node key, once: a key met again (an operator behind thousands of
 * names) only adds its flags. Returns its number (SIZE_MAX: out of
 * memory, b->oom set). */
static size_t
add_key(builder *b, dg_col col, const char *key, unsigned flags, const char *cc)
{
	if (b->oom)
		return SIZE_MAX;
	if ((b->nkeys + 1) * 2 > b->khcap && !khash_grow(b)) {
		b->oom = true;
		return SIZE_MAX;
	}
	size_t s = key_hash(col, key) & (b->khcap - 1);
	for (; b->khash[s] != 0; s = (s + 1) & (b->khcap - 1)) {
		nkey *k = &b->keys[b->khash[s] - 1];
		if (k->col == col && strcmp(k->key, key) == 0) {
			k->flags |= flags;
			return k->idx;
		}
	}
	if (b->nkeys == b->capkeys) {
		size_t cap = b->capkeys ? b->capkeys * 2 : 64;
		nkey *k = cap > SIZE_MAX / sizeof(*k) ? NULL : realloc(b->keys, cap * sizeof(*k));
		if (k == NULL) {
			b->oom = true;
			return SIZE_MAX;
		}
		b->keys = k;
		b->capkeys = cap;
	}
	b->khash[s] = b->nkeys + 1;
	nkey *k = &b->keys[b->nkeys];
	k->col = col;
	k->key = key;
	k->flags = flags;
	snprintf(k->cc, sizeof(k->cc), "%s", cc ? cc : "");
	k->idx = b->nkeys++;
	return k->idx;
}

static int
cmp_key(const void *a, const void *b)
{
	const nkey *x = a, *y = b;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int
cmp_edge(const void *a, const void *b)
{
	const dg_edge *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->to < y->to ? -1 : x->to > y->to;
}

static char *
dup(const char *s, bool *oom)
{
	char *d = strdup(s ? s : "");
	if (d == NULL)
		*oom = true;
	return d;
}

void
dg_free(dg *g)
{
	if (g == NULL)
		return;
	for (size_t i = 0; i < g->n; i++)
		free(g->nodes[i].label);
	free(g->nodes);
	free(g->edges);
	free(g);
}

static void
edge_sift(dg_edge *v, size_t root, size_t n)
{
	for (;;) {
		size_t c = 2 * root + 1;
		if (c >= n)
			return;
		if (c + 1 < n && cmp_edge(&v[c], &v[c + 1]) < 0)
			c++;
		if (cmp_edge(&v[root], &v[c]) >= 0)
			return;
		dg_edge t = v[root];
		v[root] = v[c];
		v[c] = t;
		root = c;
	}
}

/* Sorted in place (a heap sort): a figure of 100,000 entries has some
 * 300,000 edges, and qsort() would copy them into a scratch array while
 * the document is written. */
static void
edge_sort(dg_edge *v, size_t n)
{
	if (n < 2)
		return;
	for (size_t i = n / 2; i-- > 0;)
		edge_sift(v, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		dg_edge t = v[0];
		v[0] = v[end];
		v[end] = t;
		edge_sift(v, 0, end);
	}
}

/* Edges sorted by (from, to), duplicates merged (their kinds joined). */
static void
merge_edges(dg *g)
{
	if (g->ne == 0)
		return;
	edge_sort(g->edges, g->ne);
	size_t w = 0;
	for (size_t i = 1; i < g->ne; i++) {
		if (g->edges[i].from == g->edges[w].from && g->edges[i].to == g->edges[w].to)
			g->edges[w].kinds |= g->edges[i].kinds;
		else
			g->edges[++w] = g->edges[i];
	}
	g->ne = w + 1;
}

static bool sort_nodes(dg *g, dg_node *sorted, size_t *map);

/* The edges of a graph being built, each (from, to) once, its kinds
 * joined: a figure of 100,000 names has a few edges per name, not one per
 * path. */
struct eset {
	uint32_t *h;            /* edge index + 1, 0 free */
	size_t cap, capedges;
	bool oom;
};

static size_t
edge_hash(size_t from, size_t to)
{
	uint64_t x = (uint64_t)from * 0x9E3779B97F4A7C15ull ^ (uint64_t)to * 0xC2B2AE3D27D4EB4Full;
	return (size_t)(x ^ (x >> 29));
}

static void
edge_add(struct eset *es, dg *g, size_t from, size_t to, unsigned kinds)
{
	if (es->oom)
		return;
	if ((g->ne + 1) * 2 > es->cap) {
		size_t cap = es->cap ? es->cap * 2 : 256;
		uint32_t *h = cap > UINT32_MAX ? NULL : calloc(cap, sizeof(*h));
		if (h == NULL) {
			es->oom = true;
			return;
		}
		for (size_t i = 0; i < g->ne; i++) {
			size_t s = edge_hash(g->edges[i].from, g->edges[i].to) & (cap - 1);
			while (h[s] != 0)
				s = (s + 1) & (cap - 1);
			h[s] = (uint32_t)(i + 1);
		}
		free(es->h);
		es->h = h;
		es->cap = cap;
	}
	size_t s = edge_hash(from, to) & (es->cap - 1);
	for (; es->h[s] != 0; s = (s + 1) & (es->cap - 1)) {
		dg_edge *e = &g->edges[es->h[s] - 1];
		if (e->from == from && e->to == to) {
			e->kinds |= kinds;
			return;
		}
	}
	if (g->ne == es->capedges) {
		size_t c = es->capedges ? es->capedges * 2 : 64;
		dg_edge *v = c > SIZE_MAX / sizeof(*v) ? NULL : realloc(g->edges, c * sizeof(*v));
		if (v == NULL) {
			es->oom = true;
			return;
		}
		g->edges = v;
		es->capedges = c;
	}
	es->h[s] = (uint32_t)(g->ne + 1);
	g->edges[g->ne++] = (dg_edge){from, to, kinds};
}

typedef struct order {
	size_t primary;
	const char *key;
	size_t idx;
} order;

static int
cmp_order(const void *a, const void *b)
{
	const order *x = a, *y = b;
	if (x->primary != y->primary)
		return x->primary < y->primary ? -1 : 1;
	int c = strcmp(x->key, y->key);
	return c ? c : x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Rank the nodes of each column, right to left: a node by the best rank
 * of the nodes it leads to, then by its key; then sort the nodes by
 * (column, rank) and renumber the edges. keys[i] is node i's key. */
static bool
rank_and_sort(dg *g, const char *const *keys)
{
	order *o = calloc(g->n ? g->n : 1, sizeof(*o));
	size_t *map = calloc(g->n ? g->n : 1, sizeof(*map));
	dg_node *sorted = calloc(g->n ? g->n : 1, sizeof(*sorted));
	if (o == NULL || map == NULL || sorted == NULL) {
		free(o);
		free(map);
		free(sorted);
		return false;
	}
	for (int c = DG_COUNTRY; c >= DG_SERVICE; c--) {
		/* map[] holds, for now, the best rank each node leads to */
		for (size_t i = 0; i < g->n; i++)
			map[i] = SIZE_MAX;
		for (size_t e = 0; e < g->ne; e++)
			if (g->nodes[g->edges[e].from].col == (dg_col)c &&
			    g->nodes[g->edges[e].to].rank < map[g->edges[e].from])
				map[g->edges[e].from] = g->nodes[g->edges[e].to].rank;
		size_t m = 0;
		for (size_t i = 0; i < g->n; i++)
			if (g->nodes[i].col == (dg_col)c)
				o[m++] = (order){map[i], keys[i], i};
		qsort(o, m, sizeof(*o), cmp_order);
		for (size_t r = 0; r < m; r++)
			g->nodes[o[r].idx].rank = r;
	}
	bool ok = sort_nodes(g, sorted, map);
	free(o);
	free(map);
	return ok;
}

/* Sort g's nodes by (column, rank) into sorted (g->n of them), with map
 * (g->n) as scratch; renumber and merge the edges. Ranks are 0..k-1 in
 * each column. */
static bool
sort_nodes(dg *g, dg_node *sorted, size_t *map)
{
	size_t k = 0;
	for (int c = DG_SERVICE; c <= DG_COUNTRY; c++) {
		size_t start = k;
		for (size_t i = 0; i < g->n; i++)
			if (g->nodes[i].col == (dg_col)c)
				k++;
		for (size_t i = 0; i < g->n; i++)
			if (g->nodes[i].col == (dg_col)c) {
				size_t at = start + g->nodes[i].rank;
				sorted[at] = g->nodes[i];
				map[i] = at;
			}
	}
	for (size_t e = 0; e < g->ne; e++) {
		g->edges[e].from = map[g->edges[e].from];
		g->edges[e].to = map[g->edges[e].to];
	}
	free(g->nodes);
	g->nodes = sorted;
	merge_edges(g);
	return true;
}

/* The country's box: "US · United States of America". */
static char *
country_label(const char *cc, bool *oom)
{
	const char *name = sc_country_name(cc);
	strbuf sb;
	sb_init(&sb);
	sb_printf(&sb, "%s · %s", cc, name ? name : "?");
	if (sb.oom)
		*oom = true;
	return sb.s;
}

sc_status
dg_build(const sc_filing *f, sc_lang l, dg **ret, sc_err *err)
{
	builder b = {0};
	struct eset es = {NULL, 0, 0, false};
	size_t *map = NULL;
	dg *g = calloc(1, sizeof(*g));
	const char **keys = NULL;
	sc_status st = SC_ERR_NOMEM;
	if (g == NULL)
		goto out;
	const sc_graph *gr = f->graph;
	const pk_set *eu = f->pack ? pk_find_set(f->pack, "EU27") : NULL;
	if (eu == NULL && f->pack)
		eu = pk_find_set(f->pack, "EU");
	const char *service = f->result && f->result->service ? f->result->service : "";
	size_t svc = add_key(&b, DG_SERVICE, service, 0, NULL);
	bool any = false;
	for (size_t i = 0; gr && i < gr->ndeps && !b.oom && !es.oom; i++) {
		const gn_dep *d = &gr->deps[i];
		unsigned kind = strcmp(d->kind, "ip") == 0 ? DG_IP : strcmp(d->kind, "cert") == 0 ?
		                DG_CERT : DG_NAME;
		/* A name that no suffix attributes says nothing of control: its
		 * addresses and certificates do. */
		if (d->operator == NULL && kind == DG_NAME)
			continue;
		const char *opk = unknown_key, *ctlk = unknown_key, *cck = "";
		if (d->operator)
			opk = sc_entity_name(d->operator);
		else if (d->operator_name && *d->operator_name)
			opk = d->operator_name;
		if (d->controller) {
			ctlk = sc_entity_name(d->controller);
			cck = sc_entity_country(d->controller) ? sc_entity_country(d->controller) : "";
		}
		unsigned cflags = ctlk == unknown_key ? DG_UNKNOWN :
		                  *cck == '\0' ? 0 :
		                  eu && !pk_set_has(eu, cck) ? DG_NON_EU : 0;
		/* a controller seated in the set but held from outside it is
		 * marked, its country is not */
		const sc_holder *by;
		double share;
		unsigned held = cflags == 0 && *cck && eu &&
		                graph_held_from(d->controller, eu, &by, &share) == GRAPH_HELD_OUT ?
		                DG_NON_EU : 0;
		size_t op = add_key(&b, DG_OPERATOR, opk, opk == unknown_key ? DG_UNKNOWN : 0, NULL);
		size_t ctl = add_key(&b, DG_CONTROLLER, ctlk, cflags | held, cck);
		size_t cc = *cck ? add_key(&b, DG_COUNTRY, cck, cflags & DG_NON_EU, cck) : SIZE_MAX;
		/* (a dependency no manifest entry leads to has no line from
		 * the left: edges only join neighbouring columns) */
		for (size_t v = 0; v < d->nvia && !b.oom; v++) {
			size_t en = add_key(&b, DG_ENTRY, d->via[v], 0, NULL);
			if (en == SIZE_MAX)
				break;
			edge_add(&es, g, svc, en, kind);
			edge_add(&es, g, en, op, kind);
		}
		if (b.oom)
			break;
		edge_add(&es, g, op, ctl, kind);
		if (cc != SIZE_MAX)
			edge_add(&es, g, ctl, cc, kind);
		any = true;
	}
	/* Only the edges stay: the indexes go before the nodes are made. */
	free(es.h);
	es.h = NULL;
	free(b.khash);
	b.khash = NULL;
	if (b.oom || es.oom)
		goto out;
	if (g->ne > 0 && g->ne < es.capedges) {
		dg_edge *v = realloc(g->edges, g->ne * sizeof(*v));
		if (v != NULL)
			g->edges = v;
	}
	if (!any) {   /* nothing observed: an empty graph */
		free(g->edges);
		g->edges = NULL;
		g->ne = 0;
		*ret = g;
		g = NULL;
		st = SC_OK;
		goto out;
	}
	/* the nodes: the keys sorted (each is there once), and the edges
	 * renumbered to match */
	size_t n = b.nkeys;
	qsort(b.keys, n, sizeof(*b.keys), cmp_key);
	map = calloc(n, sizeof(*map));
	g->nodes = calloc(n, sizeof(*g->nodes));
	keys = calloc(n, sizeof(*keys));
	if (map == NULL || g->nodes == NULL || keys == NULL)
		goto out;
	g->n = n;
	bool oom = false;
	for (size_t i = 0; i < n; i++) {
		dg_node *x = &g->nodes[i];
		map[b.keys[i].idx] = i;
		x->col = b.keys[i].col;
		x->flags = b.keys[i].flags;
		snprintf(x->cc, sizeof(x->cc), "%s", b.keys[i].cc);
		keys[i] = b.keys[i].key;
		if (x->col == DG_COUNTRY)
			x->label = country_label(b.keys[i].key, &oom);
		else if (b.keys[i].key == unknown_key || strcmp(b.keys[i].key, unknown_key) == 0)
			x->label = dup(tr(l, x->col == DG_OPERATOR ? M_G_UNKNOWN_OPERATOR :
			                  M_G_UNKNOWN_CONTROLLER), &oom);
		else
			x->label = dup(b.keys[i].key, &oom);
		if (x->col == DG_ENTRY)
			g->nentries++;
	}
	free(b.keys);
	b.keys = NULL;
	if (oom)
		goto out;
	for (size_t e = 0; e < g->ne; e++) {
		g->edges[e].from = map[g->edges[e].from];
		g->edges[e].to = map[g->edges[e].to];
	}
	if (g->edges == NULL && (g->edges = calloc(1, sizeof(*g->edges))) == NULL)
		goto out;
	merge_edges(g);
	if (!rank_and_sort(g, keys))
		goto out;
	*ret = g;
	g = NULL;
	st = SC_OK;
out:
	free(es.h);
	free(map);
	free(b.keys);
	free(b.khash);
	free(keys);
	dg_free(g);
	if (st != SC_OK)
		return util_err(err, st, NULL, 0, 0, "nomem", "out of memory");
	return SC_OK;
}

/* ------------------------------------------------------ what is drawn */

/* A copy of g where node i becomes node map[i] of out (SIZE_MAX: gone);
 * out's nodes are given. Edges renumbered, merged. */
static bool
remap_edges(const dg *g, const size_t *map, dg *out)
{
	out->edges = calloc(g->ne ? g->ne : 1, sizeof(*out->edges));
	if (out->edges == NULL)
		return false;
	for (size_t e = 0; e < g->ne; e++) {
		size_t a = map[g->edges[e].from], b = map[g->edges[e].to];
		if (a != SIZE_MAX && b != SIZE_MAX && a != b)
			out->edges[out->ne++] = (dg_edge){a, b, g->edges[e].kinds};
	}
	merge_edges(out);
	return true;
}

static bool
push_node(dg *out, size_t *cap, const dg_node *x)
{
	if (out->n == *cap) {
		size_t c = *cap ? *cap * 2 : 32;
		dg_node *v = c > SIZE_MAX / sizeof(*v) ? NULL : realloc(out->nodes, c * sizeof(*v));
		if (v == NULL)
			return false;
		out->nodes = v;
		*cap = c;
	}
	dg_node *y = &out->nodes[out->n];
	*y = *x;
	y->label = strdup(x->label ? x->label : "");
	if (y->label == NULL)
		return false;
	out->n++;
	return true;
}

sc_status
dg_drawn(const dg *g, sc_lang l, dg **ret, sc_err *err)
{
	dg *a = NULL, *b = NULL;
	size_t *map = calloc(g->n ? g->n : 1, sizeof(*map));
	size_t cap = 0;
	if (map == NULL)
		goto oom;
	/* 1. entries grouped per operator when the picture would hold too
	 * many boxes to read */
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		goto oom;
	a->grouped = g->n > DG_MAX_NODES;
	a->nentries = g->nentries;
	for (size_t i = 0; i < g->n; i++) {
		map[i] = SIZE_MAX;
		if (a->grouped && g->nodes[i].col == DG_ENTRY)
			continue;
		map[i] = a->n;
		if (!push_node(a, &cap, &g->nodes[i]))
			goto oom;
	}
	if (!remap_edges(g, map, a))
		goto oom;
	if (a->grouped) {
		/* one box "N entries" per operator that entries lead to, in the
		 * operators' order (g's nodes are sorted) */
		size_t *count = calloc(g->n ? g->n : 1, sizeof(*count));
		unsigned *kinds = calloc(g->n ? g->n : 1, sizeof(*kinds));
		dg_edge *v = realloc(a->edges, (a->ne + 2 * g->n + 1) * sizeof(*v));
		if (count == NULL || kinds == NULL || v == NULL) {
			free(count);
			free(kinds);
			if (v)
				a->edges = v;
			goto oom;
		}
		a->edges = v;
		for (size_t e = 0; e < g->ne; e++)
			if (g->nodes[g->edges[e].from].col == DG_ENTRY) {
				count[g->edges[e].to]++;
				kinds[g->edges[e].to] |= g->edges[e].kinds;
			}
		size_t r = 0;
		bool ok = true;
		for (size_t i = 0; ok && i < g->n; i++) {
			if (g->nodes[i].col != DG_OPERATOR || count[i] == 0)
				continue;
			char num[32];
			snprintf(num, sizeof(num), "%zu", count[i]);
			strbuf sb;
			sb_init(&sb);
			i18n_put(&sb, l, M_G_ENTRIES, NULL, num, (const char *)NULL);
			dg_node x = {DG_ENTRY, sb.s ? sb.s : "", "", DG_GROUP, count[i], r++};
			ok = !sb.oom && push_node(a, &cap, &x);
			sb_free(&sb);
			if (ok) {
				/* the service is node 0: the first column */
				a->edges[a->ne++] = (dg_edge){0, a->n - 1, kinds[i]};
				a->edges[a->ne++] = (dg_edge){a->n - 1, map[i], kinds[i]};
			}
		}
		free(count);
		free(kinds);
		if (!ok)
			goto oom;
		dg_node *sorted = calloc(a->n, sizeof(*sorted));
		size_t *scratch = calloc(a->n, sizeof(*scratch));
		if (sorted == NULL || scratch == NULL || !sort_nodes(a, sorted, scratch)) {
			free(sorted);
			free(scratch);
			goto oom;
		}
		free(scratch);
	}
	/* 2. every column cut at DG_MAX_ROWS boxes: the rest in one "N more" */
	b = calloc(1, sizeof(*b));
	free(map);
	map = calloc(a->n ? a->n : 1, sizeof(*map));
	if (b == NULL || map == NULL)
		goto oom;
	b->grouped = a->grouped;
	b->nentries = a->nentries;
	cap = 0;
	for (int c = DG_SERVICE; c <= DG_COUNTRY; c++) {
		size_t count = 0, more = SIZE_MAX;
		for (size_t i = 0; i < a->n; i++)
			if (a->nodes[i].col == (dg_col)c)
				count++;
		/* a's nodes are sorted: in a column, by rank */
		for (size_t i = 0; i < a->n; i++) {
			if (a->nodes[i].col != (dg_col)c)
				continue;
			size_t rank = a->nodes[i].rank;
			if (count <= DG_MAX_ROWS || rank < DG_MAX_ROWS - 1) {
				map[i] = b->n;
				if (!push_node(b, &cap, &a->nodes[i]))
					goto oom;
				continue;
			}
			if (more == SIZE_MAX) {
				dg_node x = {(dg_col)c, "", "", DG_MORE, 0, DG_MAX_ROWS - 1};
				if (!push_node(b, &cap, &x))
					goto oom;
				more = b->n - 1;
			}
			map[i] = more;
			b->nodes[more].count++;
			b->nodes[more].flags |= a->nodes[i].flags & DG_NON_EU;
		}
		if (more != SIZE_MAX) {
			char num[32];
			snprintf(num, sizeof(num), "%zu", b->nodes[more].count);
			strbuf sb;
			sb_init(&sb);
			i18n_put(&sb, l, M_G_MORE, NULL, num, (const char *)NULL);
			if (sb.oom || sb.s == NULL) {
				sb_free(&sb);
				goto oom;
			}
			free(b->nodes[more].label);
			b->nodes[more].label = sb.s;
		}
	}
	if (!remap_edges(a, map, b))
		goto oom;
	free(map);
	dg_free(a);
	*ret = b;
	return SC_OK;
oom:
	free(map);
	dg_free(a);
	dg_free(b);
	return util_err(err, SC_ERR_NOMEM, NULL, 0, 0, "nomem", "out of memory");
}

/* ------------------------------------------------------------- drawing */

#define FONT 12.0
#define CHAR_W (FONT * 0.58)
#define PAD 7.0
#define ROW 26.0
#define BOX_H 19.0
#define GAP 34.0
#define MARGIN 6.0
#define HEAD 24.0

/* The most characters a column's box shows. */
static const size_t col_chars[DG_COLS] = {22, 26, 26, 26, 24};

/* How many characters s shows, controls written visibly. */
static size_t
chars_of(const char *s)
{
	size_t n = 0;
	for (const char *p = s; *p;) {
		char vis[16];
		bool unsafe;
		size_t k = text_char(p, vis, &unsafe);
		n += unsafe ? strlen(vis) : 1;
		p += k;
	}
	return n;
}

/* s escaped for SVG text, cut to max characters with an ellipsis. */
static void
put_fit(strbuf *sb, const char *s, size_t max)
{
	strbuf vis;
	sb_init(&vis);
	text_visible(&vis, s);
	const char *v = vis.s ? vis.s : "";
	size_t n = 0, cut = strlen(v);
	bool cutting = chars_of(v) > max;
	for (const char *p = v; *p && cutting;) {
		if (n == max - 1) {
			cut = (size_t)(p - v);
			break;
		}
		char tmp[16];
		bool unsafe;
		p += text_char(p, tmp, &unsafe);
		n++;
	}
	char *t = strndup(v, cut);
	if (t == NULL) {
		sb->oom = true;
	} else {
		doc_html_escape(sb, t);
		free(t);
	}
	if (cutting)
		sb_puts(sb, "…");
	sb_free(&vis);
}

/* The label a box shows, with its marker. */
static void
box_text(strbuf *sb, const dg_node *x, size_t max)
{
	if (x->flags & DG_NON_EU) {
		sb_puts(sb, "▲ ");
		max = max > 2 ? max - 2 : 1;
	}
	put_fit(sb, x->label, max);
}

static void
svg_label(strbuf *sb, sc_lang l, msg_id id)
{
	doc_html_escape(sb, tr(l, id));
}

/* One legend entry at x: a sample, then its words; the x after it. */
static double
legend_box(strbuf *o, double x, double y, sc_lang l, msg_id id, const char *fill,
           const char *stroke, double sw, const char *dash, const char *mark)
{
	sb_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" height=\"13\" rx=\"3\" fill=\"%s\" "
	          "stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s/>", x, y - 10, fill, stroke, sw,
	          dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
	if (mark)
		sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"9\" text-anchor=\"middle\" "
		          "fill=\"#7a1a12\">%s</text>", x + 11, y, mark);
	sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\">", x + 28, y);
	svg_label(o, l, id);
	sb_puts(o, "</text>\n");
	return x + 28 + (double)chars_of(tr(l, id)) * CHAR_W + 18;
}

static double
legend_line(strbuf *o, double x, double y, sc_lang l, msg_id id, const char *dash)
{
	sb_printf(o, "<path d=\"M%.1f %.1fh26\" stroke=\"#666\" stroke-width=\"1.4\"%s%s%s/>",
	          x, y - 4, dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
	sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\">", x + 32, y);
	svg_label(o, l, id);
	sb_puts(o, "</text>\n");
	return x + 32 + (double)chars_of(tr(l, id)) * CHAR_W + 18;
}

void
dg_svg(const dg *g, sc_lang l, strbuf *o)
{
	double w[DG_COLS], x[DG_COLS];
	size_t rows[DG_COLS] = {0};
	double *y = calloc(g->n ? g->n : 1, sizeof(*y));
	if (y == NULL) {
		o->oom = true;
		return;
	}
	/* column widths from their longest label */
	for (int c = 0; c < DG_COLS; c++) {
		size_t most = chars_of(tr(l, (msg_id)(M_G_COL_SERVICE + c)));
		for (size_t i = 0; i < g->n; i++) {
			if (g->nodes[i].col != (dg_col)c)
				continue;
			rows[c]++;
			size_t k = chars_of(g->nodes[i].label) + (g->nodes[i].flags & DG_NON_EU ? 2 : 0);
			if (k > most)
				most = k;
		}
		if (most > col_chars[c])
			most = col_chars[c];
		w[c] = (double)most * CHAR_W + 2 * PAD;
		x[c] = c == 0 ? MARGIN : x[c - 1] + w[c - 1] + GAP;
	}
	double width = x[DG_COLS - 1] + w[DG_COLS - 1] + MARGIN;
	/* heights: entries evenly; then each node at the mean of the nodes
	 * that lead to it, pushed down to keep ROW apart; the service at the
	 * mean of its entries */
	double top = HEAD + ROW / 2, bottom = top;
	for (int c = DG_ENTRY; c <= DG_COUNTRY; c++) {
		double prev = -1e9;
		for (size_t i = 0; i < g->n; i++) {
			if (g->nodes[i].col != (dg_col)c)
				continue;
			double sum = 0;
			size_t k = 0;
			for (size_t e = 0; c > DG_ENTRY && e < g->ne; e++)
				if (g->edges[e].to == i && g->nodes[g->edges[e].from].col == (dg_col)(c - 1)) {
					sum += y[g->edges[e].from];
					k++;
				}
			double want = k ? sum / (double)k : top + (double)g->nodes[i].rank * ROW;
			if (want < top)
				want = top;
			if (want < prev + ROW)
				want = prev + ROW;
			y[i] = prev = want;
			if (want > bottom)
				bottom = want;
		}
	}
	for (size_t i = 0; i < g->n; i++) {
		if (g->nodes[i].col != DG_SERVICE)
			continue;
		double sum = 0;
		size_t k = 0;
		for (size_t e = 0; e < g->ne; e++)
			if (g->edges[e].from == i) {
				sum += y[g->edges[e].to];
				k++;
			}
		y[i] = k ? sum / (double)k : top;
	}
	double legend = bottom + ROW / 2 + 22;
	double height = legend + 2 * 20 + 4;
	/* the picture scales to the page: width 100 %, this viewBox */
	sb_printf(o, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"graph\" viewBox=\"0 0 %.0f "
	          "%.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"graph-title "
	          "graph-desc\" font-family=\"DejaVu Sans, Liberation Sans, Arial, sans-serif\" "
	          "font-size=\"%.0f\" fill=\"#111\">\n", width, height, width, height, FONT);
	sb_puts(o, "<title id=\"graph-title\">");
	svg_label(o, l, M_G_TITLE);
	sb_puts(o, "</title>\n<desc id=\"graph-desc\">");
	svg_label(o, l, M_G_DESC);
	sb_puts(o, "</desc>\n");
	/* column heads */
	for (int c = 0; c < DG_COLS; c++) {
		sb_printf(o, "<text x=\"%.1f\" y=\"14\" font-weight=\"bold\" fill=\"#333\">", x[c]);
		svg_label(o, l, (msg_id)(M_G_COL_SERVICE + c));
		sb_puts(o, "</text>\n");
	}
	/* edges first, under the boxes */
	sb_puts(o, "<g fill=\"none\" stroke-width=\"1.2\">\n");
	for (size_t e = 0; e < g->ne; e++) {
		const dg_edge *ed = &g->edges[e];
		const dg_node *a = &g->nodes[ed->from], *b = &g->nodes[ed->to];
		double x1 = x[a->col] + w[a->col], y1 = y[ed->from], x2 = x[b->col], y2 = y[ed->to];
		double mx = (x1 + x2) / 2;
		/* how it was observed, for the lines into the operators */
		const char *dash = b->col != DG_OPERATOR || (ed->kinds & DG_IP) ? NULL :
		                   ed->kinds & DG_NAME ? "2 3" : "7 3";
		sb_printf(o, "<path d=\"M%.1f %.1fC%.1f %.1f %.1f %.1f %.1f %.1f\" stroke=\"%s\"%s%s%s/>\n",
		          x1, y1, mx, y1, mx, y2, x2, y2, b->flags & DG_NON_EU ? "#b3261e" : "#8a8a8a",
		          dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
	}
	sb_puts(o, "</g>\n");
	/* boxes */
	for (size_t i = 0; i < g->n; i++) {
		const dg_node *n = &g->nodes[i];
		const char *fill = "#f4f4f4", *stroke = "#777";
		double sw = 1;
		const char *dash = NULL;
		if (n->col == DG_SERVICE)
			fill = "#e3ebf7", stroke = "#34507a", sw = 1.5;
		if (n->flags & DG_NON_EU)
			fill = "#fbe3e0", stroke = "#b3261e", sw = 2.5;
		if (n->flags & DG_UNKNOWN)
			fill = "#ffffff", stroke = "#444", dash = "4 2";
		if (n->flags & (DG_GROUP | DG_MORE))
			fill = "#ffffff", dash = "1 2";
		sb_puts(o, "<g><title>");
		if (n->flags & DG_NON_EU) {
			svg_label(o, l, M_G_NON_EU);
			sb_puts(o, ": ");
		}
		doc_html_escape(o, n->label);
		sb_printf(o, "</title><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"3\" "
		          "fill=\"%s\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s/>", x[n->col],
		          y[i] - BOX_H / 2, w[n->col], BOX_H, fill, stroke, sw,
		          dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
		sb_printf(o, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", x[n->col] + PAD, y[i] + FONT * 0.35,
		          n->flags & DG_NON_EU ? " font-weight=\"bold\" fill=\"#7a1a12\"" : "",
		          n->flags & (DG_GROUP | DG_MORE | DG_UNKNOWN) ? " font-style=\"italic\"" : "");
		box_text(o, n, col_chars[n->col]);
		sb_puts(o, "</text></g>\n");
	}
	/* legend, two lines: the boxes, the lines */
	double lx = MARGIN;
	sb_printf(o, "<g font-size=\"11\">\n");
	lx = legend_box(o, lx, legend, l, M_G_NON_EU, "#fbe3e0", "#b3261e", 2.5, NULL, "▲");
	lx = legend_box(o, lx, legend, l, M_G_LEGEND_UNKNOWN, "#ffffff", "#444", 1, "4 2", NULL);
	if (g->grouped)
		legend_box(o, lx, legend, l, M_G_LEGEND_GROUPED, "#ffffff", "#777", 1, "1 2", NULL);
	lx = MARGIN;
	lx = legend_line(o, lx, legend + 20, l, M_G_LEGEND_ADDRESS, NULL);
	lx = legend_line(o, lx, legend + 20, l, M_G_LEGEND_NAME, "2 3");
	legend_line(o, lx, legend + 20, l, M_G_LEGEND_CERT, "7 3");
	sb_puts(o, "</g>\n</svg>\n");
	free(y);
}
