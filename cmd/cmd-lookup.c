/*
 * cmd-lookup.c — `sovcheck lookup IP_OR_HOST...`: where an address is, who
 * operates it, who ultimately controls that operator and from which
 * country, with every hop and the database or registry entry that said so.
 *
 * Attribution is the library's one rule (sc_attribute_address(), also used
 * by `check`): the address's ASN from the geolocation database first, then
 * the DNS suffixes of the names that led to it (the host and its CNAME
 * targets). Every database is asked, and what their answers make of the
 * country and the AS is the geolocation rule `check` applies too
 * (sc_geo_decide(): agreement, else the more specific data, else unknown). Host names are resolved with the
 * DNS collector (A and AAAA, CNAMEs followed), and each of their addresses
 * is probed with a TLS handshake (SNI) so that the chain and the owner of
 * its CA are shown too, with the hosts the certificate points to.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <jansson.h>

#include "cli.h"

static const char help[] =
"Usage: sovcheck lookup IP_OR_HOST... [--json] [--geodb FILE]... [--registry FILE]...\n"
"                       [--resolver ADDR[:PORT]]... [--port N] [--trust CAFILE]...\n"
"                       [--no-tls]\n"
"       sovcheck lookup --chain FILE... [--json] [--registry FILE]... [--trust CAFILE]...\n"
"                       [--at DATE]\n"
"\n"
"For each IP address, and for every address a host name resolves to (A and\n"
"AAAA, CNAMEs followed): the location (country) from the geolocation\n"
"database, the ASN and AS organisation, the operator entity (by ASN, else by\n"
"the DNS suffix of the host or a CNAME target), its ultimate controller and\n"
"that controller's country, every hop of the ownership chain, whether the\n"
"operator serves from anycast addresses (no single location), and which\n"
"database and registry entry said so: every database's answer, the input of\n"
"it that decided, and how a disagreement between databases was settled.\n"
"\n"
"Options:\n"
"  --json              one JSON object per item, one per line, with at least\n"
"                      subject, kind, location, asn, as_org, operator,\n"
"                      operator_lei, controller, controller_country,\n"
"                      controller_lei (null: no LEI in the registry),\n"
"                      controller_control (how the controller is held:\n"
"                      government, state-owned, listed, nonprofit, private,\n"
"                      cooperative; null: not recorded), controller_holders\n"
"                      (name, country, capital, voting, controlling, as_of;\n"
"                      null: none), controller_held_recorded,\n"
"                      controller_in_eu27 (§19.6.c: true, false, null), anycast,\n"
"                      chain, location_sources, location_decision, asn_decision\n"
"  --geodb FILE        MaxMind-format database (repeatable; every one is\n"
"                      asked: where they disagree the more specific decides,\n"
"                      else the location or AS is unknown). Default:\n"
"                      geodb/data/sovcheck-default.mmdb, sovcheck-ipfire.mmdb\n"
"  --registry FILE     extra registry file: adds entities, replaces entities\n"
"                      with the same id (repeatable)\n"
"  --resolver ADDR[:PORT]\n"
"                      DNS server for host names (repeatable; [v6]:port).\n"
"                      Default: the system resolver (/etc/resolv.conf)\n"
"  --port N            TLS port probed on each address of a host name\n"
"                      (default 443): the chain presented, the owner of its\n"
"                      CA and that owner's country, and the OCSP / CA\n"
"                      issuers / CRL hosts the certificate points to\n"
"  --trust CAFILE      PEM trust anchors besides the system store (repeatable):\n"
"                      a CA owner is only shown for a chain that verifies\n"
"  --no-tls            do not probe TLS\n"
"  --chain FILE        a certificate chain in a PEM file (or one DER\n"
"                      certificate), leaf first, instead of a host: whether it\n"
"                      verifies, which CA issued it, who operates and owns that\n"
"                      CA (by the registry's CA index: certificate, then subject\n"
"                      and key; a name-only match is flagged inferred) and from\n"
"                      which country (repeatable; a lone root is its own issuer;\n"
"                      a chain that starts at an intermediate is that CA's\n"
"                      own chain, verified as such, and its issuer is the CA\n"
"                      that signed it)\n"
"  --at DATE           judge the --chain files at DATE instead of now\n"
"                      (YYYY-MM-DD, taken at 12:00 UTC, or an RFC 3339 time\n"
"                      such as 2020-06-01T08:30:00Z): the certificates'\n"
"                      validity and trust, and who owned and controlled the\n"
"                      CA's owner then (the registry's state on that date);\n"
"                      for an expired chain, a date within its validity\n"
"\n"
"Exit status: 0 every item located and attributed to a controller, 2 some\n"
"location or controller unknown, 3 invalid database or registry file,\n"
"4 runtime error, 64 usage.\n";

#define MAX_ADDRS 64     /* addresses kept per host name */
#define MAX_NAMES 17     /* the host and up to 16 CNAME targets */
#define MAX_HOPS 32      /* the registry stops chains at 16 */

/* ------------------------------------------------------------ resolving */

struct resolved {
	char addrs[MAX_ADDRS][INET6_ADDRSTRLEN];
	size_t n_addrs;
	char names[MAX_NAMES][256];   /* names[0] is the host; then CNAME targets */
	size_t n_names;
	char error[512];              /* non-empty when resolution failed */
};

/* Resolve host with the DNS collector: the CNAME chain into names[], the
 * addresses of every source into addrs[]; error[] says why there are none. */
