/*
 * scorecard.h — internal: a scored pack (policy.h, "scored packs") in the
 * compliance report (scorecard.c).
 */
#ifndef SC_SCORECARD_H
#define SC_SCORECARD_H

#include "doc.h"
#include "result.h"

/* The scorecard of pack p: a table of its objectives (level, minimum,
 * weight, verdict, what sets the level), in HTML a bar chart, the score
 * with the weights' source, and the levels' meaning. */
void scorecard_pack(doc *d, const sc_result *r, const rs_pack *p, sc_lang l);
/* An objective's level and the table of its factors: what each is needed
 * for, what decides it (observed evidence, declarations, or nothing
 * sovcheck reads, said), and its verdict. */
void scorecard_factors(doc *d, const rs_req *q, sc_lang l);

#endif
