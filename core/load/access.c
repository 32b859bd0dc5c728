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

#define ALL_PATHS ((1u << AC_PATH_COUNT) - 1u)

static const ac_effect effects[] = {
	[MF_MKIND_CUSTOMER_HELD_KEYS] = {AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE),
		AC_BIT(AC_SERVICE), 0, 2},
	[MF_MKIND_EU_HELD_KEYS] = {AC_BIT(AC_PHYSICAL) | AC_BIT(AC_SERVICE),
		AC_BIT(AC_SERVICE), 1, 1},
	[MF_MKIND_NO_REMOTE_ACCESS] = {AC_BIT(AC_REMOTE), AC_BIT(AC_REMOTE), 2, 0},
	[MF_MKIND_SUPERVISED_ACCESS] = {AC_BIT(AC_REMOTE) | AC_BIT(AC_STAFF), 0, 1, 0},
	[MF_MKIND_UPDATE_REVIEW] = {AC_BIT(AC_CODE), AC_BIT(AC_CODE), 2, 0},
	[MF_MKIND_DATA_MINIMISATION] = {ALL_PATHS, 0, 0, 1},
	[MF_MKIND_CONTRACTUAL] = {ALL_PATHS, 0, 0, 0},
	[MF_MKIND_NONE] = {0, 0, 0, 0},
};

const ac_effect *
ac_mkind_effect(mf_mkind k)
{
	if ((unsigned)k > (unsigned)MF_MKIND_NONE)
		k = MF_MKIND_NONE;
	return &effects[k];
}
