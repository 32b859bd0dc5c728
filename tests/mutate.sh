#!/usr/bin/env bash
# tests/mutate.sh — mutation audit of the test suite.
#
# Each mutation below changes one line of the code (or the shipped pack)
# that decides a verdict, a risk rating or a date limit, the way a plausible
# bug would: a `>` that becomes `>=` on a cap, a fail-closed branch that
# lets unknown evidence pass, a floor or a deadline that moves by one. The
# script copies the source tree (without .git and build directories) into
# a scratch directory once, configures one non-sanitizer build there, and
# for each mutation: applies it, rebuilds (only what it touches), runs the
# tests that judge verdicts, and restores the file. A mutant is killed when
# at least one test fails; it survives when they all pass — a hole in the
# tests, to close with a test that asserts the behaviour the mutation
# breaks. A mutant that does not compile is a broken mutation, not a kill.
#
# Mutations are data: id, file, description, the original snippet (which
# must occur exactly once in the file: the script refuses to run when one
# has rotted) and its replacement.
#
# Usage: tests/mutate.sh [-j N] [-k] [-l] [ID...]
#   -j N   parallel jobs for the build and the tests (default: all CPUs)
#   -k     keep the scratch directory (build and test logs) instead of
#          removing it on exit
#   -l     list the mutations and exit
#   ID...  run only these mutations (default: all)
#
# Exit status: 0 every mutant killed; 1 some mutant survived; 2 the audit
# itself is broken (a snippet not found exactly once, a mutant that does not
# compile, the unmutated tree failing the tests, or a usage error).
#
# Not part of `meson test` (it takes minutes: every mutant is a rebuild and
# a test run). Needs what the build and the integration tests need (meson,
# ninja, python3, nsd, unbound, openssl), and tar.
set -euo pipefail

SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# ----------------------------------------------------------------- tests
# Run in tiers, fastest first; a mutant killed by a tier skips the next.
TIER1=(yaml manifest shareholding eval scoring sovereignty observed risk collect attribute bundle
       render seal dns-unit)
TIER2=(e2e-cases residual-risk diff-baseline formats evidence-bundle linear-output
       policy-lint-shipped geo-cli signed-filing dora)
TIER3=(live-check partial-evidence geo-unit x509 tls-live monitor probe)

# ------------------------------------------------------------- mutations
IDS=() FILES=() DESCS=() ORIGS=() REPLS=()
mutation() {  # id file description original replacement
	IDS+=("$1") FILES+=("$2") DESCS+=("$3") ORIGS+=("$4") REPLS+=("$5")
}

SH=core/evaluate/eval-shareholding.c
# §19.6.b: the 24 % individual cap, capital and voting rights
mutation cap24-capital-ge $SH 'individual cap on capital: exactly 24 % fails (> became >=)' \
	'bool over = pct_gt(capv, c->individual_max) ||' \
	'bool over = capv >= c->individual_max ||'
mutation cap24-voting-ge $SH 'individual cap on voting rights: exactly 24 % fails (> became >=)' \
	'|| pct_gt(votv, c->individual_max);' \
	'|| votv >= c->individual_max;'
mutation cap24-no-voting $SH 'individual cap: voting rights ignored' \
	'|| pct_gt(votv, c->individual_max);' \
	';'
mutation cap24-no-capital $SH 'individual cap: capital ignored' \
	'bool over = pct_gt(capv, c->individual_max) ||' \
	'bool over ='
# §19.6.b: the 39 % collective cap, capital and voting rights
mutation cap39-capital-ge $SH 'collective cap on capital: exactly 39 % fails (> became >=)' \
	'bool over = pct_gt(ccap, c->collective_max) ||' \
	'bool over = ccap >= c->collective_max ||'
mutation cap39-voting-ge $SH 'collective cap on voting rights: exactly 39 % fails (> became >=)' \
	'|| pct_gt(cvot, c->collective_max);' \
	'|| cvot >= c->collective_max;'
mutation cap39-no-voting $SH 'collective cap: voting rights ignored' \
	'|| pct_gt(cvot, c->collective_max);' \
	';'
mutation cap39-no-capital $SH 'collective cap: capital ignored' \
	'bool over = pct_gt(ccap, c->collective_max) ||' \
	'bool over ='
# §19.6.b: the control-based reading and the control threshold
mutation control-reading-capital $SH 'control-based reading ignored for capital (multiplicative only)' \
	'double capv = fmax(h->cap_m, h->cap_c),' \
	'double capv = h->cap_m,'
mutation control-reading-voting $SH 'control-based reading ignored for voting rights (multiplicative only)' \
	'votv = fmax(h->vot_m, h->vot_c);' \
	'votv = h->vot_m;'
mutation control-at-50 $SH 'exactly 50 % of the votes controls an intermediate (> became >=)' \
	'if (!hs[i].is_float && pct_gt(vot_of(&hs[i]), threshold))' \
	'if (!hs[i].is_float && vot_of(&hs[i]) >= threshold)'
