/*
 * test-sovereignty.c — the manifest's sovereignty section and the checks
 * that read it (eval-sovereignty.c): each check at its boundaries (pass,
 * fail, unknown, not applicable; a certificate expiring on the evaluation
 * date, a PUE equal to the limit), customer-held keys and software
 * suppliers over declared subcontractors (and the registry's controllers),
 * assessments of factors nothing else decides (met, not met, future-dated,
 * stale), and hostile sections refused at their line and column.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "graph.h"
#include "policy.h"
#include "testutil.h"

/* ------------------------------------------------------------ the pack */

static char dir[] = "/tmp/sc-sovereignty-XXXXXX";

static const char *sets_yaml =
	"sets:\n"
	"  - id: EU27\n    title: {en: EU, fr: UE}\n    members: [FR, DE]\n"
	"    sources: [x]\n    reviewed: 2026-01-01\n"
	"  - id: EU\n    title: {en: EU, fr: UE}\n    include: [EU27]\n    members: [RE]\n"
	"    sources: [x]\n    reviewed: 2026-01-01\n";

#define HEAD(ID) \
	"pack: " ID "\ntitle: {en: T, fr: T}\nversion: \"1\"\nsource: x\n" \
	"scoring:\n  method: seal\n  minimum: 1\n  weights_source: x\n  levels:\n" \
	"    - {level: 0, title: {en: a, fr: a}}\n    - {level: 1, title: {en: b, fr: b}}\n" \
	"    - {level: 2, title: {en: c, fr: c}}\n    - {level: 3, title: {en: d, fr: d}}\n" \
	"    - {level: 4, title: {en: e, fr: e}}\n" \
	"requirements:\n" \
	"  - id: O\n    title: {en: o, fr: o}\n    summary: {en: o, fr: o}\n" \
	"    severity: high\n    weight: 100\n    factors:\n"

#define FACTOR(ID, CHECK) \
	"      - id: " ID "\n        title: {en: f, fr: f}\n        seal: 1\n" \
	"        checks: [" CHECK "]\n"

/* One factor per check, and one that nothing decides (F-UNSEEN). */
static const char *pack_yaml =
	HEAD("sov")
	FACTOR("F-CERT", "{use: certifications, schemes: [secnumcloud, iso-27001]}")
	FACTOR("F-SOC", "{use: soc_in_set, set: EU}")
	FACTOR("F-HW", "{use: hardware_in_set, set: EU, aspects: [assembly, firmware]}")
	FACTOR("F-SRC", "{use: source_available, accepted: [open-source, escrow]}")
	FACTOR("F-PUE", "{use: energy_disclosed, max_pue: 1.5}")
	FACTOR("F-REN", "{use: energy_disclosed, min_renewable: 50}")
	FACTOR("F-KEYS", "{use: customer_held_keys}")
	FACTOR("F-SW", "{use: software_suppliers_in_set, set: EU27}")
	"      - id: F-UNSEEN\n        title: {en: f, fr: f}\n        seal: 2\n"
	"        unseen: {en: nobody sees it, fr: personne ne le voit}\n";

/* Entities whose control the manifest may not know: a German software
 * house owned from the US, a French one held by its French founders, a
 * French one whose holding is not recorded (its control left open), and a
 * French one whose parent the registry names but does not hold (a broken
 * chain: controller unknown). */
#define SRC(what) \
	"    sources: [{url: https://example.test/" what ", fact: test, " \
	"covers: [name, country, parent], reviewed: 2026-11-01}]\n"
static const char *registry_yaml =
	"sovcheck-registry: 1\n"
	"entities:\n"
	"  - id: globex-corp\n    name: Globex Corp.\n    country: US\n" SRC("globex")
	"  - id: eurosoft\n    name: EuroSoft GmbH\n    country: DE\n    parent: globex-corp\n"
	SRC("eurosoft")
	"  - id: libre-soft\n    name: Logiciel Libre SAS\n    country: FR\n"
	"    holders: [{name: Les fondateurs, country: FR, capital: 100}]\n"
	"    sources: [{url: https://example.test/libre, fact: test, "
	"covers: [name, country, holders], reviewed: 2026-11-01}]\n"
	"  - id: bare-soft\n    name: Bare Soft SAS\n    country: FR\n" SRC("bare")
	"  - id: orphan-soft\n    name: Orphan Soft SAS\n    country: FR\n    parent: nowhere-holding\n"
	SRC("orphan");

