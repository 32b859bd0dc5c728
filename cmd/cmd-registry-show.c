/*
 * cmd-registry-show.c — `sovcheck registry show NAME_OR_ID...`: what the
 * registry holds on one organisation, with the sources of each fact — its
 * country, its parents over time up to the ultimate controller, how that
 * controller is held and by whom, the entities it controls, and every
 * source with what it covers — for the officer or buyer who asks "who is
 * behind this supplier?" without an address to look up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

/* Parent hops shown (deeper chains are cycles for the registry too). */
#define MAX_HOPS 16

/* "Name (CC)" of e. */
static const char *
name_cc(const sc_entity *e, char *buf, size_t n)
{
	snprintf(buf, n, "%s (%s)", sc_entity_name(e), sc_entity_country(e));
	return buf;
}

/* How e is held, in words: "private; holders: …", "listed", or that the
 * registry does not say. */
static void
print_held(const char *label, const sc_entity *e)
{
	const char *c = sc_entity_control(e);
	char held[2048];
	sc_entity_holders_text(e, held, sizeof(held));
	printf("  %-14s", label);   /* the labels' column */
	if (c)
		printf("%s", c);
	if (held[0])
		printf("%sholders: %s", c ? "; " : "", cli_vis(held));
	if (!sc_entity_held_recorded(e))
		printf("%snot recorded (who holds %s is not in the registry)", c ? ", holders " : "",
		       cli_vis(sc_entity_name(e)));
	printf("\n");
}

/* "from 2024-03-01 until 2025-01-01", "until …", "from …" or "" (open). */
static const char *
period(const char *from, const char *until, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s%s%s%s", *from ? "from " : "", from, *from && *until ? " " : "",
	         *until ? "until " : "", until);
	return buf;
}

/* Whether holder h of e is in force (one of sc_entity_holder()'s). */
static bool
in_force(const sc_entity *e, const sc_holder *h)
{
	for (size_t i = 0; i < sc_entity_holder_count(e); i++)
		if (sc_entity_holder(e, i) == h)
			return true;
	return false;
}

/* The holdings of e not in force at the date shown, with their periods. */
static void
print_other_holdings(const sc_entity *e)
{
	size_t k = 0;
	for (size_t i = 0; i < sc_entity_holder_total(e); i++) {
		const sc_holder *h = sc_entity_holder_any(e, i);
		if (in_force(e, h))
			continue;
		char one[768], per[40];
		printf("  %-14s%s  %s\n", k++ ? "" : "other times:",
		       cli_vis(sc_holder_text(h, one, sizeof(one))),
		       period(h->from, h->until, per, sizeof(per)));
	}
}

/* Behind the holders of e that are entities of the registry: each one's
 * ultimate controller and how that is held ("Docaposte -> La Poste S.A.
 * (FR): state-owned"), so that a joint venture is seen through. */
static void
print_behind(const sc_entity *e)
{
	size_t k = 0;
	for (size_t i = 0; i < sc_entity_holder_count(e); i++) {
		const sc_holder *h = sc_entity_holder(e, i);
		if (h->entity == NULL)
			continue;
		const sc_entity *u = sc_entity_ultimate(h->entity);
		char b[1024], held[2048];
		printf("  %-14s%s -> ", k++ ? "" : "behind them:", cli_vis(h->name));
		if (u == NULL) {
			printf("unknown (its parent chain is broken)\n");
			continue;
		}
		const char *c = sc_entity_control(u);
		sc_entity_holders_text(u, held, sizeof(held));
		printf("%s: %s%s%s%s\n", cli_vis(name_cc(u, b, sizeof(b))), c ? c : "",
		       c && held[0] ? "; " : "", held[0] ? "holders: " : "", cli_vis(held));
		if (!c && !held[0])
			printf("  %-14s(who holds %s is not recorded)\n", "", cli_vis(sc_entity_name(u)));
	}
}