mutation collective-double-count $SH "a non-EU holder's own holders are counted again collectively" \
	$'if (!in_noneu) {\n\t\t\t\ts->coll_cap_m += cm;' \
	$'if (true) {\n\t\t\t\ts->coll_cap_m += cm;'
mutation veto-control-chain $SH 'veto and board seats: control from outside the EU up the chain not followed' \
	$'if (depth > SC_MAX_SHAREHOLDER_DEPTH)\n\t\treturn false;\n\tconst mf_holder *c = controller_of' \
	$'if (depth >= 1)\n\t\treturn false;\n\tconst mf_holder *c = controller_of'
mutation board-half-is-majority $SH 'board: half of the seats counts as a majority (> became >=)' \
	'seats * 2 > p->board_seats;' \
	'seats * 2 >= p->board_seats;'
mutation shareholders-undeclared-pass $SH 'undeclared shareholders pass instead of unknown' \
	'eval_addm(e, "provider.shareholders", SC_UNKNOWN,' \
	'eval_addm(e, "provider.shareholders", SC_PASS,'

# Waivers and the verdict of a requirement
mutation waiver-expiry-day core/evaluate/eval.c 'a waiver expiring today no longer applies (< became <=)' \
	'bool expired = eval_days_of(w->expires) < e->today;' \
	'bool expired = eval_days_of(w->expires) <= e->today;'
mutation waiver-waives-unknown core/evaluate/eval.c 'a waiver turns unknown into waived (only pass is spared)' \
	'if (f->verdict != SC_FAIL || strcmp(f->subject, w->subject) != 0)' \
	'if (f->verdict == SC_PASS || strcmp(f->subject, w->subject) != 0)'
mutation requirement-starts-pass core/evaluate/eval.c 'a requirement with only not_applicable findings passes' \
	$'q->verdict = SC_NOT_APPLICABLE;\n\t\tif (q->req->nfactors) {' \
	$'q->verdict = SC_PASS;\n\t\tif (q->req->nfactors) {'
mutation unknown-ranks-as-pass core/evaluate/result.c 'unknown ranks with pass: a requirement with pass and unknown findings passes' \
	'case SC_UNKNOWN: return 3;' \
	'case SC_UNKNOWN: return 1;'

# Declared checks: dates, autonomy, control, support, not_applicable vs unknown
DC=core/evaluate/eval-declared.c
mutation signoff-due-day $DC 'sign-off: due on the anniversary, late on it (< became <=)' \
	'else if (has_due && eval_days_of(due) < e->today)' \
	'else if (has_due && eval_days_of(due) <= e->today)'
mutation register-decided-on-signoff-day $DC '5.3.g: a decision dated the sign-off day does not count (> became >=)' \
	'return k->treatment == NULL || eval_days_of(k->treatment->date) > signed_on;' \
	'return k->treatment == NULL || eval_days_of(k->treatment->date) >= signed_on;'
mutation register-signoff-future-ok $DC '5.3.g: a sign-off dated after the evaluation date is accepted' \
	'if (e->today < signed_on) {' \
	'if (e->today < signed_on - 100000) {'
mutation register-digest-not-compared $DC '5.3.g: any recorded register digest is taken as the current one' \
	'bool same = strcmp(m->sign_off_register, rs->digest) == 0;' \
	'bool same = m->sign_off_register != NULL;'
mutation register-open-risks-pass $DC '5.3.d: risks without a decision pass' \
	'nopen == 0 ? SC_PASS : SC_UNKNOWN' \
	'nopen <= rs->n ? SC_PASS : SC_UNKNOWN'
mutation autonomy-own-skills-ignored $DC '19.6.d: own skills are not a basis' \
	'if (s->has_autonomy && s->autonomy_basis == MF_BASIS_OWN_SKILLS)' \
	'if (false)'
mutation subcontractor-relationship-ignored $DC '19.6.c: a relationship opens no path (the declared data_access alone decides)' \
	'unsigned reaching = eval_sub_paths(s);' \
	'unsigned reaching = s->data_access != MF_DATA_NONE ? AC_BIT(AC_SERVICE) : 0;'
mutation float-counted-as-declared $SH '19.6.b: the free float is left out of the worst case' \
	'bool worst_over = pct_gt(ccap + fcap, c->collective_max) ||' \
	'bool worst_over = pct_gt(ccap, c->collective_max) ||'
mutation supervision-sentence-trusted core/load/manifest.c '19.2.e: a supervision written as "none yet" is taken as in place' \
	'su->supervision_in_place = su->supervision && !says_none(su->supervision);' \
	'su->supervision_in_place = su->supervision != NULL;'
mutation signoff-today-fails $DC 'sign-off dated the evaluation date is taken as in the future (> became >=)' \
	'if (signed_on > e->today)' \
	'if (signed_on >= e->today)'