static void
resolve_host(sc_dns *dns, const char *host, struct resolved *r)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->names[0], sizeof(r->names[0]), "%s", host);
	size_t l = strlen(r->names[0]);
	if (l > 1 && r->names[0][l - 1] == '.')
		r->names[0][l - 1] = '\0';
	r->n_names = 1;
	sc_dns_result *res = NULL;
	sc_err err;
	sc_err_clear(&err);
	if (sc_dns_resolve_host(dns, r->names[0], &res, &err) != SC_OK) {
		snprintf(r->error, sizeof(r->error), "%.400s", err.msg[0] ? err.msg : "resolution failed");
		return;
	}
	const sc_dns_entry *e = sc_dns_result_find(res, r->names[0]);
	for (size_t a = 0; e && a < e->answer_count; a++) {
		const sc_dns_answer *an = &e->answers[a];
		for (size_t h = 0; h < an->chain_len && r->n_names < MAX_NAMES; h++) {
			bool seen = false;
			for (size_t k = 0; k < r->n_names; k++)
				seen = seen || strcasecmp(r->names[k], an->chain[h].target) == 0;
			if (!seen)
				snprintf(r->names[r->n_names++], sizeof(r->names[0]), "%s",
				         an->chain[h].target);
		}
		for (size_t i = 0; i < an->addr_count && r->n_addrs < MAX_ADDRS; i++) {
			bool seen = false;
			for (size_t k = 0; k < r->n_addrs; k++)
				seen = seen || strcmp(r->addrs[k], an->addrs[i].ip) == 0;
			if (!seen)
				snprintf(r->addrs[r->n_addrs++], sizeof(r->addrs[0]), "%s", an->addrs[i].ip);
		}
		if (an->reason != SC_DNS_OK && r->error[0] == '\0')
			snprintf(r->error, sizeof(r->error), "%s: %s", sc_dns_reason_to_string(an->reason),
			         an->detail && *an->detail ? an->detail : an->source);
	}
	if (r->n_addrs > 0)
		r->error[0] = '\0';
	else if (r->error[0] == '\0')
		snprintf(r->error, sizeof(r->error), "%.256s has no A or AAAA record", host);
	sc_dns_result_free(res);
}

/* ---------------------------------------------------------- attribution */

struct attr {
	char ip[INET6_ADDRSTRLEN];
	sc_geo_answer geo;            /* the fields as the rule decided them */
	const char *country_input;    /* the inputs that decided them (borrowed from */
	const char *asn_input;        /* src[]; NULL outside a sovcheck database) */
	sc_geo_source src[SC_GEO_MAX_DBS]; /* every database's answer */
	size_t nsrc;
	sc_geo_decision dc, da;       /* the rule, for the country and the AS */
	const sc_geo *db;             /* the set (labels of src[].db) */
	bool geo_error;
	char geo_msg[1024];
	sc_attribution at;            /* the registry's answer (sc_attribute_address) */
	const sc_entity *op;          /* at.op */
	char match_kind[16];          /* "asn" or "cname-suffix" */
	char match[300];              /* "AS16509" or "amazonaws.com (of x.amazonaws.com)" */
	const sc_entity *hops[MAX_HOPS];
	size_t n_hops;
	bool cycle;
	const sc_entity *ctl;
	bool anycast;
};

/* The answer the geolocation rule gives: every database's answer
 * decided field by field (sc_geo_decide()), in a->geo. */
static void
decide(const sc_geo *geo, struct attr *a)
{
	sc_geo_claim c[SC_GEO_MAX_DBS], s[SC_GEO_MAX_DBS];
	for (size_t i = 0; i < a->nsrc; i++) {
		const sc_geo_source *x = &a->src[i];
		c[i] = (sc_geo_claim){ x->found_country,
		                       (uint32_t)(unsigned char)x->country[0] << 8 |
		                           (unsigned char)x->country[1],
		                       x->country_prefix_len };
		s[i] = (sc_geo_claim){ x->found_asn, x->asn, x->asn_prefix_len };
	}
	sc_geo_decide(c, a->nsrc, &a->dc);
	sc_geo_decide(s, a->nsrc, &a->da);
	sc_geo_answer *g = &a->geo;
	memset(g, 0, sizeof(*g));
	a->country_input = a->asn_input = NULL;
	if (a->dc.outcome == SC_GEO_AGREED || a->dc.outcome == SC_GEO_SETTLED) {
		const sc_geo_source *x = &a->src[a->dc.by];
		g->found_country = true;
		memcpy(g->country, x->country, 3);
		g->country_source = sc_geo_db_label(geo, x->db);
		a->country_input = x->country_input;
		snprintf(g->network, sizeof(g->network), "%s", x->network);
	}
	if (a->da.outcome == SC_GEO_AGREED || a->da.outcome == SC_GEO_SETTLED) {
		const sc_geo_source *x = &a->src[a->da.by];
		g->found_asn = true;
		g->asn = x->asn;
		snprintf(g->as_org, sizeof(g->as_org), "%s", x->as_org);
		g->asn_source = sc_geo_db_label(geo, x->db);
		a->asn_input = x->asn_input;
		if (g->network[0] == '\0')
			snprintf(g->network, sizeof(g->network), "%s", x->network);
	}
}

/* Locate ip (the collect stage's geolocation, every database's answer,
 * decided by the geolocation rule) and attribute it (the attribute stage's
 * one rule, shared with `check`). */
static void
attribute(const sc_geo *geo, const sc_registry *reg, const char *ip,
          const struct resolved *names, struct attr *a)
{
	memset(a, 0, sizeof(*a));
	snprintf(a->ip, sizeof(a->ip), "%s", ip);
	a->db = geo;
	if (geo && *ip) {
		sc_err err;
		sc_err_clear(&err);
		if (sc_geo_lookup_sources(geo, ip, &a->geo, a->src, SC_GEO_MAX_DBS, &a->nsrc, &err) !=
		    SC_OK) {
			memset(&a->geo, 0, sizeof(a->geo));
			a->nsrc = 0;
			a->geo_error = true;
			snprintf(a->geo_msg, sizeof(a->geo_msg), "%s", err.msg);
		} else {
			decide(geo, a);
		}
	}
	const char *nv[MAX_NAMES];
	size_t nn = 0;
	for (size_t i = 0; names && i < names->n_names; i++)
		nv[nn++] = names->names[i];
	sc_attribute_address(reg, a->ip, a->geo.found_asn, a->geo.asn, nv, nn, &a->at);
	if (a->at.op == NULL)
		return;
	a->op = a->at.op;
	snprintf(a->match_kind, sizeof(a->match_kind), "%s", sc_match_kind_to_string(a->at.matched_by));
	snprintf(a->match, sizeof(a->match), "%s", a->at.match);
	a->n_hops = sc_entity_chain(a->op, a->hops, MAX_HOPS, NULL);
	a->cycle = a->at.chain_cycle;
	a->ctl = a->at.controller;
	a->anycast = a->at.anycast;
}