static void
print_text(const sc_registry *reg, const sc_entity *e, const char *matched_former,
           const char *until, const sc_pack *pack)
{
	char b[1024];
	printf("%s\n", cli_vis(name_cc(e, b, sizeof(b))));
	const char *file = sc_entity_file(e), *slash = file ? strrchr(file, '/') : NULL;
	printf("  %-14s%s  [registry %s:%u]\n", "id:", cli_vis(sc_entity_id(e)),
	       cli_vis(slash ? slash + 1 : file), sc_entity_line(e));
	if (matched_former)
		printf("  %-14s'%s', a former name used until %s\n", "matched:", cli_vis(matched_former),
		       until ? until : "?");
	for (size_t i = 0; i < sc_entity_alias_count(e); i++)
		printf("  %-14s%s\n", i ? "" : "aliases:", cli_vis(sc_entity_alias(e, i)));
	if (sc_entity_lei(e))
		printf("  %-14s%s\n", "lei:", sc_entity_lei(e));
	size_t np = sc_entity_parent_periods(e);
	for (size_t i = 0; i < np; i++) {
		const char *from = "", *to = "";
		const sc_entity *p = sc_entity_parent_period(e, i, &from, &to);
		char per[40];
		printf("  %-14s%s%s%s\n", i ? "" : np > 1 ? "parents:" : "parent:",
		       p ? cli_vis(name_cc(p, b, sizeof(b))) : "(not in the registry)",
		       *from || *to ? "  " : "", period(from, to, per, sizeof(per)));
	}
	const sc_entity *hops[MAX_HOPS];
	bool cycle = false;
	size_t nh = sc_entity_chain(e, hops, MAX_HOPS, &cycle);
	const sc_entity *u = sc_entity_ultimate(e);
	if (nh > 1) {
		printf("  %-14s", "chain:");
		for (size_t i = 0; i < nh && i < MAX_HOPS; i++)
			printf("%s%s", i ? " -> " : "", cli_vis(name_cc(hops[i], b, sizeof(b))));
		printf("%s\n", cycle ? " (a cycle: the controller is unknown)" : "");
	}
	/* a company with a parent that also names its holders (a joint
	 * venture the majority holder controls): its own holders first */
	if (u != e && sc_entity_holder_count(e) > 0) {
		print_held("held:", e);
		print_behind(e);
	}
	if (u == NULL) {
		printf("  %-14sunknown (the parent chain is broken)\n", "controller:");
	} else {
		if (u != e)
			printf("  %-14s%s\n", "controller:", cli_vis(name_cc(u, b, sizeof(b))));
		print_held(u == e ? "held:" : "its holding:", u);
		print_behind(u);
		cli_print_in_eu27("  eu27:         ", e, pack);
		print_other_holdings(u);
	}
	/* what it controls directly */
	size_t nk = 0;
	for (size_t i = 0; i < sc_registry_count(reg); i++) {
		const sc_entity *x = sc_registry_get(reg, i);
		if (sc_entity_parent(x) != e)
			continue;
		printf("  %-14s%s\n", nk++ ? "" : "controls:", cli_vis(name_cc(x, b, sizeof(b))));
	}
	if (sc_entity_note(e))
		printf("  %-14s%s\n", "note:", cli_vis(sc_entity_note(e)));
	for (size_t i = 0; i < sc_entity_source_count(e); i++) {
		const char *url = NULL, *fact = NULL, *rev = NULL;
		char cov[512];
		sc_entity_source_get(e, i, &url, &fact, &rev);
		sc_entity_source_covers(e, i, cov, sizeof(cov));
		printf("  %-14s%s\n", i ? "" : "sources:", cli_vis(url));
		printf("  %-14s  %s (reviewed %s)\n", "", cov[0] ? cov : "notes only", rev ? rev : "?");
		if (fact)
			printf("  %-14s  \"%s\"\n", "", cli_vis(fact));
	}
}

static json_t *
entity_ref(const sc_entity *e)
{
	if (e == NULL)
		return json_null();
	return json_pack("{s:s, s:s, s:s}", "id", sc_entity_id(e), "name", sc_entity_name(e),
	                 "country", sc_entity_country(e));
}

/* print_behind() as JSON: [{holder, entity, controller: {id, name,
 * country, control, holders, held_recorded}}], [] when no holder is an
 * entity. */