mutation autonomy-alternatives-gt $DC '19.6.d: exactly the minimum number of alternatives fails (>= became >)' \
	'(long)s->alternatives.n >= c->min_alternatives' \
	'(long)s->alternatives.n > c->min_alternatives'
mutation subcontractor-parent-ignored $DC '19.6.c: a subcontractor controlled from outside the EU is judged by its seat only' \
	'if (s->parent_country[0] && !pk_set_has(c->set, s->parent_country)) {' \
	'if (false && s->parent_country[0] && !pk_set_has(c->set, s->parent_country)) {'
mutation support-ops-or-supervision $DC '19.2.e: non-EU support passes with operations or supervision, not both' \
	'if (ops && sup)' \
	'if (ops || sup)'
mutation support-undeclared-na $DC '19.2.e: undeclared support is not_applicable instead of unknown' \
	'eval_addm(e, "locations.support", SC_UNKNOWN,' \
	'eval_addm(e, "locations.support", SC_NOT_APPLICABLE,'
mutation sites-none-na $DC '19.2.b/d: no declared site holding the data is not_applicable instead of unknown' \
	'eval_addm(e, "locations.data", SC_UNKNOWN, RS_DECLARED, x);' \
	'eval_addm(e, "locations.data", SC_NOT_APPLICABLE, RS_DECLARED, x);'

# The sovereignty section (scored packs): dates, limits, fail closed
SV=core/evaluate/eval-sovereignty.c
mutation cert-expiry-day $SV 'a certification valid until today is taken as expired (>= became >)' \
	'bool ok = ct->valid_until[0] && eval_days_of(ct->valid_until) >= e->today;' \
	'bool ok = ct->valid_until[0] && eval_days_of(ct->valid_until) > e->today;'
mutation pue-equal-fails $SV 'a PUE equal to the limit fails (<= became <)' \
	'v = s->pue <= c->max_pue + 1e-9 ? SC_PASS : SC_FAIL;' \
	'v = s->pue < c->max_pue ? SC_PASS : SC_FAIL;'
mutation renewable-equal-fails $SV 'a renewable share equal to the minimum fails (>= became >)' \
	'v = s->renewable >= c->min_renewable - 1e-9 ? SC_PASS : SC_FAIL;' \
	'v = s->renewable > c->min_renewable ? SC_PASS : SC_FAIL;'
mutation hardware-aspect-missing-pass $SV 'an aspect the check names, left out of the manifest, passes' \
	'if (!l->present || l->n == 0) {' \
	'if (false) {'
mutation keys-uncovered-pass $SV 'a party holding customer data passes without customer-held keys' \
	'eval_addm(e, s->name, n ? SC_PASS : SC_FAIL, RS_DECLARED, x);' \
	'eval_addm(e, s->name, SC_PASS, RS_DECLARED, x);'
mutation keys-saas-metadata-holds $SV 'a SaaS declared with metadata only is taken to hold customer data' \
	'p &= ~AC_BIT(AC_SERVICE);' \
	'p &= ~0u;'
mutation keys-provider-unknown-pass $SV 'no party holds customer data: passes without a customer-held-keys mitigation for *' \
	'eval_addm(e, "customer data", k ? SC_PASS : SC_UNKNOWN, RS_DECLARED, x);' \
	'eval_addm(e, "customer data", SC_PASS, RS_DECLARED, x);'
mutation software-registry-ignored $SV 'a software supplier is judged without the registry controller' \
	'outside |= !pk_set_has(c->set, uc);' \
	'outside |= false;'
mutation software-broken-chain-pass $SV 'a software supplier whose controller the registry cannot name passes' \
	'} else if (broken) {' \
	'} else if (false) {'
mutation assessment-stale-day $SV 'an assessment exactly 12 months old no longer counts (< became <=)' \
	'} else if (has_until && eval_days_of(until) < e->today) {' \
	'} else if (has_until && eval_days_of(until) <= e->today) {'
mutation assessment-future-counts $SV 'an assessment dated after the evaluation date counts' \
	'if (on > e->today) {' \
	'if (on > e->today + 100000) {'

# Observed checks: fail closed on missing, partial or conflicting evidence
OB=core/evaluate/eval-observed.c
CH=core/changes/changes.c
LG=core/changes/ledger.c
mutation notice-unknown-controller-eu $CH '19.6.f: a new dependency with an unknown controller is taken as EU' \
	'op ? sc_entity_name(op) : d->operator_name ? d->operator_name : "", "", true, data);' \
	'op ? sc_entity_name(op) : d->operator_name ? d->operator_name : "", "", false, data);'
mutation notice-deadline-two-months $LG '19.6.f: the notice deadline is two months, not one' \
	'if (!util_add_months(date, 1, n->deadline))' \
	'if (!util_add_months(date, 2, n->deadline))'
mutation notice-revert-ignored $LG '19.6.f: a reverted change keeps its notice open' \
	'		if (!any) {' \
	'		if (false) {'