static void
write_file(const char *name, const char *text)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/sc-sovereignty-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	write_file("country-sets.yaml", sets_yaml);
	write_file("sov.yaml", pack_yaml);
	char p[256];
	snprintf(p, sizeof(p), "%s/registry", dir);
	ck_assert_int_eq(mkdir(p, 0700), 0);
	write_file("registry/test.yaml", registry_yaml);
}

static void
teardown(void)
{
	const char *files[] = {"country-sets.yaml", "sov.yaml", "bad.yaml", "registry/test.yaml",
		"registry"};
	char p[256];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		if (unlink(p) != 0)
			rmdir(p);
	}
	rmdir(dir);
}

static sc_pack *
load_pack(const char *name, sc_status expect, const char *needle)
{
	char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	sc_diags *d = sc_diags_new();
	sc_pack *pack = NULL;
	sc_status st = sc_pack_load(p, NULL, d, &pack);
	bool found = needle == NULL;
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		found |= strstr(sc_diags_get(d, i)->msg, needle) != NULL;
		if (expect == SC_OK)
			fprintf(stderr, "%s\n", sc_diags_get(d, i)->msg);
	}
	ck_assert_msg(st == expect, "%s: %s", name, sc_strerror(st));
	ck_assert_msg(found, "%s: no diagnostic says \"%s\"", name, needle);
	sc_diags_free(d);
	return pack;
}

/* The manifest "sovcheck: 1, service: S" and body, judged by the test pack
 * on 2026-11-22; with_registry: through a graph on the test registry. */
static sc_result *
judge(const sc_pack *pack, const char *body, bool with_registry)
{
	char src[4096];
	snprintf(src, sizeof(src), "sovcheck: 1\nservice:\n  name: S\n%s", body);
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	if (tu_parse(src, &m, &d) != SC_OK)
		for (size_t i = 0; i < sc_diags_count(d); i++)
			fprintf(stderr, "%u:%u: %s\n", sc_diags_get(d, i)->line,
			        sc_diags_get(d, i)->col, sc_diags_get(d, i)->msg);
	sc_diags_free(d);
	ck_assert_ptr_nonnull(m);
	sc_registry *reg = NULL;
	sc_graph *g = NULL;
	if (with_registry) {
		char p[256];
		snprintf(p, sizeof(p), "%s/registry", dir);
		d = sc_diags_new();
		ck_assert_int_eq(sc_registry_load_dir(p, d, &reg), SC_OK);
		sc_diags_free(d);
		ck_assert_int_eq(sc_graph_build(m, NULL, reg, &g, NULL), SC_OK);
	}
	sc_eval_opts o = {0};
	ck_assert(sc_date_parse("2026-11-22", &o.year, &o.month, &o.day));
	o.offline = true;
	o.graph = g;
	sc_result *r = NULL;
	ck_assert_int_eq(sc_eval(m, pack, &o, &r, NULL), SC_OK);
	/* The result borrows none of these for what the tests read: the
	 * findings are copies. */
	r->m = NULL;
	r->graph = NULL;
	sc_graph_free(g);
	sc_registry_free(reg);
	sc_manifest_free(m);
	return r;
}

/* The verdict of factor id of objective O (unknown when nothing decides). */
static sc_verdict
factor_verdict(const sc_result *r, const char *id, const char **ret_reasons)
{
	const rs_req *q = tu_req(r, "O");
	static char reasons[4096];
	reasons[0] = '\0';
	for (size_t i = 0; i < q->req->nfactors; i++) {
		if (strcmp(q->req->factors[i].id, id) != 0)
			continue;
		for (size_t j = 0; j < q->n; j++)
			if (q->f[j].factor == (int)i) {
				size_t used = strlen(reasons), rl = strlen(tu_reason(&q->f[j]));
				if (used + rl + 4 <= sizeof(reasons)) {
					memcpy(reasons + used, tu_reason(&q->f[j]), rl);
					memcpy(reasons + used + rl, " | ", 4);
				}
			}
		if (ret_reasons)
			*ret_reasons = reasons;
		return q->factors[i].verdict;
	}
	ck_abort_msg("no factor %s", id);
	return SC_UNKNOWN;
}

/* -------------------------------------------------- the checks, tabled */

struct ccase {
	const char *name, *factor, *body;
	sc_verdict verdict;
	const char *needle;        /* in the factor's reasons, or NULL */
	bool registry;
};

#define SOV "sovereignty:\n"
#define CERT(S, U) "    - {scheme: " S ", issuer: ANSSI, valid_until: " U "}\n"
#define HOST(N, CC) "  - {name: " N ", country: " CC ", service: s, relationship: hosting, " \
                    "data_access: customer}\n"