static json_t *
behind_json(const sc_entity *e)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < sc_entity_holder_count(e); i++) {
		const sc_holder *h = sc_entity_holder(e, i);
		if (h->entity == NULL)
			continue;
		const sc_entity *u = sc_entity_ultimate(h->entity);
		json_t *c = entity_ref(u);
		if (json_is_object(c)) {
			const char *ctl = sc_entity_control(u);
			json_object_set_new(c, "control", ctl ? json_string(ctl) : json_null());
			json_object_set_new(c, "holders", sc_entity_holders_to_json(u));
			json_object_set_new(c, "held_recorded", json_boolean(sc_entity_held_recorded(u)));
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "holder", h->name, "entity",
		                                   sc_entity_id(h->entity), "controller",
		                                   c ? c : json_null()));
	}
	return a ? a : json_array();
}

static json_t *
to_json(const sc_registry *reg, const sc_entity *e, const char *former, const char *until,
        const sc_pack *pack)
{
	json_t *o = json_object();
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "id", json_string(sc_entity_id(e)));
	json_object_set_new(o, "name", json_string(sc_entity_name(e)));
	json_object_set_new(o, "country", json_string(sc_entity_country(e)));
	json_object_set_new(o, "matched_former_name", former ? json_string(former) : json_null());
	json_object_set_new(o, "former_name_until", until ? json_string(until) : json_null());
	json_t *al = json_array();
	for (size_t i = 0; al && i < sc_entity_alias_count(e); i++)
		json_array_append_new(al, json_string(sc_entity_alias(e, i)));
	json_object_set_new(o, "aliases", al ? al : json_array());
	const char *lei = sc_entity_lei(e);
	json_object_set_new(o, "lei", lei ? json_string(lei) : json_null());
	json_t *ps = json_array();
	for (size_t i = 0; ps && i < sc_entity_parent_periods(e); i++) {
		const char *from = "", *to = "";
		const sc_entity *p = sc_entity_parent_period(e, i, &from, &to);
		json_t *x = entity_ref(p);
		if (json_is_object(x)) {
			json_object_set_new(x, "from", *from ? json_string(from) : json_null());
			json_object_set_new(x, "until", *to ? json_string(to) : json_null());
		}
		json_array_append_new(ps, x);
	}
	json_object_set_new(o, "parents", ps ? ps : json_array());
	json_object_set_new(o, "parent", entity_ref(sc_entity_parent(e)));
	const sc_entity *hops[MAX_HOPS];
	bool cycle = false;
	size_t nh = sc_entity_chain(e, hops, MAX_HOPS, &cycle);
	json_t *ch = json_array();
	for (size_t i = 0; ch && i < nh && i < MAX_HOPS; i++)
		json_array_append_new(ch, entity_ref(hops[i]));
	json_object_set_new(o, "chain", ch ? ch : json_array());
	const sc_entity *u = sc_entity_ultimate(e);
	json_t *ul = entity_ref(u);
	if (json_is_object(ul)) {
		const char *c = sc_entity_control(u);
		json_object_set_new(ul, "control", c ? json_string(c) : json_null());
		json_object_set_new(ul, "holders", sc_entity_holders_to_json(u));
		json_object_set_new(ul, "held_recorded", json_boolean(sc_entity_held_recorded(u)));
		json_object_set_new(ul, "behind_holders", behind_json(u));
		json_object_set_new(ul, "in_eu27", cli_in_eu27_json(u, pack));
	}
	json_object_set_new(o, "ultimate", ul);
	const char *c = sc_entity_control(e);
	json_object_set_new(o, "control", c ? json_string(c) : json_null());
	json_object_set_new(o, "holders", sc_entity_holders_to_json(e));
	json_t *all = json_array();
	for (size_t i = 0; all && i < sc_entity_holder_total(e); i++) {
		const sc_holder *h = sc_entity_holder_any(e, i);
		json_t *x = sc_holder_to_json(h);
		if (x)
			json_object_set_new(x, "in_force", json_boolean(in_force(e, h)));
		json_array_append_new(all, x);
	}
	json_object_set_new(o, "holders_over_time", all ? all : json_array());
	json_t *kids = json_array();
	for (size_t i = 0; kids && i < sc_registry_count(reg); i++) {
		const sc_entity *x = sc_registry_get(reg, i);
		if (sc_entity_parent(x) == e)
			json_array_append_new(kids, entity_ref(x));
	}
	json_object_set_new(o, "controls", kids ? kids : json_array());
	const char *note = sc_entity_note(e);
	json_object_set_new(o, "note", note ? json_string(note) : json_null());
	json_t *src = json_array();
	for (size_t i = 0; src && i < sc_entity_source_count(e); i++) {
		const char *url = NULL, *fact = NULL, *rev = NULL;
		char cov[512];
		sc_entity_source_get(e, i, &url, &fact, &rev);
		sc_entity_source_covers(e, i, cov, sizeof(cov));
		/* "name, country" -> ["name", "country"] */
		json_t *cv = json_array();
		for (const char *q = cov; cv && *q;) {
			const char *sep = strstr(q, ", ");
			size_t len = sep ? (size_t)(sep - q) : strlen(q);
			json_array_append_new(cv, json_stringn(q, len));
			q += len + (sep ? 2 : 0);
		}
		json_array_append_new(src, json_pack("{s:s?, s:s?, s:o, s:s?}", "url", url, "fact", fact,
		                                     "covers", cv ? cv : json_array(), "reviewed", rev));
	}
	json_object_set_new(o, "sources", src ? src : json_array());
	const char *file = sc_entity_file(e), *slash = file ? strrchr(file, '/') : NULL;
	json_object_set_new(o, "file", json_string(slash ? slash + 1 : file));
	json_object_set_new(o, "line", json_integer(sc_entity_line(e)));
	return o;
}