mutation changes-rotation-is-change $CH 'changes: an address of the same operator and country is a change (addresses as facts)' \
	'				add(f, kind, subject, "location", true, loc[0] ? loc : "??",' \
	'				add(f, kind, subject, "location", true, d->subject,'
mutation notice-no-baseline-pass $OB '19.6.f: without a baseline, pass instead of not_applicable' \
	'eval_addm(e, "changes", SC_NOT_APPLICABLE, RS_DECLARED, x);' \
	'eval_addm(e, "changes", SC_PASS, RS_DECLARED, x);'
mutation endpoints-undeclared-na $OB 'observed checks: no endpoints declared is not_applicable instead of unknown' \
	'eval_addm(e, "endpoints", SC_UNKNOWN, RS_OBSERVED, msg_new("ep.undeclared"));' \
	'eval_addm(e, "endpoints", SC_NOT_APPLICABLE, RS_OBSERVED, msg_new("ep.undeclared"));'
mutation unresolved-endpoint-pass $OB 'location: an endpoint whose addresses are unknown passes' \
	'rs_finding *f = eval_addm(e, ep->host, SC_UNKNOWN, RS_OBSERVED, x);' \
	'rs_finding *f = eval_addm(e, ep->host, SC_PASS, RS_OBSERVED, x);'
mutation partial-dns-ignored $OB 'location: partial DNS evidence ignored' \
	$'if (ge->dns_partial) {\n\t\t\tunk = true;' \
	$'if (ge->dns_partial) {\n\t\t\tunk = false;'
mutation partial-dns-ignored-operators $OB '19.6.c: partial DNS evidence ignored (operators may be missing)' \
	'if (ge->dns_partial == NULL || !(c->data' \
	'if (1 || ge->dns_partial == NULL || !(c->data'
mutation geodb-miss-pass $OB 'location: an address no geolocation database knows passes' \
	$'} else if (!d->location[0]) {\n\t\t\t\tunk = true;' \
	$'} else if (!d->location[0]) {\n\t\t\t\tunk = false;'
mutation geo-conflict-ignored core/attribute/graph.c 'geolocation databases that disagree: the first one wins' \
	'd->location_conflict = d->geo_country.outcome == SC_GEO_CONFLICT;' \
	'd->location_conflict = false;'
mutation admin-unknown-controller-pass $OB '19.2.c: an address whose controller is unknown passes' \
	$'if (ctl == NULL) {\n\t\t\t\t\tunk = true;' \
	$'if (ctl == NULL) {\n\t\t\t\t\tunk = false;'
mutation operator-unknown-controller-pass $OB '19.6.c: an operator whose ultimate controller is unknown passes' \
	'f = eval_addm(e, name, SC_UNKNOWN, RS_OBSERVED, x);' \
	'f = eval_addm(e, name, SC_PASS, RS_OBSERVED, x);'
mutation published-outside-passes $OB 'OI.5: a service the published records name, controlled outside the set, passes' \
	'v = pk_set_has(c->set, cc) ? SC_PASS : SC_FAIL;' \
	'v = SC_PASS;'
mutation operator-partly-closed-excused $OB '19.6.c: an operator whose way to the data is closed only in part is excused' \
	'if ((paths & ~closed) == 0)' \
	'if ((paths & closed) != 0)'
mutation operator-declaration-excuses $OB '19.6.c: an operator declared with data_access: none is excused by its declaration' \
	'if ((paths & ~closed) == 0)' \
	'if ((paths & ~closed) == 0 || (s && s->data_access == MF_DATA_NONE))'
mutation tls-unverified-trusted core/attribute/attribute.c '10.6.a: a chain that does not verify still names its CA owner' \
	'ret->verified = r->verify_done && r->verify_code == X509_V_OK;' \
	'ret->verified = r->verify_done;'
mutation tls-unverified-names-operator core/attribute/graph.c 'graph: an unverified chain names its issuer as the operator' \
	'} else if (d->operator_name == NULL && ow.verified) {' \
	'} else if (d->operator_name == NULL) {'
mutation ca-outside-internal-na $OB '10.6.a: a non-EU CA on an internal endpoint is not_applicable, on a public one fails' \
	'in ? SC_PASS : internal ? SC_FAIL :' \
	'in ? SC_PASS : !internal ? SC_FAIL :'

# Residual risks (§5.3.d)
RK=core/assess/risk.c
mutation risk-likelihood-floor $RK 'risk: mitigated likelihood floors at 0, not 1' \
	'k->likelihood = lik < 1 ? 1 : lik;' \
	'k->likelihood = lik < 0 ? 0 : lik;'
mutation risk-severity-floor $RK 'risk: mitigated severity floors at 0, not 1' \
	'k->severity = sev < 1 ? 1 : sev;' \
	'k->severity = sev < 0 ? 0 : sev;'
