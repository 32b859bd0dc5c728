/*
 * access.c — the access-path model (access.h): what each relationship
 * opens, and what each kind of mitigation does. The tables are the
 * documented model (docs/checks.md "Access paths and mitigations"); a
 * change here is a change of the product's judgement and of that page.
 */
#include <stddef.h>

#include "access.h"

const char *const mf_rel_names[] = {"hosting", "colocation", "network", "cdn", "dns",
	"email", "saas", "software", "updates", "remote-support", "certificate-authority",
	"professional-services", "other", NULL};

const char *const ac_path_names[] = {"physical", "transit", "code", "remote", "issuance",
	"service", "influence", "staff", NULL};

const char *const mf_mkind_names[] = {"customer-held-keys", "eu-held-keys",
	"no-remote-access", "supervised-access", "update-review", "data-minimisation",
	"contractual", NULL};

/* Per relationship: its access path and the least data it reaches
 * (0 none, 1 metadata, 2 technical, 3 customer — mf_data). */
static const struct {
	ac_path path;
	int reach;
} rels[MF_REL_COUNT] = {
	[MF_REL_HOSTING] = {AC_PHYSICAL, 3},
	[MF_REL_COLOCATION] = {AC_PHYSICAL, 3},
	[MF_REL_NETWORK] = {AC_TRANSIT, 1},
	[MF_REL_CDN] = {AC_TRANSIT, 3},            /* TLS ends at its edge */
	[MF_REL_DNS] = {AC_TRANSIT, 1},
	[MF_REL_EMAIL] = {AC_TRANSIT, 1},
	[MF_REL_SAAS] = {AC_SERVICE, 0},
	[MF_REL_SOFTWARE] = {AC_CODE, 3},          /* its code runs on the data */
	[MF_REL_UPDATES] = {AC_CODE, 3},
	[MF_REL_REMOTE_SUPPORT] = {AC_REMOTE, 2},
	[MF_REL_CERTIFICATE_AUTHORITY] = {AC_ISSUANCE, 0},
	[MF_REL_PROFESSIONAL_SERVICES] = {AC_REMOTE, 2},
	[MF_REL_OTHER] = {AC_SERVICE, 0},
};

unsigned
ac_rel_paths(unsigned rel_mask)
{
	unsigned p = 0;
	for (unsigned r = 0; r < MF_REL_COUNT; r++)
		if (rel_mask & (1u << r))
			p |= AC_BIT(rels[r].path);
	return p;
}

int
ac_rel_reach(unsigned rel_mask)
{
	int reach = 0;
	for (unsigned r = 0; r < MF_REL_COUNT; r++)
		if ((rel_mask & (1u << r)) && rels[r].reach > reach)
			reach = rels[r].reach;
	return reach;
}

const char *
ac_path_words(ac_path p)
{
	switch (p) {
	case AC_PHYSICAL: return "physical access to the hardware and storage that hold the data";
	case AC_TRANSIT: return "the traffic that passes through its network or servers";
	case AC_CODE: return "code that runs inside the service: a compelled update is an access path";
	case AC_REMOTE: return "its people reaching the service's systems";
	case AC_ISSUANCE: return "certificates that others trust: a mis-issued one enables interception";
	case AC_SERVICE: return "the data its own service processes";
	case AC_INFLUENCE: return "influence over the provider (votes, board seats, veto, information rights)";
	case AC_STAFF: return "the provider's people working from that country";
	}
	return "?";
}

#define ALL_PATHS ((1u << AC_PATH_COUNT) - 1u)

static const ac_effect effects[] = {
	[MF_MKIND_CUSTOMER_HELD_KEYS] = {AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE),
		AC_BIT(AC_SERVICE), 0, 2,
		"data encrypted with keys only the customer holds: the party holds ciphertext"},
	[MF_MKIND_EU_HELD_KEYS] = {AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE),
		AC_BIT(AC_SERVICE), 1, 1,
		"data encrypted with keys held in the EU by the provider"},
	[MF_MKIND_NO_REMOTE_ACCESS] = {AC_BIT(AC_REMOTE), AC_BIT(AC_REMOTE), 2, 0,
		"the party has no way into the service's systems"},
	[MF_MKIND_SUPERVISED_ACCESS] = {AC_BIT(AC_REMOTE) | AC_BIT(AC_STAFF), 0, 1, 0,
		"access only through a supervised jump host, watched in real time (§12.13)"},
	[MF_MKIND_UPDATE_REVIEW] = {AC_BIT(AC_CODE), AC_BIT(AC_CODE), 2, 0,
		"every update is quarantined and reviewed before it runs (§12.10.c)"},
	[MF_MKIND_DATA_MINIMISATION] = {ALL_PATHS, 0, 0, 1,
		"less data reaches the party"},
	[MF_MKIND_CONTRACTUAL] = {ALL_PATHS, 0, 0, 0,
		"a contract: it does not stop a compulsion, so it lowers nothing"},
	[MF_MKIND_NONE] = {0, 0, 0, 0,
		"no kind given: recorded, with no effect"},
};

const ac_effect *
ac_mkind_effect(mf_mkind k)
{
	if ((unsigned)k > (unsigned)MF_MKIND_NONE)
		k = MF_MKIND_NONE;
	return &effects[k];
}
