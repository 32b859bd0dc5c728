/*
 * fuzz-ledger.c — libFuzzer target: any bytes as a state directory's
 * notices.json, the §19.6.f ledger a scheduled run reads back (a hand, a
 * bad disk or an attacker may have written it). A ledger that loads must
 * be whole: written back, it loads again with the same notices; every
 * notice renders in both languages; acknowledging its first open notice
 * closes it; and a run with no change and no facts updates it without
 * breaking it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "fuzz-world.h"
#include "msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fw_setup();
	const char *path = fw_file("fuzz-notices.json", data, size);
	sc_ledger *ld = NULL;
	sc_err err;
	sc_err_clear(&err);
	if (sc_ledger_load(path, &ld, &err) != SC_OK) {
		if (err.msg[0] == '\0')
			abort();    /* a refusal always says why */
		return 0;
	}
	/* written back, it loads again, the same */
	char *text = sc_ledger_to_json(ld);
	if (text == NULL)
		abort();
	const char *again = fw_file("fuzz-notices-again.json", (const uint8_t *)text, strlen(text));
	sc_ledger *l2 = NULL;
	if (sc_ledger_load(again, &l2, &err) != SC_OK ||
	    sc_ledger_count(l2) != sc_ledger_count(ld))
		abort();
	char *text2 = sc_ledger_to_json(l2);
	if (text2 == NULL || strcmp(text, text2) != 0)
		abort();
	free(text2);
	sc_ledger_free(l2);
	free(text);
	/* every notice in words */
	for (size_t i = 0; i < ld->n; i++) {
		for (size_t k = 0; k < ld->v[i].nitems; k++) {
			sc_msg *m = ch_item_msg(&ld->v[i], k, NULL);
			for (int l = 0; l < SC_LANG_COUNT; l++)
				free(msg_string((sc_lang)l, m));
			msg_free(m);
		}
		sc_notice_view v;
		if (!sc_ledger_notice(ld, i, "2026-12-31", &v))
			abort();
	}
	/* acknowledging the first open notice closes it */
	for (size_t i = 0; i < ld->n; i++) {
		if (ld->v[i].status != CH_OPEN)
			continue;
		if (sc_ledger_ack(ld, ld->v[i].id, "fuzz", "9999-12-31", &err) != SC_OK ||
		    ld->v[i].status != CH_ACKNOWLEDGED)
			abort();
		break;
	}
	/* a run with nothing: reverts what it can, breaks nothing */
	ch_facts none = {NULL, 0, 0, false, NULL};
	ch_list nochange = {NULL, 0, false};
	if (!ch_ledger_update(ld, &nochange, &none, "9999-12-31"))
		abort();
	text = sc_ledger_to_json(ld);
	free(text);
	sc_ledger_free(ld);
	return 0;
}