mutation risk-mitigation-any-path $RK 'risk: a mitigation acts whatever the access path' \
	'bool acts = (ef->relevant & k->paths) != 0;' \
	'bool acts = true;'
mutation risk-minority-not-lowered $RK 'risk: a minority shareholder is rated like a controller' \
	'lik -= red;' \
	'lik -= 0;'
mutation risk-staff-without-control-laws $RK "risk: support staff get only the laws of the staff nexus (US staff: none)" \
	'[RK_STAFF] = LW_NEXUS_STAFF | LW_NEXUS_CONTROL,' \
	'[RK_STAFF] = LW_NEXUS_STAFF,'
mutation risk-no-data-party-skipped $RK 'risk: a declared party with no data access and no relationship path is left out' \
	'	if (k == NULL && cc == NULL)' \
	'	if (k == NULL && (cc == NULL || (x->data_access == MF_DATA_NONE && !x->rels)))'
mutation risk-digest-ignores-ratings $RK 'risk: the register digest ignores likelihood and severity' \
	'sb_printf(&sb, "|%ld|%ld|", k->likelihood, k->severity);' \
	'sb_puts(&sb, "|");'
mutation risk-ownership-under-caps-skipped $RK 'risk: shareholders under the caps are no risk' \
	'if (!h->is_float && outside(w->set, h->country)) {' \
	'if (!h->is_float && outside(w->set, h->country) && cap > 24.0) {'

# The access-path model (core/load/access.c)
AC=core/load/access.c
mutation access-update-review-closes-nothing $AC '19.6.c: an update review closes no path' \
	'[MF_MKIND_UPDATE_REVIEW] = {AC_BIT(AC_CODE), AC_BIT(AC_CODE), 2, 0}' \
	'[MF_MKIND_UPDATE_REVIEW] = {AC_BIT(AC_CODE), 0, 2, 0}'
mutation access-contract-closes $AC '19.6.c: a contract closes every path' \
	'[MF_MKIND_CONTRACTUAL] = {ALL_PATHS, 0, 0, 0}' \
	'[MF_MKIND_CONTRACTUAL] = {ALL_PATHS, ALL_PATHS, 0, 0}'
mutation access-keys-close-hosting $AC '19.6.c: customer-held keys close a host'"'"'s physical access' \
	'AC_BIT(AC_SERVICE), 0, 2}' \
	'AC_BIT(AC_SERVICE) | AC_BIT(AC_PHYSICAL), 0, 2}'
mutation access-software-reaches-nothing $AC '19.6.c: a software licensor reaches no data by its code' \
	'[MF_REL_SOFTWARE] = {AC_CODE, 3},' \
	'[MF_REL_SOFTWARE] = {AC_CODE, 0},'
mutation access-untyped-mitigation-acts $AC 'an untyped mitigation lowers the likelihood' \
	'[MF_MKIND_NONE] = {0, 0, 0, 0}' \
	'[MF_MKIND_NONE] = {ALL_PATHS, 0, 1, 0}'
mutation risk-high-from-9 $RK 'risk: a score of 8 is medium, not high (>= became >)' \
	'score >= 8 ? "high"' \
	'score > 8 ? "high"'
mutation risk-default-likelihood-1 $RK 'risk: a country with no catalogued law has likelihood 1, not 2' \
	$'\t\tlik = 2;' \
	$'\t\tlik = 1;'

# Date limits: geolocation databases stale past 90 days
mutation geodb-stale-at-90 core/filing/filing.c 'filing: a database of exactly 90 days is stale (> became >=)' \
	'g->stale = g->age_days > SC_GEO_STALE_DAYS;' \
	'g->stale = g->age_days >= SC_GEO_STALE_DAYS;'
mutation geodb-age-off-by-one core/collect/geo/geo.c "geo: a database's age is one day less" \
	'return util_days_from_civil(year, month, day) - (long)days;' \
	'return util_days_from_civil(year, month, day) - (long)days - 1;'
mutation geodb-info-stale-at-90 cmd/cmd-geodb.c 'geodb info: a database of exactly 90 days is flagged STALE (> became >=)' \
	'age > SC_GEO_STALE_DAYS ? ": STALE' \
	'age >= SC_GEO_STALE_DAYS ? ": STALE'

# Change detection (diff, check --baseline)
DF=core/monitor/diff.c
mutation diff-regression-inverted $DF 'diff: an improvement is a regression and a regression is not' \
	'rs_verdict_rank(q->verdict) > rs_verdict_rank(a->reqs[j].verdict)};' \
	'rs_verdict_rank(q->verdict) < rs_verdict_rank(a->reqs[j].verdict)};'
mutation diff-controller-change-informational $CH 'diff: a new non-EU controller on a data path is only informational' \
	'return c->outside && carries_data(c->data) ? CH_CONTROL : CH_INFO;' \
	'return CH_INFO;'
mutation alert-new-ignores-changes cmd/cmd-check.c 'check --alert new: new changes do not alert (only overdue notices)' \
	'rc = nnew || nover ? EXIT_FAIL : EXIT_PASS;' \
	'rc = nover ? EXIT_FAIL : EXIT_PASS;'