/* Located (a country, or anycast: no single location) and controlled. */
static bool
attributed(const struct attr *a)
{
	return (a->geo.found_country || a->anycast) && a->ctl != NULL;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path ? path : "", '/');
	return s ? s + 1 : (path ? path : "");
}

/* "Name (CC)" for one hop. */
static void
hop_str(const sc_entity *e, char *buf, size_t n)
{
	snprintf(buf, n, "%s (%s)", sc_entity_name(e), sc_entity_country(e));
}

/* ---------------------------------------------------------------- text */

/* "control:" line: how the party at the top of a chain is held, as the
 * registry states it, or that it does not (then nobody above it is known:
 * it stands as its own controller, which is not the same as independent).
 * label is padded to the block's column; name adds whose control it is. */
static void
print_control(const char *indent, const char *label, const sc_entity *top, bool name)
{
	const char *c = sc_entity_control(top);
	char held[1024];
	sc_entity_holders_text(top, held, sizeof(held));
	if (c == NULL) {
		printf("%s%snot recorded (who holds %s is not in the registry)\n", indent, label,
		       cli_vis(sc_entity_name(top)));
		return;
	}
	printf("%s%s%s", indent, label, c);
	if (name)
		printf(" (%s)", cli_vis(sc_entity_name(top)));
	if (!sc_entity_held_recorded(top))
		printf(", holders not named (who holds %s is not in the registry)",
		       cli_vis(sc_entity_name(top)));
	else if (held[0])
		printf("; holders: %s", cli_vis(held));
	printf("\n");
}

/* What the rule made of a field, when the databases disagreed: ", settled:
 * more specific than b.mmdb (FR, /16)" or ": the databases disagree, none
 * more specific". */
static void
print_decision(const struct attr *a, bool asn)
{
	const sc_geo_decision *k = asn ? &a->da : &a->dc;
	if (k->outcome != SC_GEO_SETTLED && k->outcome != SC_GEO_CONFLICT)
		return;
	const sc_geo_source *by = &a->src[k->by], *vs = &a->src[k->against];
	char what[32];
	if (asn)
		snprintf(what, sizeof(what), "AS%u", (unsigned)vs->asn);
	else
		snprintf(what, sizeof(what), "%s", vs->country);
	if (k->outcome == SC_GEO_SETTLED)
		printf("; settled: /%u is more specific than %s (%s, /%u)",
		       asn ? by->asn_prefix_len : by->country_prefix_len,
		       cli_vis(sc_geo_db_label(a->db, vs->db)), what,
		       asn ? vs->asn_prefix_len : vs->country_prefix_len);
	else
		printf(": the databases disagree, none more specific than the other");
}

static void
print_attr_text(const struct attr *a, const char *indent, const sc_pack *pack)
{
	char hop[400];
	if (a->anycast) {
		printf("%slocation:    no single location (anycast)%s%s", indent,
		       a->geo.found_country ? "; the database says " : "",
		       a->geo.found_country ? a->geo.country : "");
		print_decision(a, false);
		putchar('\n');
	} else if (a->geo.found_country) {
		printf("%slocation:    %s  [%s, network %s", indent, a->geo.country,
		       a->geo.country_source ? cli_vis(a->geo.country_source) : "?", a->geo.network);
		print_decision(a, false);
		printf("]\n");
	} else {
		printf("%slocation:    unknown%s%s", indent, a->geo_error ? ": " : "",
		       a->geo_error ? cli_vis(a->geo_msg) : "");
		print_decision(a, false);
		putchar('\n');
	}
	if (a->geo.found_asn) {
		printf("%sasn:         AS%u %s  [%s", indent, (unsigned)a->geo.asn,
		       a->geo.as_org[0] ? cli_vis(a->geo.as_org) : "(no organisation name)",
		       a->geo.asn_source ? cli_vis(a->geo.asn_source) : "?");
		print_decision(a, true);
		printf("]\n");
	} else {
		printf("%sasn:         unknown", indent);
		print_decision(a, true);
		putchar('\n');
	}
	/* Every database's own answer, and the input behind it. */
	for (size_t i = 0; i < a->nsrc; i++) {
		const sc_geo_source *x = &a->src[i];
		printf("%sgeodb:       %s, network %s:", indent, cli_vis(sc_geo_db_label(a->db, x->db)),
		       x->network);
		if (x->found_country) {
			printf(" %s (/%u", x->country, x->country_prefix_len);
			if (x->country_input)
				printf(", %s", cli_vis(x->country_input));
			putchar(')');
		}
		if (x->found_asn) {
			printf(" AS%u (/%u", (unsigned)x->asn, x->asn_prefix_len);
			if (x->asn_input)
				printf(", %s", cli_vis(x->asn_input));
			putchar(')');
		}
		putchar('\n');
	}
	if (a->op) {
		printf("%soperator:    %s (%s)%s%s  [registry %s:%u '%s', by %s %s]\n", indent,
		       cli_vis(sc_entity_name(a->op)), sc_entity_country(a->op),
		       sc_entity_lei(a->op) ? ", LEI " : "",
		       sc_entity_lei(a->op) ? sc_entity_lei(a->op) : "",
		       cli_vis(base_name(sc_entity_file(a->op))), sc_entity_line(a->op),
		       sc_entity_id(a->op), a->match_kind, cli_vis(a->match));
	} else {
		printf("%soperator:    unknown (%s)\n", indent,
		       a->geo.found_asn ? "the ASN is not in the registry" : "no ASN and no known suffix");
	}
	if (a->ctl) {
		printf("%scontroller:  %s, %s%s%s  [%s]\n", indent, cli_vis(sc_entity_name(a->ctl)),
		       sc_entity_country(a->ctl), sc_entity_lei(a->ctl) ? ", LEI " : "",
		       sc_entity_lei(a->ctl) ? sc_entity_lei(a->ctl) : "",
		       sc_entity_source(a->ctl) ? cli_vis(sc_entity_source(a->ctl)) : "no source");
		print_control(indent, "control:     ", a->ctl, false);
		char label[64];
		snprintf(label, sizeof(label), "%seu27:        ", indent);
		cli_print_in_eu27(label, a->ctl, pack);
	} else if (a->op) {
		printf("%scontroller:  unknown (%s)\n", indent,
		       a->cycle ? "the parent chain loops" : "the parent chain is broken");
	} else {
		printf("%scontroller:  unknown\n", indent);
	}
	printf("%schain:       ", indent);
	if (a->match[0])
		printf("%s -> ", cli_vis(a->match));
	for (size_t i = 0; i < a->n_hops; i++) {
		hop_str(a->hops[i], hop, sizeof(hop));
		printf("%s%s", i ? " -> " : "", cli_vis(hop));
	}
	if (a->n_hops == 0)
		printf("%s", a->geo.found_asn ? "(AS organisation only)" : "(nothing known)");
	printf("\n%sanycast:     %s\n", indent, a->anycast ? "yes" : "no");
}