#define KEYS(ID, KIND, TO) "  - {id: " ID ", kind: " KIND ", description: d, applies_to: [" TO "]}\n"
#define SOFT(N, CC, REL) "  - {name: " N ", country: " CC ", service: s, relationship: " REL ", " \
                         "data_access: none}\n"

static const struct ccase ccases[] = {
	/* certifications */
	{"no sovereignty section: certifications unknown", "F-CERT", "", SC_UNKNOWN,
	 "not declared", false},
	{"a section without certifications: unknown", "F-CERT", SOV "  source: {availability: escrow}\n",
	 SC_UNKNOWN, "not declared", false},
	{"an empty list declares none: fail", "F-CERT", SOV "  certifications: []\n", SC_FAIL,
	 "0 certifications are declared", false},
	{"valid until the evaluation date itself: in force", "F-CERT",
	 SOV "  certifications:\n" CERT("secnumcloud", "2026-11-22"), SC_PASS, "valid until 2026-11-22",
	 false},
	{"expired the day before: fail", "F-CERT", SOV "  certifications:\n" CERT("secnumcloud", "2026-11-21"),
	 SC_FAIL, "expired: SecNumCloud", false},
	{"one expired, one in force: pass", "F-CERT",
	 SOV "  certifications:\n" CERT("secnumcloud", "2025-01-01") CERT("iso-27001", "2027-01-01"),
	 SC_PASS, "ISO/IEC 27001", false},
	{"only a scheme the pack does not accept: fail", "F-CERT",
	 SOV "  certifications:\n" CERT("soc2", "2027-01-01"), SC_FAIL, "none of the accepted", false},
	/* the SOC */
	{"SOC undeclared: unknown", "F-SOC", SOV "  certifications: []\n", SC_UNKNOWN, "not declared",
	 false},
	{"SOC in France, run from France: pass", "F-SOC",
	 SOV "  soc: {countries: [FR], operator: Acme SOC, operator_country: FR}\n", SC_PASS, NULL, false},
	{"a SOC country outside the set: fail", "F-SOC",
	 SOV "  soc: {countries: [FR, US], operator: Acme SOC, operator_country: FR}\n", SC_FAIL,
	 "United States", false},
	{"a SOC in France run by a US company: fail", "F-SOC",
	 SOV "  soc: {countries: [FR], operator: Globex SOC, operator_country: US}\n", SC_FAIL,
	 "run by Globex SOC", false},
	{"an overseas region of the EU set: pass", "F-SOC",
	 SOV "  soc: {countries: [RE], operator: Acme SOC, operator_country: FR, log_access: []}\n",
	 SC_PASS, NULL, false},
	/* the hardware */
	{"hardware undeclared: unknown", "F-HW", SOV "  certifications: []\n", SC_UNKNOWN,
	 "not declared", false},
	{"assembled and flashed in the EU: pass", "F-HW",
	 SOV "  hardware: {assembly: [FR], firmware: [DE], processors: [US]}\n", SC_PASS, NULL, false},
	{"assembled in China: fail, naming it", "F-HW",
	 SOV "  hardware: {assembly: [FR, CN], firmware: [DE]}\n", SC_FAIL, "China", false},
	{"an aspect the pack names left out: unknown", "F-HW", SOV "  hardware: {assembly: [FR]}\n",
	 SC_UNKNOWN, "firmware suppliers: the countries are not declared", false},
	{"only an aspect the pack does not name: unknown", "F-HW",
	 SOV "  hardware: {processors: [FR]}\n", SC_UNKNOWN, "not declared", false},
	/* the source code */
	{"source undeclared: unknown", "F-SRC", SOV "  certifications: []\n", SC_UNKNOWN,
	 "not declared", false},
	{"escrow accepted: pass", "F-SRC", SOV "  source: {availability: escrow, licence: EULA}\n",
	 SC_PASS, "licence: EULA", false},
	{"proprietary: fail", "F-SRC", SOV "  source: {availability: proprietary}\n", SC_FAIL,
	 "the pack accepts", false},
	{"source-available is not open source: fail", "F-SRC",
	 SOV "  source: {availability: source-available}\n", SC_FAIL, NULL, false},
	/* energy */
	{"energy undeclared: unknown", "F-PUE", SOV "  certifications: []\n", SC_UNKNOWN,
	 "not declared", false},
	{"a PUE equal to the limit: pass", "F-PUE", SOV "  energy: {pue: 1.5}\n", SC_PASS,
	 "PUE 1.5, within the limit of 1.5", false},
	{"a PUE just above: fail", "F-PUE", SOV "  energy: {pue: 1.51, year: 2025}\n", SC_FAIL,
	 "PUE 1.51 in 2025, above", false},
	{"a renewable share without a PUE: PUE unknown", "F-PUE",
	 SOV "  energy: {renewable_share: 80}\n", SC_UNKNOWN, "PUE is not declared", false},
	{"a renewable share equal to the minimum: pass", "F-REN", SOV "  energy: {renewable_share: 50}\n",
	 SC_PASS, NULL, false},
	{"a renewable share just below: fail", "F-REN", SOV "  energy: {renewable_share: 49.9}\n",
	 SC_FAIL, "49.9 %", false},
	{"a PUE without a renewable share: share unknown", "F-REN", SOV "  energy: {pue: 1.2}\n",
	 SC_UNKNOWN, "renewable share is not declared", false},
	/* customer-held keys */
	{"subcontractors undeclared: keys unknown", "F-KEYS", "", SC_UNKNOWN, "not declared", false},
	{"a host covered by name: pass", "F-KEYS",
	 "subcontractors:\n" HOST("Host SA", "FR") "mitigations:\n"
	 KEYS("k", "customer-held-keys", "host sa"), SC_PASS, "ciphertext", false},
	{"a host covered by '*': pass", "F-KEYS",
	 "subcontractors:\n" HOST("Host SA", "FR") "mitigations:\n" KEYS("k", "customer-held-keys", "\"*\""),
	 SC_PASS, NULL, false},
	{"a host with provider-held keys only: fail", "F-KEYS",
	 "subcontractors:\n" HOST("Host SA", "FR") "mitigations:\n" KEYS("k", "eu-held-keys", "Host SA"),
	 SC_FAIL, "Host SA holds customer data (physical access)", false},
	{"a host declared with no data access still holds the data: fail", "F-KEYS",
	 "subcontractors:\n  - {name: Colo SA, country: FR, service: s, relationship: colocation, "
	 "data_access: none}\n", SC_FAIL, "Colo SA", false},
	{"a nested host not covered: fail", "F-KEYS",
	 "subcontractors:\n  - name: Top SA\n    country: FR\n    service: s\n    relationship: network\n"
	 "    data_access: metadata\n    subcontractors:\n  " HOST("Deep SA", "FR")
	 "mitigations:\n" KEYS("k", "customer-held-keys", "Top SA"), SC_FAIL, "subcontractor of Top SA",
	 false},
	{"a SaaS with customer data not covered: fail", "F-KEYS",
	 "subcontractors:\n  - {name: Tickets Inc, country: US, service: s, relationship: saas, "
	 "data_access: customer}\n", SC_FAIL, "service access", false},
	{"a SaaS with metadata only holds no customer data: the provider's keys are unknown",
	 "F-KEYS", "subcontractors:\n  - {name: Tickets Inc, country: US, service: s, relationship: saas, "
	 "data_access: metadata}\n", SC_UNKNOWN, "whether the provider itself", false},
	{"a CDN is transit, not holding: unknown", "F-KEYS",
	 "subcontractors:\n  - {name: Edge Inc, country: US, service: s, relationship: cdn, "
	 "data_access: customer}\n", SC_UNKNOWN, NULL, false},
	{"no subcontractor, customer-held keys for '*': pass", "F-KEYS",
	 "subcontractors: []\nmitigations:\n" KEYS("k", "customer-held-keys", "\"*\""), SC_PASS,
	 "only the customer holds the keys", false},
	{"no subcontractor and no such mitigation: unknown", "F-KEYS", "subcontractors: []\n",
	 SC_UNKNOWN, NULL, false},
	/* software suppliers */
	{"subcontractors undeclared: suppliers unknown", "F-SW", "", SC_UNKNOWN, "not declared", false},
	{"none declared: not applicable", "F-SW", "subcontractors: []\n", SC_NOT_APPLICABLE, NULL,
	 false},
	{"only hosts: not applicable", "F-SW", "subcontractors:\n" HOST("Host SA", "FR"),
	 SC_NOT_APPLICABLE, NULL, false},
	{"a French software house: pass", "F-SW",
	 "subcontractors:\n  - {name: Soft SAS, country: FR, parent: Soft SAS, parent_country: FR, "
	 "service: s, relationship: software, data_access: none}\n",
	 SC_PASS, "declared controlled by Soft SAS (France)", false},
	/* its seat does not stand for its control: a European subsidiary of a
	 * foreign group declared without its parent is not a pass */
	{"a French software house declared without its parent: unknown", "F-SW",
	 "subcontractors:\n" SOFT("Soft SAS", "FR", "software"), SC_UNKNOWN,
	 "declared seated in France, controlled by a party not declared (parent, parent_country",
	 false},
	{"updates from the US: fail", "F-SW", "subcontractors:\n" SOFT("Upd Inc", "US", "updates"),
	 SC_FAIL, "outside", false},
	{"a French subsidiary of a US parent: fail", "F-SW",
	 "subcontractors:\n  - {name: Soft SAS, country: FR, parent: Big Inc, parent_country: US, "
	 "service: s, relationship: [software, updates], data_access: none}\n", SC_FAIL, "Big Inc",
	 false},
	{"a US supplier two levels down: fail", "F-SW",
	 "subcontractors:\n  - name: Top SA\n    country: FR\n    service: s\n    relationship: hosting\n"
	 "    data_access: customer\n    subcontractors:\n  " SOFT("Deep Inc", "US", "software"), SC_FAIL,
	 "subcontractor of Top SA", false},
	{"declared German, owned from the US per the registry: fail", "F-SW",
	 "subcontractors:\n" SOFT("EuroSoft GmbH", "DE", "software"), SC_FAIL, "Globex Corp.", true},
	{"the registry agrees with the declaration: pass", "F-SW",
	 "subcontractors:\n" SOFT("Logiciel Libre SAS", "FR", "software"), SC_PASS,
	 "the registry names its ultimate controller Logiciel Libre SAS", true},
	{"the registry knows it, not how it is held, no parent declared: unknown", "F-SW",
	 "subcontractors:\n" SOFT("Bare Soft SAS", "FR", "software"), SC_UNKNOWN,
	 "the registry knows but whose control it leaves open", true},
	{"the registry's chain is broken: unknown", "F-SW",
	 "subcontractors:\n" SOFT("Orphan Soft SAS", "FR", "software"), SC_UNKNOWN,
	 "not its ultimate controller", true},
};