# Thresholds of the pack and of its loader
mutation pack-individual-max-25 policies/secnumcloud-3.2.yaml 'shipped pack: individual cap 25 % instead of 24 %' \
	'individual_max: 24' \
	'individual_max: 25'
mutation pack-control-threshold-unread core/load/policy.c 'pack loader: control_threshold is not read (0: any holder controls)' \
	'case P_CONTROL: yget_number(c, v, "control_threshold", 0, 100, &ck->control_threshold); break;' \
	'case P_CONTROL: break;'

# Signed filings: every check of the seal fails closed
SE=core/render/seal.c
mutation seal-signer-dropped core/render/outdir.c 'check --sign: the signer is lost when the output directory opens (no signature)' \
	'	o->signer = signer;' \
	'	o->signer = NULL;'
mutation seal-pin-ignored $SE 'verify --cert: a signature by another certificate is accepted' \
	'} else if (pin_cert != NULL && X509_cmp(pin_cert, who) != 0) {' \
	'} else if (pin_cert != NULL && X509_cmp(pin_cert, who) != 0 && false) {'
mutation seal-unsigned-required-passes $SE 'a missing signature passes when one is required' \
	'add_item(v, SEAL_SIG, SC_SEAL_UNSIGNED, required,' \
	'add_item(v, SEAL_SIG, SC_SEAL_UNSIGNED, false,'
mutation seal-unlisted-passes $SE 'a file SHA256SUMS does not list passes' \
	'add_item(v, extra[i], SC_SEAL_UNLISTED, true,' \
	'add_item(v, extra[i], SC_SEAL_UNLISTED, false,'
mutation seal-bundle-unchecked cmd/cli.c 'report, diff, --baseline: the signature of the filing a bundle lies in is not checked' \
	'	int rc = cli_check_seal(path, seal);' \
	'	int rc = EXIT_PASS;'

DN=core/collect/dns/dns.c
mutation spf-tree-unbounded $DN 'the SPF tree is followed past its budget of 10 names' \
	'if (root->spf_lookups >= SC_DNS_SPF_LOOKUPS)' \
	'if (root->spf_lookups > SC_DNS_SPF_LOOKUPS)'

# Evidence bundles: nothing of a modified or inconsistent bundle is used
BU=core/collect/bundle.c
mutation bundle-digest-unchecked $BU 'report: a bundle whose integrity digest does not match is read' \
	'	if (strcmp(got, want_copy) != 0) {' \
	'	if (false) {'
mutation bundle-certificate-not-its-key core/collect/tls/tls-json.c 'report: a certificate of the table under another certificate'"'"'s key is read as that one' \
	'	if (strcmp((*ret)->sha256, h) != 0) {' \
	'	if (false) {'
mutation bundle-unused-certificate-passes $BU 'report: a certificate no chain names is accepted in the table' \
	'	if (certs != NULL && x509_pool_count(pool) != json_object_size(certs)) {' \
	'	if (false) {'

# DORA / NIS2: the concentration limits, fail-closed locations, treatments
DO=core/evaluate/eval-dora.c
mutation dora-max-functions-ge $DO 'concentration: exactly max_functions functions fail (> became >=)' \
	'	bool over = (long)nfun > c->max_functions || nsup > 1;' \
	'	bool over = (long)nfun >= c->max_functions || nsup > 1;'
mutation dora-two-parties-pass $DO 'concentration: two critical parties under one controller pass' \
	'	bool over = (long)nfun > c->max_functions || nsup > 1;' \
	'	bool over = (long)nfun > c->max_functions;'
mutation dora-anycast-located $DO 'locations as stated: an anycast or disputed address counts as located' \
	'		if (!d->anycast && !d->location_conflict && d->location[0]) {' \
	'		if (d->location[0]) {'
mutation dora-register-no-lei-passes $DO 'register: a critical party without an LEI is complete' \
	'		msg_item_sub(x, miss, msg_new("dora.reg.m.lei"));' \
	'		(void)0;'
mutation dora-untreated-passes $DO 'supply-chain exposure: an untreated risk passes' \
	'		eval_addm(e, who, k->treatment ? SC_PASS : SC_FAIL, k->observed ? RS_OBSERVED :' \
	'		eval_addm(e, who, SC_PASS, k->observed ? RS_OBSERVED :'

# Scored packs (SEAL levels), pack lists, outside-in reviews
EV=core/evaluate/eval.c
mutation seal-level-one-up core/load/policy.c 'SEAL level: an unmet factor caps the level at its own seal, not below it' \
	'			level = seal[i] - 1;' \
	'			level = seal[i];'
mutation seal-unknown-is-met $EV 'SEAL level: an unknown factor counts as met (missing raises the level)' \
	'		q->factors[i].met = met[i] = v == SC_PASS || v == SC_NOT_APPLICABLE;' \
	'		q->factors[i].met = met[i] = v != SC_FAIL;'