/* ---------------------------------------------------------------- JSON */

static json_t *
jstr_or_null(const char *s)
{
	return s && *s ? json_string(s) : json_null();
}

/* {"outcome", "db", "prefix"[, "against", "against_prefix"]}, as in
 * findings.json (docs/outputs.md); null when no database was asked. */
static json_t *
decision_json(const struct attr *a, bool asn)
{
	if (a->db == NULL)
		return json_null();
	const sc_geo_decision *k = asn ? &a->da : &a->dc;
	json_t *o = json_object();
	json_object_set_new(o, "outcome", json_string(sc_geo_outcome_to_string(k->outcome)));
	if (k->outcome == SC_GEO_NONE)
		return o;
	const sc_geo_source *by = &a->src[k->by], *vs = &a->src[k->against];
	json_object_set_new(o, "db", json_string(sc_geo_db_label(a->db, by->db)));
	json_object_set_new(o, "prefix", json_integer(asn ? by->asn_prefix_len
	                                                  : by->country_prefix_len));
	if (k->outcome == SC_GEO_SETTLED || k->outcome == SC_GEO_CONFLICT) {
		json_object_set_new(o, "against", json_string(sc_geo_db_label(a->db, vs->db)));
		json_object_set_new(o, "against_prefix", json_integer(asn ? vs->asn_prefix_len
		                                                          : vs->country_prefix_len));
	}
	return o;
}

static json_t *
attr_json(const struct attr *a, const char *via, const sc_pack *pack)
{
	json_t *o = json_object();
	char hop[400];
	json_object_set_new(o, "subject", json_string(a->ip));
	json_object_set_new(o, "kind", json_string("ip"));
	json_object_set_new(o, "location", a->anycast || !a->geo.found_country
	                                   ? json_null() : json_string(a->geo.country));
	json_object_set_new(o, "anycast", json_boolean(a->anycast));
	json_object_set_new(o, "geodb_country", a->geo.found_country
	                                        ? json_string(a->geo.country) : json_null());
	json_object_set_new(o, "location_source", jstr_or_null(a->geo.country_source));
	json_object_set_new(o, "network", jstr_or_null(a->geo.network));
	json_object_set_new(o, "asn", a->geo.found_asn ? json_integer(a->geo.asn) : json_null());
	json_object_set_new(o, "as_org", a->geo.found_asn ? jstr_or_null(a->geo.as_org) : json_null());
	json_object_set_new(o, "asn_source", jstr_or_null(a->geo.asn_source));
	/* Every database's answer (the shape of findings.json's
	 * dependencies[].location_sources) and what the rule made of them. */
	json_t *ls = json_array();
	for (size_t i = 0; i < a->nsrc; i++) {
		const sc_geo_source *x = &a->src[i];
		json_t *so = json_object();
		json_object_set_new(so, "db", json_string(sc_geo_db_label(a->db, x->db)));
		json_object_set_new(so, "country", x->found_country ? json_string(x->country)
		                                                    : json_null());
		json_object_set_new(so, "asn", x->found_asn ? json_integer(x->asn) : json_null());
		json_object_set_new(so, "network", json_string(x->network));
		json_object_set_new(so, "country_prefix", x->found_country
		                    ? json_integer(x->country_prefix_len) : json_null());
		json_object_set_new(so, "asn_prefix", x->found_asn ? json_integer(x->asn_prefix_len)
		                                                   : json_null());
		json_object_set_new(so, "country_source", jstr_or_null(x->country_input));
		json_object_set_new(so, "asn_source", jstr_or_null(x->asn_input));
		json_array_append_new(ls, so);
	}
	json_object_set_new(o, "location_sources", ls);
	json_object_set_new(o, "location_decision", decision_json(a, false));
	json_object_set_new(o, "asn_decision", decision_json(a, true));
	json_object_set_new(o, "country_input", jstr_or_null(a->country_input));
	json_object_set_new(o, "asn_input", jstr_or_null(a->asn_input));
	json_object_set_new(o, "operator", a->op ? json_string(sc_entity_name(a->op)) : json_null());
	json_object_set_new(o, "operator_id", a->op ? json_string(sc_entity_id(a->op)) : json_null());
	json_object_set_new(o, "operator_country",
	                    a->op ? json_string(sc_entity_country(a->op)) : json_null());
	json_object_set_new(o, "operator_lei", jstr_or_null(sc_entity_lei(a->op)));
	json_object_set_new(o, "matched_by", jstr_or_null(a->match_kind));
	json_object_set_new(o, "match", jstr_or_null(a->match));
	json_object_set_new(o, "controller", a->ctl ? json_string(sc_entity_name(a->ctl)) : json_null());
	json_object_set_new(o, "controller_id", a->ctl ? json_string(sc_entity_id(a->ctl)) : json_null());
	json_object_set_new(o, "controller_country",
	                    a->ctl ? json_string(sc_entity_country(a->ctl)) : json_null());
	json_object_set_new(o, "controller_lei", jstr_or_null(sc_entity_lei(a->ctl)));
	json_object_set_new(o, "controller_control", jstr_or_null(sc_entity_control(a->ctl)));
	json_object_set_new(o, "controller_holders", sc_entity_holders_to_json(a->ctl));
	json_object_set_new(o, "controller_held_recorded",
	                    json_boolean(sc_entity_held_recorded(a->ctl)));
	json_object_set_new(o, "controller_in_eu27", cli_in_eu27_json(a->ctl, pack));
	json_t *chain = json_array();
	if (a->match[0])
		json_array_append_new(chain, json_string(a->match));
	for (size_t i = 0; i < a->n_hops; i++) {
		hop_str(a->hops[i], hop, sizeof(hop));
		json_array_append_new(chain, json_string(hop));
	}
	json_object_set_new(o, "chain", chain);
	json_t *ent = json_array();
	for (size_t i = 0; i < a->n_hops; i++) {
		char where[600];
		snprintf(where, sizeof(where), "%s:%u", base_name(sc_entity_file(a->hops[i])),
		         sc_entity_line(a->hops[i]));
		json_t *h = json_object();
		json_object_set_new(h, "id", json_string(sc_entity_id(a->hops[i])));
		json_object_set_new(h, "entry", json_string(where));
		json_object_set_new(h, "lei", jstr_or_null(sc_entity_lei(a->hops[i])));
		json_object_set_new(h, "source", jstr_or_null(sc_entity_source(a->hops[i])));
		json_array_append_new(ent, h);
	}
	json_object_set_new(o, "registry_entries", ent);
	json_object_set_new(o, "chain_cycle", json_boolean(a->cycle));
	if (via)
		json_object_set_new(o, "via", json_string(via));
	json_object_set_new(o, "attributed", json_boolean(attributed(a)));
	return o;
}

