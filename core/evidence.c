/*
 * evidence.c — evidence.json: the DNS answers and TLS chains of a run, with
 * the sources they came from, so that an auditor can see what every verdict
 * rests on. Written with jansson (escaping) and atomically.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "eval.h"
#include "graph.h"
#include "util.h"

sc_status
sc_evidence_write_json(const sc_evidence *ev, const sc_result *r, const char *path,
                       sc_err *err)
{
	bool oom = false;
	json_t *root = json_object();
	if (root == NULL)
		return util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory");
#define SET(o, k, v) do { json_t *v_ = (v); \
		if (v_ == NULL || json_object_set_new((o), (k), v_) != 0) oom = true; } while (0)
	SET(root, "schema_version", json_integer(1));
	SET(root, "tool", json_pack("{s:s, s:s}", "name", "sovcheck", "version", sc_version()));
	if (r)
		SET(root, "date", json_string(r->date));
	SET(root, "offline", json_boolean(ev->offline));
	SET(root, "dns_sources", ev->dns_sources ? json_string(ev->dns_sources) : json_null());
	SET(root, "tls_source", ev->tls_source ? json_string(ev->tls_source) : json_null());
	SET(root, "dns", ev->dns ? sc_dns_result_to_json(ev->dns) : json_null());
	SET(root, "dns_certificate_hosts",
	    ev->dns_deps ? sc_dns_result_to_json(ev->dns_deps) : json_null());
	json_t *tls = json_array();
	for (size_t i = 0; tls && i < ev->ntls; i++) {
		json_t *o = json_object();
		if (o == NULL) {
			oom = true;
			break;
		}
		SET(o, "id", json_string(ev->tls[i].id));
		SET(o, "capture", sc_tls_result_to_json(ev->tls[i].r));
		if (r && r->graph) {
			sc_tls_owner ow;
			graph_tls_owner(r->graph, ev->tls[i].r, &ow);
			SET(o, "ca_owner", sc_tls_owner_to_json(&ow));
		}
		if (json_array_append_new(tls, o) != 0)
			oom = true;
	}
	SET(root, "tls", tls);
#undef SET
	sc_status st = oom ? util_err(err, SC_ERR_NOMEM, path, 0, 0, "nomem", "out of memory")
	                   : util_write_json(root, path, err);
	json_decref(root);
	return st;
}