mutation seal-minimum-not-reached $EV 'SEAL minimum: an objective exactly at its minimum does not pass (< became <=)' \
	'		if (q->level < rq->minimum) {' \
	'		if (q->level <= rq->minimum) {'
mutation seal-gate-ignores-minimum $EV 'SEAL minimum: a factor above the minimum decides the verdict' \
	'				if (!met[i] && seal[i] <= rq->minimum &&' \
	'				if (!met[i] &&'
mutation pack-list-no-duplicate-check core/load/policy.c 'pack list: a requirement id in two packs is accepted' \
	'			if (o != NULL) {' \
	'			if (o != NULL && false) {'
mutation outside-in-fails-absence $EV 'outside-in review: a missing declaration fails the supplier' \
	$'		if (m->outside_in)\n\t\t\toutside_in_absences(&e, q);' \
	''

# ------------------------------------------------------------------ main
usage() {
	echo "usage: tests/mutate.sh [-j N] [-k] [-l] [ID...]   (see the comment at the top)" >&2
	exit "${1:-2}"
}

JOBS=$(nproc 2>/dev/null || echo 2)
LIST=false KEEP=false
while getopts ':j:klh' opt; do
	case $opt in
	j) [[ $OPTARG =~ ^[1-9][0-9]*$ ]] || usage; JOBS=$OPTARG ;;
	k) KEEP=true ;;
	l) LIST=true ;;
	h) usage 0 ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

if $LIST; then
	for i in "${!IDS[@]}"; do
		printf '%-36s %-34s %s\n' "${IDS[i]}" "${FILES[i]}" "${DESCS[i]}"
	done
	exit 0
fi

# The mutations to run, by index.
SEL=()
if (($#)); then
	for want in "$@"; do
		found=
		for i in "${!IDS[@]}"; do
			if [[ ${IDS[i]} == "$want" ]]; then found=$i; fi
		done
		[[ -n $found ]] || { echo "mutate.sh: no mutation '$want' (-l lists them)" >&2; exit 2; }
		SEL+=("$found")
	done
else
	SEL=("${!IDS[@]}")
fi

log() { printf '%s\n' "$*" >&2; }

# Replace the one occurrence of $2 in file $1 by $3 (or only count it with
# --check); exit 3 unless it occurs exactly once.
apply() {
	python3 - "$@" <<'EOF'
import sys
check = sys.argv[1] == "--check"
path, old, new = sys.argv[2:5] if check else sys.argv[1:4]
with open(path, encoding="utf-8") as f:
    text = f.read()
n = text.count(old)
if n != 1 or old == new:
    sys.stderr.write("%s: the original snippet occurs %d times (must be exactly once%s):\n%s\n"
                     % (path, n, "" if old != new else ", and differ from its replacement", old))
    sys.exit(3)
if not check:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))
EOF
}

# Every mutation must still match, whichever are run: none rots silently.
dup=$(printf '%s\n' "${IDS[@]}" | sort | uniq -d)
[[ -z $dup ]] || { echo "mutate.sh: duplicate mutation ids: $dup" >&2; exit 2; }
rotten=0
for i in "${!IDS[@]}"; do
	if [[ ! -f $SRC/${FILES[i]} ]]; then
		echo "mutate.sh: ${IDS[i]}: no file ${FILES[i]}" >&2
		rotten=1
	elif ! msg=$(apply --check "$SRC/${FILES[i]}" "${ORIGS[i]}" "${REPLS[i]}" 2>&1); then
		echo "mutate.sh: ${IDS[i]}: $msg" >&2
		rotten=1
	fi
done
((rotten == 0)) || { echo "mutate.sh: broken mutation list" >&2; exit 2; }