/* Print one JSON object on one line; false on failure. */
static bool
print_json_line(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII | SC_JSON_REAL);
	if (s == NULL)
		return false;
	puts(s);
	free(s);
	return true;
}

/* ---------------------------------------------------------------- items */

/* What host lookups share: the collectors, created on first use. */
struct lk {
	const char *const *servers;
	size_t n_servers;
	const char *const *trust;     /* --trust files, besides the system store */
	size_t n_trust;
	sc_dns *dns;
	sc_tls *tls;
	bool no_tls;
	uint16_t port;
	int64_t at;                   /* --at: when --chain files are judged (0: now) */
	char at_text[32];             /* that time, RFC 3339 UTC, or "" */
	sc_pack *pack;                /* the default pack, for its EU27 set (NULL: not judged) */
};

static int
lk_dns(struct lk *k)
{
	if (k->dns)
		return 0;
	sc_err err;
	sc_err_clear(&err);
	if (sc_dns_new(NULL, &k->dns, &err) != SC_OK)
		return cli_fail(EXIT_RUNTIME, "%s", err.msg);
	for (size_t i = 0; i < k->n_servers; i++)
		if (sc_dns_add_resolver(k->dns, k->servers[i], &err) != SC_OK)
			return cli_fail(EXIT_USAGE, "--resolver '%s': %s", k->servers[i], err.msg);
	if (k->n_servers == 0 && sc_dns_add_system(k->dns, NULL, &err) != SC_OK)
		return cli_fail(EXIT_RUNTIME, "%s", err.msg);
	return 0;
}

/* TLS handshakes with every address of a host (SNI = host): chain, CA
 * owner through the registry, the hosts the certificate points to. */
static json_t *
probe_tls(struct lk *k, const sc_registry *reg, const struct resolved *r, bool json,
          int *ret_fatal)
{
	sc_err err;
	sc_err_clear(&err);
	sc_tls_opts to;
	memset(&to, 0, sizeof(to));
	to.trust_system = true;
	to.trust_files = k->trust;
	to.ntrust_files = k->n_trust;
	if (k->tls == NULL && sc_tls_new(&to, &k->tls, &err) != SC_OK) {
		*ret_fatal = cli_fail(EXIT_RUNTIME, "%s", err.msg);
		return NULL;
	}
	sc_tls_target t[MAX_ADDRS];
	for (size_t i = 0; i < r->n_addrs; i++) {
		t[i].host = r->names[0];
		t[i].address = r->addrs[i];
		t[i].port = k->port;
		t[i].starttls_smtp = k->port == 25 || k->port == 587;
	}
	sc_tls_results *rs = NULL;
	if (sc_tls_capture(k->tls, t, r->n_addrs, &rs, &err) != SC_OK) {
		*ret_fatal = cli_fail(EXIT_RUNTIME, "%s", err.msg);
		return NULL;
	}
	json_t *arr = json ? json_array() : NULL;
	for (size_t i = 0; i < sc_tls_results_count(rs); i++) {
		const sc_tls_result *res = sc_tls_results_get(rs, i);
		sc_tls_reason why = sc_tls_result_reason(res);
		sc_tls_owner ow;
		memset(&ow, 0, sizeof(ow));
		if (why == SC_TLS_OK && sc_tls_result_owner(res, reg, &ow, NULL) != SC_OK)
			memset(&ow, 0, sizeof(ow));
		if (json) {
			json_t *o = json_object();
			json_object_set_new(o, "address", json_string(r->addrs[i]));
			json_object_set_new(o, "port", json_integer(k->port));
			json_object_set_new(o, "status", json_string(sc_tls_reason_to_string(why)));
			json_object_set_new(o, "detail", jstr_or_null(sc_tls_result_detail(res)));
			json_object_set_new(o, "protocol", jstr_or_null(sc_tls_result_protocol(res)));
			json_object_set_new(o, "verified", json_boolean(sc_tls_result_verified(res)));
			json_object_set_new(o, "verify_error", jstr_or_null(sc_tls_result_verify_string(res)));
			json_object_set_new(o, "ca_owner", why == SC_TLS_OK ? sc_tls_owner_to_json(&ow)
			                                                    : json_null());
			json_t *deps = json_array();
			for (size_t d = 0; d < sc_tls_result_dep_count(res); d++) {
				sc_cert_dep_kind dk;
				const char *h = sc_tls_result_dep(res, d, &dk);
				json_array_append_new(deps, json_pack("{s:s, s:s}", "host", h ? h : "",
				                      "kind", sc_cert_dep_kind_to_string(dk)));
			}
			json_object_set_new(o, "dependencies", deps);
			json_array_append_new(arr, o);
			continue;
		}
		printf("  tls %s port %u: ", r->addrs[i], (unsigned)k->port);
		if (why != SC_TLS_OK) {
			const char *det = sc_tls_result_detail(res);
			printf("%s%s%s\n", sc_tls_reason_to_string(why), det && *det ? ": " : "",
			       det ? cli_vis(det) : "");
			continue;
		}
		printf("%s, chain %s\n", sc_tls_result_protocol(res) ? sc_tls_result_protocol(res) : "?",
		       sc_tls_result_verified(res) ? "verified" : sc_tls_result_verify_string(res) ?
		       sc_tls_result_verify_string(res) : "not verified");
		if (ow.found || !ow.verified) {
			printf("    %s\n", cli_vis(ow.summary));
			if (ow.found && ow.ultimate)
				print_control("    ", "control: ", ow.ultimate, ow.ultimate != ow.owner);
		} else {
			printf("    CA owner: unknown (issuer O=%s is not in the registry)\n",
			       sc_tls_result_cert_count(res) &&
			       sc_cert_issuer_attr(sc_tls_result_cert(res, 0), "O") ?
			       cli_vis(sc_cert_issuer_attr(sc_tls_result_cert(res, 0), "O")) : "none");
		}
		for (size_t d = 0; d < sc_tls_result_dep_count(res); d++) {
			sc_cert_dep_kind dk;
			const char *h = sc_tls_result_dep(res, d, &dk);
			printf("    %s host: %s\n", sc_cert_dep_kind_to_string(dk), h ? cli_vis(h) : "?");
		}
	}
	sc_tls_results_free(rs);
	return arr;
}

