/*
 * laws.h — internal: the laws catalogue (policies/laws.yaml) as loaded by
 * laws.c (load stage), read by assessment and the renderers.
 */
#ifndef SC_LAWS_H
#define SC_LAWS_H

#include <stdbool.h>
#include <stddef.h>

#include "sovcheck.h"

/* How an entity is linked to a country: its nexus. One string table. */
enum { LW_NEXUS_CONTROL = 1u, LW_NEXUS_LOCATION = 2u, LW_NEXUS_STAFF = 4u };
extern const char *const lw_nexus_names[];   /* control, location, staff */
extern const char *const lw_data_names[];    /* content, metadata, subscriber, keys */

typedef struct lw_law {
	char *id, *name, *citation;
	char country[3];
	long year;
	unsigned nexus;
	bool covert;
	unsigned data;
	bool secrecy;
	long likelihood;
	char *binds_en, *binds_fr, *eu_en, *eu_fr;
	char **sources;
	size_t nsources;
	bool verified;
} lw_law;

struct sc_laws {
	char *path;
	char sha256[65];          /* of the catalogue file */
	char reviewed[11];
	lw_law *laws;
	size_t n;
};

#endif