int
cmd_registry_show(const char *const *names, int n, const char *const *extra, size_t nextra,
                  const char *at, bool json)
{
	if (n == 0)
		return cli_fail(EXIT_USAGE, "registry show: name an entity (its id, name, alias or "
		                "a former name)");
	sc_registry *reg = NULL;
	int rc = cli_load_registry(extra, nextra, &reg);
	if (rc != EXIT_PASS)
		return rc;
	if (at && sc_registry_set_date(reg, at) != SC_OK) {
		sc_registry_free(reg);
		return cli_fail(EXIT_USAGE, "--at: '%s' is not a date YYYY-MM-DD", cli_vis(at));
	}
	sc_pack *pack = cli_default_pack_quiet();   /* its EU27, for the judgement */
	rc = EXIT_PASS;
	for (int i = 0; i < n; i++) {
		const char *former = NULL, *until = NULL;
		const sc_entity *e = sc_registry_find(reg, names[i]);
		if (e && strcmp(sc_entity_id(e), names[i]) != 0)
			e = sc_registry_find_name(reg, names[i], &former, &until);
		if (e == NULL) {
			fprintf(stderr, "sovcheck: registry show: no entity answers to '%s' (an id, a "
			        "name, an alias or a former name)\n", cli_vis(names[i]));
			/* a subsidiary the registry does not list: the group its name
			 * begins with, as a lead, never as the answer */
			const sc_entity *like = sc_registry_find_name_prefix(reg, names[i]);
			if (like)
				fprintf(stderr, "sovcheck: registry show: its name begins with that of %s "
				        "(%s, id %s): perhaps a company of that group, which the registry "
				        "does not list\n", cli_vis(sc_entity_name(like)),
				        sc_entity_country(like) ? sc_entity_country(like) : "?",
				        sc_entity_id(like));
			rc = EXIT_INPUT;
			continue;
		}
		if (json) {
			json_t *o = to_json(reg, e, former, until, pack);
			char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII |
			                         SC_JSON_REAL) : NULL;
			json_decref(o);
			if (s == NULL) {
				sc_pack_free(pack);
				sc_registry_free(reg);
				return cli_fail(EXIT_RUNTIME, "out of memory");
			}
			printf("%s\n", s);
			free(s);
		} else {
			if (i)
				printf("\n");
			print_text(reg, e, former, until, pack);
		}
	}
	sc_pack_free(pack);
	sc_registry_free(reg);
	return rc;
}