/* Look up one item; returns true when it was fully attributed. */
static bool
lookup_item(const char *item, const sc_geo *geo, const sc_registry *reg, struct lk *k,
            bool json, int *ret_fatal)
{
	char ip[INET6_ADDRSTRLEN];
	if (sc_ip_canon(item, ip, sizeof(ip))) {
		struct attr a;
		attribute(geo, reg, ip, NULL, &a);
		if (json) {
			json_t *o = attr_json(&a, NULL, k->pack);
			bool ok = o && print_json_line(o);
			json_decref(o);
			if (!ok)
				*ret_fatal = EXIT_RUNTIME;
		} else {
			printf("%s\n", ip);
			print_attr_text(&a, "  ", k->pack);
		}
		return attributed(&a);
	}

	int rc = lk_dns(k);
	if (rc != 0) {
		*ret_fatal = rc;
		return false;
	}
	struct resolved *r = calloc(1, sizeof(*r));
	struct attr *as = calloc(MAX_ADDRS, sizeof(*as));
	if (r == NULL || as == NULL) {
		free(r);
		free(as);
		*ret_fatal = EXIT_RUNTIME;
		cli_fail(EXIT_RUNTIME, "out of memory");
		return false;
	}
	resolve_host(k->dns, item, r);
	bool all = r->n_addrs > 0;
	for (size_t i = 0; i < r->n_addrs; i++) {
		attribute(geo, reg, r->addrs[i], r, &as[i]);
		all = all && attributed(&as[i]);
	}
	/* The host's own summary: what its addresses agree on; the operator
	 * of a host without addresses can still come from its names. */
	const struct attr *first = r->n_addrs ? &as[0] : NULL;
	bool same_loc = first != NULL, same_asn = first != NULL, same_op = first != NULL;
	for (size_t i = 1; i < r->n_addrs; i++) {
		same_loc = same_loc && as[i].geo.found_country == first->geo.found_country &&
		           strcmp(as[i].geo.country, first->geo.country) == 0 &&
		           as[i].anycast == first->anycast;
		same_asn = same_asn && as[i].geo.found_asn == first->geo.found_asn &&
		           as[i].geo.asn == first->geo.asn;
		same_op = same_op && as[i].op == first->op;
	}
	struct attr summary;
	if (first && same_op && first->op) {
		summary = *first;
	} else {
		attribute(NULL, reg, "", r, &summary);
	}

	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "subject", json_string(r->names[0]));
		json_object_set_new(o, "kind", json_string("host"));
		json_object_set_new(o, "location", same_loc && first->geo.found_country && !first->anycast
		                                   ? json_string(first->geo.country) : json_null());
		json_object_set_new(o, "anycast", json_boolean(summary.op && summary.anycast));
		json_object_set_new(o, "asn", same_asn && first->geo.found_asn
		                              ? json_integer(first->geo.asn) : json_null());
		json_object_set_new(o, "as_org", same_asn && first->geo.found_asn
		                                 ? jstr_or_null(first->geo.as_org) : json_null());
		json_t *sj = attr_json(&summary, NULL, k->pack);
		static const char *const copy[] = {
			"operator", "operator_id", "operator_country", "operator_lei", "matched_by",
			"match", "controller", "controller_id", "controller_country",
			"controller_lei", "chain",
			"registry_entries", NULL,
		};
		for (size_t c = 0; copy[c]; c++)
			json_object_set(o, copy[c], json_object_get(sj, copy[c]));
		json_decref(sj);
		json_t *nm = json_array();
		for (size_t i = 0; i < r->n_names; i++)
			json_array_append_new(nm, json_string(r->names[i]));
		json_object_set_new(o, "names", nm);
		json_t *ad = json_array();
		for (size_t i = 0; i < r->n_addrs; i++)
			json_array_append_new(ad, attr_json(&as[i], r->names[0], k->pack));
		json_object_set_new(o, "addresses", ad);
		if (!k->no_tls && r->n_addrs > 0) {
			json_t *tl = probe_tls(k, reg, r, true, ret_fatal);
			json_object_set_new(o, "tls", tl ? tl : json_null());
		}
		json_object_set_new(o, "error", jstr_or_null(r->error));
		json_object_set_new(o, "attributed", json_boolean(all));
		if (!print_json_line(o))
			*ret_fatal = EXIT_RUNTIME;
		json_decref(o);
	} else {
		printf("%s", cli_vis(r->names[0]));
		for (size_t i = 1; i < r->n_names; i++)
			printf(" -> CNAME %s", cli_vis(r->names[i]));
		printf("\n");
		if (r->error[0])
			printf("  unknown: %s\n", cli_vis(r->error));
		for (size_t i = 0; i < r->n_addrs; i++) {
			printf("  %s\n", as[i].ip);
			print_attr_text(&as[i], "    ", k->pack);
		}
		if (!k->no_tls && r->n_addrs > 0)
			probe_tls(k, reg, r, false, ret_fatal);
	}
	free(r);
	free(as);
	return all;
}