WORK=$(mktemp -d -t sovcheck-mutate.XXXXXX)
cleanup() {
	if $KEEP; then
		log "mutate.sh: scratch directory kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
# Any other failure of the script is a broken audit, never "survivors".
trap 'log "mutate.sh: unexpected failure (line $LINENO)"; exit 2' ERR
trap 'exit 130' INT
trap 'exit 143' TERM

START=$SECONDS

# The scratch tree: the working tree as it is, without .git and without
# build directories (any top-level directory meson configured).
excl=(--exclude=./.git)
for d in "$SRC"/*/; do
	if [[ -d $d/meson-private ]]; then excl+=("--exclude=./$(basename "$d")"); fi
done
mkdir "$WORK/src"
# Files another process changes while they are read are copied as read.
set +e
tar -C "$SRC" "${excl[@]}" --warning=no-file-changed -cf - . | tar -C "$WORK/src" -xf -
st=("${PIPESTATUS[@]}")
set -e
if ((st[0] > 1 || st[1] != 0)); then
	log "mutate.sh: copying the source tree failed"
	exit 2
fi
# The tests read the shared reference data (schemas, CA reports) from
# ../shared beside the source tree: give the scratch tree the same.
if [[ -d $SRC/../shared ]]; then
	ln -s "$(cd "$SRC/../shared" && pwd)" "$WORK/shared"
fi
B=$WORK/build
log "mutate.sh: scratch tree in $WORK, configuring a non-sanitizer build"
if ! meson setup "$B" "$WORK/src" --buildtype=debug -Dsanitize=false -Dwerror_ci=false \
	-Dtests=true >"$WORK/setup.log" 2>&1; then
	cat "$WORK/setup.log" >&2
	log "mutate.sh: meson setup failed"
	exit 2
fi

# Run the tiers; print the first failing test (in tier order) and return 1,
# or return 0 when every test passes.
run_tests() {  # logbase
	local tier failed
	local -a names
	for tier in 1 2 3; do
		case $tier in
		1) names=("${TIER1[@]}") ;;
		2) names=("${TIER2[@]}") ;;
		3) names=("${TIER3[@]}") ;;
		esac
		if meson test -C "$B" --no-rebuild --num-processes "$JOBS" --logbase "$1-tier$tier" \
			"${names[@]}" >"$WORK/$1-tier$tier.out" 2>&1; then
			continue
		fi
		failed=$(python3 - "$B/meson-logs/$1-tier$tier.json" "${names[@]}" <<'EOF'
import json, sys
res = {}
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            res[t["name"].rsplit(" / ", 1)[-1]] = t["result"]
except OSError:
    pass
bad = [n for n in sys.argv[2:] if res.get(n, "MISSING") not in ("OK", "SKIP", "EXPECTEDFAIL")]
print(bad[0] if bad else "?")
EOF
)
		printf '%s\n' "$failed"
		return 1
	done
	return 0
}

log "mutate.sh: building and testing the unmutated tree"
if ! ninja -C "$B" -j "$JOBS" >"$WORK/build.log" 2>&1; then
	tail -n 40 "$WORK/build.log" >&2
	log "mutate.sh: the unmutated tree does not build"
	exit 2
fi
if failed=$(run_tests baseline); then :; else
	tail -n 30 "$(ls -t "$WORK"/baseline-tier*.out | head -n 1)" >&2 || true
	log "mutate.sh: the unmutated tree fails $failed: fix the tests before auditing them" \
		"(its log: $B/meson-logs/, kept with -k)"
	exit 2
fi
log "mutate.sh: baseline passes ($((SECONDS - START)) s); ${#SEL[@]} mutation(s)"

R_ID=() R_FILE=() R_RES=() R_TEST=() R_DESC=()
killed=0 survived=0 broken=0 n=0
for i in "${SEL[@]}"; do
	n=$((n + 1))
	id=${IDS[i]} file=${FILES[i]} t0=$SECONDS
	f=$WORK/src/$file
	cp "$f" "$WORK/saved"
	res= test=-
	if ! apply "$f" "${ORIGS[i]}" "${REPLS[i]}" 2>"$WORK/apply.err"; then
		cat "$WORK/apply.err" >&2
		res=ERROR test="(snippet not found)"
	elif ! ninja -C "$B" -j "$JOBS" >"$WORK/$id.build.log" 2>&1; then
		grep -m 5 -E 'error' "$WORK/$id.build.log" | sed 's/^/    /' >&2 || true
		res=ERROR test="(does not compile)"
	elif test=$(run_tests "$id"); then
		res=SURVIVED test=-
	else
		res=killed
	fi
	# Restore with a new mtime, so that the next build recompiles it.
	cp "$WORK/saved" "$f"
	touch "$f"
	case $res in
	killed) killed=$((killed + 1)) ;;
	SURVIVED) survived=$((survived + 1)) ;;
	ERROR) broken=$((broken + 1)) ;;
	esac
	R_ID+=("$id") R_FILE+=("$file") R_RES+=("$res") R_TEST+=("$test") R_DESC+=("${DESCS[i]}")
	log "$(printf '[%d/%d] %-36s %-8s %-20s (%d s)' "$n" "${#SEL[@]}" "$id" "$res" "$test" \
		$((SECONDS - t0)))"
done

elapsed=$((SECONDS - START))
printf '\n%-36s %-34s %-8s %-20s %s\n' ID FILE RESULT "FIRST FAILING TEST" DESCRIPTION
for k in "${!R_ID[@]}"; do
	printf '%-36s %-34s %-8s %-20s %s\n' "${R_ID[k]}" "${R_FILE[k]}" "${R_RES[k]}" \
		"${R_TEST[k]}" "${R_DESC[k]}"
done
printf '\n%d mutation(s): %d killed, %d survived, %d broken; %d min %02d s\n' \
	"${#R_ID[@]}" "$killed" "$survived" "$broken" $((elapsed / 60)) $((elapsed % 60))

((broken == 0)) || exit 2
((survived == 0)) || exit 1
exit 0