START_TEST(each_check_at_its_boundaries)
{
	const struct ccase *c = &ccases[_i];
	sc_pack *p = load_pack("sov.yaml", SC_OK, NULL);
	sc_result *r = judge(p, c->body, c->registry);
	const char *reasons = "";
	sc_verdict v = factor_verdict(r, c->factor, &reasons);
	ck_assert_msg(v == c->verdict, "%s: %s, expected %s (%s)", c->name, sc_verdict_to_string(v),
	              sc_verdict_to_string(c->verdict), reasons);
	ck_assert_msg(c->needle == NULL || strstr(reasons, c->needle) != NULL,
	              "%s: the reasons do not say \"%s\": %s", c->name, c->needle, reasons);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

/* ---------------------------------------------------------- assessments */

struct acase {
	const char *name, *body;
	sc_verdict verdict;
	const char *needle;
};

#define ASSESS(F, MET, DATE) SOV "  assessments:\n    - {factor: " F ", met: " MET \
	", by: Audit Co, date: " DATE ", evidence: report AC-7}\n"

static const struct acase acases[] = {
	{"no assessment: unseen, unknown", "", SC_UNKNOWN, "nothing sovcheck collects"},
	{"assessed met: pass, with who, when and the evidence", ASSESS("F-UNSEEN", "true", "2026-03-01"),
	 SC_PASS, "F-UNSEEN is met, as assessed by Audit Co on 2026-03-01: report AC-7"},
	{"assessed not met: fail", ASSESS("F-UNSEEN", "false", "2026-03-01"), SC_FAIL,
	 "F-UNSEEN is not met"},
	{"dated on the evaluation date: counts", ASSESS("F-UNSEEN", "true", "2026-11-22"), SC_PASS,
	 NULL},
	{"dated after the evaluation date: unknown", ASSESS("F-UNSEEN", "true", "2026-11-23"),
	 SC_UNKNOWN, "after the evaluation date"},
	{"exactly 12 months old: still counts", ASSESS("F-UNSEEN", "true", "2025-11-22"), SC_PASS,
	 NULL},
	{"a day more than 12 months old: stale, unknown", ASSESS("F-UNSEEN", "true", "2025-11-21"),
	 SC_UNKNOWN, "more than 12 months old"},
	{"an assessment of another factor: unseen", ASSESS("F-OTHER", "true", "2026-03-01"),
	 SC_UNKNOWN, "nothing sovcheck collects"},
};

START_TEST(assessments_decide_unseen_factors_while_they_stand)
{
	const struct acase *c = &acases[_i];
	sc_pack *p = load_pack("sov.yaml", SC_OK, NULL);
	sc_result *r = judge(p, c->body, false);
	const char *reasons = "";
	sc_verdict v = factor_verdict(r, "F-UNSEEN", &reasons);
	ck_assert_msg(v == c->verdict, "%s: %s, expected %s (%s)", c->name, sc_verdict_to_string(v),
	              sc_verdict_to_string(c->verdict), reasons);
	ck_assert_msg(c->needle == NULL || strstr(reasons, c->needle) != NULL,
	              "%s: the reasons do not say \"%s\": %s", c->name, c->needle, reasons);
	/* An assessment is a declaration: its finding says so. */
	const rs_req *q = tu_req(r, "O");
	for (size_t i = 0; i < q->n; i++)
		if (strcmp(q->f[i].subject, "F-UNSEEN") == 0)
			ck_assert_int_eq(q->f[i].origin, RS_DECLARED);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

START_TEST(an_assessment_does_not_override_a_check)
{
	/* F-CERT is decided by its check: an assessor's "met" does not count. */
	sc_pack *p = load_pack("sov.yaml", SC_OK, NULL);
	sc_result *r = judge(p, ASSESS("F-CERT", "true", "2026-03-01"), false);
	ck_assert_int_eq(factor_verdict(r, "F-CERT", NULL), SC_UNKNOWN);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

START_TEST(an_assessment_raises_the_level_only_when_met)
{
	/* Every factor but the unseen one (SEAL-2) met: SEAL-1 without an
	 * assessment, SEAL-4 with one that says it is met. */
	const char *met =
		"subcontractors: []\n"
		"mitigations:\n" KEYS("k", "customer-held-keys", "\"*\"")
		SOV "  certifications:\n" CERT("secnumcloud", "2027-01-01")
		"  soc: {countries: [FR], operator: A, operator_country: FR}\n"
		"  hardware: {assembly: [FR], firmware: [FR]}\n"
		"  source: {availability: open-source}\n"
		"  energy: {pue: 1.2, renewable_share: 90}\n";
	sc_pack *p = load_pack("sov.yaml", SC_OK, NULL);
	sc_result *r = judge(p, met, false);
	ck_assert_int_eq(tu_req(r, "O")->level, 1);
	sc_result_free(r);
	char body[2048];
	snprintf(body, sizeof(body), "%s  assessments:\n    - {factor: F-UNSEEN, met: true, by: A, "
	         "date: 2026-06-01, evidence: e}\n", met);
	r = judge(p, body, false);
	ck_assert_int_eq(tu_req(r, "O")->level, 4);
	sc_result_free(r);
	snprintf(body, sizeof(body), "%s  assessments:\n    - {factor: F-UNSEEN, met: false, by: A, "
	         "date: 2026-06-01, evidence: e}\n", met);
	r = judge(p, body, false);
	ck_assert_int_eq(tu_req(r, "O")->level, 1);
	sc_result_free(r);
	sc_pack_free(p);
}
END_TEST

/* ------------------------------------------------------ hostile sections */

struct ecase {
	const char *name, *body;
	unsigned line, col;        /* of the error; the body starts at line 4 */
	const char *rule, *needle;
};

static const struct ecase ecases[] = {
	{"a scheme outside the vocabulary",
	 SOV "  certifications:\n    - {scheme: iso27001, issuer: X, valid_until: 2027-01-01}\n",
	 6, 16, "enum", "iso27001"},
	{"a date that does not exist",
	 SOV "  certifications:\n    - {scheme: c5, issuer: BSI, valid_until: 2027-02-30}\n",
	 6, 46, "date", "2027-02-30"},
	{"a certification without its date",
	 SOV "  certifications:\n    - {scheme: c5, issuer: BSI}\n", 6, 7, "missing-key", "valid_until"},
	{"a renewable share of 101 %", SOV "  energy: {renewable_share: 101}\n", 5, 29, "range",
	 "between 0 and 100"},
	{"a PUE below 1", SOV "  energy: {pue: 0.5}\n", 5, 17, "range", "between 1 and 5"},
	{"a PUE that is not a number", SOV "  energy: {pue: low}\n", 5, 17, "type", "number"},
	{"an unknown key, with a suggestion",
	 SOV "  soc: {countries: [FR], operater: A, operator_country: FR}\n", 5, 26, "unknown-key",
	 "operator"},
	{"an unknown key of the section", SOV "  certification: []\n", 5, 3, "unknown-key",
	 "certifications"},
	{"the EU's code for Greece",
	 SOV "  soc: {countries: [EL], operator: A, operator_country: FR}\n", 5, 21, "country", "GR"},
	{"an empty list of SOC countries",
	 SOV "  soc: {countries: [], operator: A, operator_country: FR}\n", 5, 20, "empty",
	 "at least one country"},
	{"a log reader outside the vocabulary",
	 SOV "  soc: {countries: [FR], operator: A, operator_country: FR, log_access: [vendor]}\n",
	 5, 74, "enum", "vendor"},
	{"hardware that names no aspect", SOV "  hardware: {}\n", 5, 13, "empty", "declares none"},
	{"an availability outside the vocabulary", SOV "  source: {availability: shared}\n", 5, 26,
	 "enum", "shared"},
	{"an assessment whose met is not a boolean",
	 SOV "  assessments:\n    - {factor: X, met: yes, by: A, date: 2026-01-01, evidence: e}\n",
	 6, 24, "type", "true or false"},
	{"two assessments of one factor",
	 SOV "  assessments:\n    - {factor: X, met: true, by: A, date: 2026-01-01, evidence: e}\n"
	 "    - {factor: X, met: false, by: B, date: 2026-01-02, evidence: e}\n",
	 7, 16, "duplicate-id", "already assessed"},
	{"an assessment without evidence",
	 SOV "  assessments:\n    - {factor: X, met: true, by: A, date: 2026-01-01}\n", 6, 7,
	 "missing-key", "evidence"},
	{"a section that is a list", SOV "  - certifications\n", 5, 3, "type", "sovereignty"},
};

START_TEST(a_hostile_section_is_refused_at_its_position)
{
	const struct ecase *c = &ecases[_i];
	char src[2048];
	snprintf(src, sizeof(src), "sovcheck: 1\nservice:\n  name: S\n%s", c->body);
	sc_manifest *m = NULL;
	sc_diags *d = NULL;
	sc_status st = tu_parse(src, &m, &d);
	ck_assert_msg(st == SC_ERR_INVALID, "%s: %s", c->name, sc_strerror(st));
	ck_assert_ptr_null(m);
	bool found = false;
	for (size_t i = 0; i < sc_diags_count(d); i++) {
		const sc_diag *g = sc_diags_get(d, i);
		found |= g->line == c->line && g->col == c->col && strcmp(g->rule, c->rule) == 0 &&
		         strstr(g->msg, c->needle) != NULL;
	}
	if (!found)
		for (size_t i = 0; i < sc_diags_count(d); i++) {
			const sc_diag *g = sc_diags_get(d, i);
			fprintf(stderr, "%s: got %u:%u [%s] %s\n", c->name, g->line, g->col, g->rule,
			        g->msg);
		}
	ck_assert_msg(found, "%s: expected %u:%u [%s] containing \"%s\"", c->name, c->line, c->col,
	              c->rule, c->needle);
	sc_diags_free(d);
}
END_TEST

START_TEST(a_whole_section_loads)
{
	const char *src =
		"sovcheck: 1\nservice:\n  name: S\n"
		SOV "  certifications:\n"
		"    - {scheme: eucs-high, issuer: ENISA CAB, valid_until: 2028-01-31, scope: all,"
		" evidence: https://example.test/cert}\n"
		"  soc: {countries: [FR, DE], operator: A, operator_country: FR,"
		" log_access: [customer, authority]}\n"
		"  source: {availability: customer-access, licence: EUPL-1.2}\n"
		"  hardware: {assembly: [CZ], firmware: [FI], processors: [NL]}\n"
		"  energy: {pue: 1.25, renewable_share: 100, carbon_disclosure: r, water_disclosure: w,"
		" year: 2025}\n"
		"  assessments:\n    - {factor: SOV-1.6, met: true, by: A, date: 2026-01-01,"
		" evidence: e}\n";
	sc_manifest *m = NULL;
	ck_assert_int_eq(tu_parse(src, &m, NULL), SC_OK);
	const mf_sovereignty *s = &m->sov;
	ck_assert(s->present && s->has_certifications && s->has_soc && s->has_source &&
	          s->has_hardware && s->has_energy);
	ck_assert_int_eq(s->ncerts, 1);
	ck_assert_int_eq(s->certs[0].scheme, MF_SCHEME_EUCS_HIGH);
	ck_assert_str_eq(s->certs[0].valid_until, "2028-01-31");
	ck_assert_int_eq(s->soc_countries.n, 2);
	ck_assert_uint_eq(s->soc_log_access, 3);
	ck_assert_int_eq(s->source, MF_SOURCE_CUSTOMER_ACCESS);
	ck_assert_str_eq(s->hw[MF_HW_PROCESSORS].v[0], "NL");
	ck_assert_double_eq_tol(s->pue, 1.25, 1e-9);
	ck_assert_int_eq(s->year, 2025);
	ck_assert_int_eq(s->nassessments, 1);
	ck_assert_str_eq(s->assessments[0].factor, "SOV-1.6");
	sc_manifest_free(m);
}
END_TEST

/* ------------------------------------------------------- the parameters */

struct pcase {
	const char *name, *check, *needle;
};

static const struct pcase pcases[] = {
	{"energy_disclosed with neither limit", "{use: energy_disclosed}", "max_pue' or"},
	{"a max_pue below 1", "{use: energy_disclosed, max_pue: 0.9}", "max_pue must be between"},
	{"a min_renewable above 100", "{use: energy_disclosed, min_renewable: 120}",
	 "min_renewable must be between"},
	{"a scheme the manifest does not know", "{use: certifications, schemes: [iso-9001]}",
	 "iso-9001"},
	{"certifications without schemes", "{use: certifications}", "needs parameter 'schemes'"},
	{"hardware_in_set without aspects", "{use: hardware_in_set, set: EU}",
	 "needs parameter 'aspects'"},
	{"an aspect outside the vocabulary", "{use: hardware_in_set, set: EU, aspects: [memory]}",
	 "memory"},
	{"source_available without accepted", "{use: source_available}",
	 "needs parameter 'accepted'"},
	{"customer_held_keys takes no set", "{use: customer_held_keys, set: EU}",
	 "has no parameter 'set'"},
	{"software_suppliers_in_set needs a set", "{use: software_suppliers_in_set}",
	 "needs parameter 'set'"},
};

START_TEST(policy_lint_checks_the_new_parameters)
{
	const struct pcase *c = &pcases[_i];
	char yaml[2048];
	snprintf(yaml, sizeof(yaml), "%s%s", HEAD("bad"), "");
	strncat(yaml, "      - id: F\n        title: {en: f, fr: f}\n        seal: 1\n        checks: [",
	        sizeof(yaml) - strlen(yaml) - 1);
	strncat(yaml, c->check, sizeof(yaml) - strlen(yaml) - 1);
	strncat(yaml, "]\n", sizeof(yaml) - strlen(yaml) - 1);
	write_file("bad.yaml", yaml);
	sc_pack *p = load_pack("bad.yaml", SC_ERR_INVALID, c->needle);
	ck_assert_ptr_null(p);
}
END_TEST

START_TEST(the_shipped_pack_decides_the_declared_factors)
{
	/* SOV-3.3, 4.5, 5.2, 5.4, 6.2, 6.4, 7.1, 7.3, 8.1 and 8.2 have checks
	 * now; SOV-1.6 stays unseen (an assessment decides it). */
	sc_diags *d = sc_diags_new();
	sc_pack *p = NULL;
	ck_assert_int_eq(sc_pack_load(SC_SRCDIR "/policies/eu-csf-1.2.1.yaml", NULL, d, &p), SC_OK);
	sc_diags_free(d);
	static const char *const checked[] = {"SOV-3.3", "SOV-4.5", "SOV-5.2", "SOV-5.4", "SOV-6.2",
		"SOV-6.4", "SOV-7.1", "SOV-7.3", "SOV-8.1", "SOV-8.2"};
	size_t found = 0;
	for (size_t i = 0; i < p->nreqs; i++)
		for (size_t j = 0; j < p->reqs[i].nfactors; j++) {
			const pk_factor *f = &p->reqs[i].factors[j];
			for (size_t k = 0; k < sizeof(checked) / sizeof(checked[0]); k++)
				if (strcmp(f->id, checked[k]) == 0) {
					ck_assert_msg(f->n > 0 && f->unseen_en == NULL, "%s is unseen", f->id);
					found++;
				}
			if (strcmp(f->id, "SOV-1.6") == 0)
				ck_assert_int_eq(f->n, 0);
		}
	ck_assert_int_eq(found, sizeof(checked) / sizeof(checked[0]));
	sc_pack_free(p);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("sovereignty");
	TCase *tc = tcase_create("sovereignty");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, each_check_at_its_boundaries, 0,
	                    (int)(sizeof(ccases) / sizeof(ccases[0])));
	tcase_add_loop_test(tc, assessments_decide_unseen_factors_while_they_stand, 0,
	                    (int)(sizeof(acases) / sizeof(acases[0])));
	tcase_add_test(tc, an_assessment_does_not_override_a_check);
	tcase_add_test(tc, an_assessment_raises_the_level_only_when_met);
	tcase_add_loop_test(tc, a_hostile_section_is_refused_at_its_position, 0,
	                    (int)(sizeof(ecases) / sizeof(ecases[0])));
	tcase_add_test(tc, a_whole_section_loads);
	tcase_add_loop_test(tc, policy_lint_checks_the_new_parameters, 0,
	                    (int)(sizeof(pcases) / sizeof(pcases[0])));
	tcase_add_test(tc, the_shipped_pack_decides_the_declared_factors);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