/* ------------------------------------------------------------- command */

/* Append to a NULL-free array of borrowed strings. */
static bool
push(const char ***arr, size_t *n, const char *s)
{
	const char **a = realloc(*arr, (*n + 1) * sizeof(*a));
	if (a == NULL)
		return false;
	a[(*n)++] = s;
	*arr = a;
	return true;
}

/* --chain FILE: the CA owner of a chain read from a file. */
static bool
lookup_chain(const char *path, const sc_registry *reg, struct lk *k, bool json, int *ret_fatal)
{
	sc_err err;
	sc_err_clear(&err);
	sc_tls_opts to;
	memset(&to, 0, sizeof(to));
	to.trust_system = true;
	to.trust_files = k->trust;
	to.ntrust_files = k->n_trust;
	if (k->tls == NULL && sc_tls_new(&to, &k->tls, &err) != SC_OK) {
		*ret_fatal = cli_fail(EXIT_RUNTIME, "%s", err.msg);
		return false;
	}
	sc_tls_result *r = NULL;
	if (sc_tls_pem_load(k->tls, path, NULL, k->at, &r, &err) != SC_OK) {
		cli_print_err(&err);
		*ret_fatal = cli_exit_for(SC_ERR_IO);
		return false;
	}
	sc_tls_reason why = sc_tls_result_reason(r);
	sc_tls_owner ow;
	memset(&ow, 0, sizeof(ow));
	if (why == SC_TLS_OK && sc_tls_result_owner(r, reg, &ow, NULL) != SC_OK)
		memset(&ow, 0, sizeof(ow));
	if (json) {
		json_t *o = json_object();
		json_object_set_new(o, "subject", json_string(path));
		json_object_set_new(o, "kind", json_string("chain"));
		json_object_set_new(o, "status", json_string(sc_tls_reason_to_string(why)));
		json_object_set_new(o, "detail", jstr_or_null(sc_tls_result_detail(r)));
		json_object_set_new(o, "certificates", json_integer((json_int_t)sc_tls_result_cert_count(r)));
		json_object_set_new(o, "verified", json_boolean(sc_tls_result_verified(r)));
		json_object_set_new(o, "verify_error", jstr_or_null(sc_tls_result_verify_string(r)));
		json_object_set_new(o, "at", k->at_text[0] ? json_string(k->at_text) : json_null());
		json_object_set_new(o, "ca_owner", why == SC_TLS_OK ? sc_tls_owner_to_json(&ow) : json_null());
		char *t = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII | SC_JSON_REAL);
		json_decref(o);
		if (t)
			puts(t);
		free(t);
	} else {
		printf("%s\n", cli_vis(path));
		if (why != SC_TLS_OK) {
			const char *det = sc_tls_result_detail(r);
			printf("  %s%s%s\n", sc_tls_reason_to_string(why), det && *det ? ": " : "",
			       det ? cli_vis(det) : "");
		} else {
			printf("  %zu certificate%s, chain %s%s%s%s\n", sc_tls_result_cert_count(r),
			       sc_tls_result_cert_count(r) == 1 ? "" : "s",
			       sc_tls_result_verified(r) ? "verified" : sc_tls_result_verify_string(r) ?
			       sc_tls_result_verify_string(r) : "not verified",
			       k->at_text[0] ? " (judged at " : "", k->at_text[0] ? k->at_text : "",
			       k->at_text[0] ? ")" : "");
			printf("  ca owner: %s\n", cli_vis(ow.summary));
			if (ow.found && ow.ultimate)
				print_control("  ", "control:  ", ow.ultimate, ow.ultimate != ow.owner);
		}
	}
	sc_tls_result_free(r);
	return why == SC_TLS_OK && ow.found && ow.country != NULL && !ow.inferred;
}

/* Two decimal digits at s. */
static bool
two_digits(const char *s, int *ret)
{
	if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]))
		return false;
	*ret = (s[0] - '0') * 10 + (s[1] - '0');
	return true;
}

/* --at: YYYY-MM-DD (12:00 UTC, the instant `check --date` judges at) or an
 * RFC 3339 time, YYYY-MM-DDTHH:MM:SS[.frac] then Z or +HH:MM / -HH:MM (a
 * fraction is dropped, a leap second is :59). Sets k->at (Unix time),
 * k->at_text (RFC 3339 UTC) and date (the UTC date, for the registry).
 * False when s is neither, or is not after 1970-01-01 (0 would mean now). */
static bool
parse_at(const char *s, struct lk *k, char date[11])
{
	char ymd[11];
	int y, mo, d;
	if (strlen(s) < 10)
		return false;
	memcpy(ymd, s, 10);
	ymd[10] = '\0';
	if (!sc_date_parse(ymd, &y, &mo, &d))
		return false;
	int64_t t = cli_epoch_of_date(y, mo, d);
	const char *p = s + 10;
	if (*p != '\0') {
		int hh, mm, ss, oh = 0, om = 0, sign = 0;
		if (*p != 'T' && *p != 't' && *p != ' ')
			return false;
		p++;
		if (!two_digits(p, &hh) || p[2] != ':' || !two_digits(p + 3, &mm) || p[5] != ':' ||
		    !two_digits(p + 6, &ss) || hh > 23 || mm > 59 || ss > 60)
			return false;
		p += 8;
		if (*p == '.') {
			if (!isdigit((unsigned char)*++p))
				return false;
			while (isdigit((unsigned char)*p))
				p++;
		}
		if (*p == 'Z' || *p == 'z') {
			p++;
		} else if (*p == '+' || *p == '-') {
			sign = *p == '-' ? -1 : 1;
			if (!two_digits(p + 1, &oh) || p[3] != ':' || !two_digits(p + 4, &om) ||
			    oh > 23 || om > 59)
				return false;
			p += 6;
		} else {
			return false;
		}
		if (*p != '\0')
			return false;
		t += -43200 + hh * 3600 + mm * 60 + (ss == 60 ? 59 : ss) -
		     sign * (oh * 3600 + om * 60);
	}
	if (t <= 0)
		return false;
	time_t tt = (time_t)t;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL)
		return false;
	strftime(date, 11, "%Y-%m-%d", &tm);
	strftime(k->at_text, sizeof(k->at_text), "%Y-%m-%dT%H:%M:%SZ", &tm);
	k->at = t;
	return true;
}

int
cmd_lookup(int argc, char **argv)
{
	const char **geodbs = NULL, **regs = NULL, **servers = NULL, **items = NULL, **trust = NULL, **chains = NULL;
	size_t n_geodb = 0, n_reg = 0, n_srv = 0, n_items = 0, n_trust = 0, n_chains = 0;
	bool json = false;
	int rc = EXIT_PASS;
	sc_geo *geo = NULL;
	sc_registry *reg = NULL;
	struct lk k = {0};
	k.port = 443;
	char at_date[11] = "";

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool ok = true;
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(help, stdout);
			goto out;
		} else if (strcmp(a, "--json") == 0) {
			json = true;
		} else if (strcmp(a, "--no-tls") == 0) {
			k.no_tls = true;
		} else if (strcmp(a, "--port") == 0) {
			char *end = NULL;
			long p = i + 1 < argc ? strtol(argv[i + 1], &end, 10) : 0;
			if (i + 1 >= argc || end == argv[i + 1] || *end != '\0' || p < 1 || p > 65535) {
				rc = cli_fail(EXIT_USAGE, "--port needs a port number from 1 to 65535");
				goto out;
			}
			k.port = (uint16_t)p;
			i++;
		} else if (strcmp(a, "--at") == 0) {
			if (i + 1 >= argc) {
				rc = cli_fail(EXIT_USAGE, "--at needs an argument");
				goto out;
			}
			if (!parse_at(argv[i + 1], &k, at_date)) {
				rc = cli_fail(EXIT_USAGE, "--at: '%s' is not a date YYYY-MM-DD or an RFC 3339 "
				              "time such as 2020-06-01T08:30:00Z (after 1970-01-01)",
				              cli_vis(argv[i + 1]));
				goto out;
			}
			i++;
		} else if (strcmp(a, "--geodb") == 0 || strcmp(a, "--registry") == 0 ||
		           strcmp(a, "--resolver") == 0 || strcmp(a, "--trust") == 0 ||
		           strcmp(a, "--chain") == 0) {
			if (i + 1 >= argc) {
				rc = cli_fail(EXIT_USAGE, "%s needs an argument", a);
				goto out;
			}
			const char *v = argv[++i];
			if (strcmp(a, "--geodb") == 0)
				ok = push(&geodbs, &n_geodb, v);
			else if (strcmp(a, "--registry") == 0)
				ok = push(&regs, &n_reg, v);
			else if (strcmp(a, "--trust") == 0)
				ok = push(&trust, &n_trust, v);
			else if (strcmp(a, "--chain") == 0)
				ok = push(&chains, &n_chains, v);
			else
				ok = push(&servers, &n_srv, v);
		} else if (strcmp(a, "--") == 0) {
			for (i++; i < argc && ok; i++)
				ok = push(&items, &n_items, argv[i]);
			break;
		} else if (a[0] == '-' && a[1] != '\0') {
			rc = cli_fail(EXIT_USAGE, "unknown option '%s' (see 'sovcheck lookup --help')", a);
			goto out;
		} else {
			ok = push(&items, &n_items, a);
		}
		if (!ok) {
			rc = cli_fail(EXIT_RUNTIME, "out of memory");
			goto out;
		}
	}
	if (n_items == 0 && n_chains == 0) {
		fputs(help, stderr);
		rc = EXIT_USAGE;
		goto out;
	}
	if (k.at != 0 && n_items > 0) {
		rc = cli_fail(EXIT_USAGE, "--at applies to --chain files only, not to addresses or "
		              "host names (their TLS chains are judged when they are probed)");
		goto out;
	}

	k.servers = servers;
	k.n_servers = n_srv;
	k.trust = trust;
	k.n_trust = n_trust;
	/* Geolocation databases (the default one when none is named), then
	 * the registry: the shipped directory with --registry files over it. */
	if (n_items && (rc = cli_open_geo(geodbs, n_geodb, false, &geo)) != EXIT_PASS)
		goto out;
	if ((rc = cli_load_registry(regs, n_reg, &reg)) != EXIT_PASS)
		goto out;
	/* Who owned and controlled whom: the registry's state at --at. */
	if (at_date[0] && sc_registry_set_date(reg, at_date) != SC_OK) {
		rc = cli_fail(EXIT_USAGE, "--at: '%s' is not a date", at_date);
		goto out;
	}
	/* The EU27 set of the default pack, for §19.6.c's judgement of each
	 * controller (controller_in_eu27); without the policy data it is not
	 * judged, and lookup goes on. */
	k.pack = cli_default_pack_quiet();

	bool all = true;
	int fatal = 0;
	for (size_t i = 0; i < n_chains && fatal == 0; i++) {
		if (!json && i > 0)
			putchar('\n');
		all = lookup_chain(chains[i], reg, &k, json, &fatal) && all;
	}
	for (size_t i = 0; i < n_items && fatal == 0; i++) {
		if (!json && i > 0)
			putchar('\n');
		all = lookup_item(items[i], geo, reg, &k, json, &fatal) && all;
	}
	if (fflush(stdout) != 0 && fatal == 0)
		fatal = cli_fail(EXIT_RUNTIME, "cannot write the output");
	rc = fatal ? fatal : all ? EXIT_PASS : EXIT_UNKNOWN;
out:
	sc_dns_free(k.dns);
	sc_tls_free(k.tls);
	sc_pack_free(k.pack);
	sc_registry_free(reg);
	sc_geo_close(geo);
	free(geodbs);
	free(regs);
	free(servers);
	free(trust);
	free(chains);
	free(items);
	return rc;
}
