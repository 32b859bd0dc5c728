/*
 * report.h — internal: helpers shared by the report writers.
 */
#ifndef SC_REPORT_H
#define SC_REPORT_H

#include "sovcheck.h"
#include "util.h"

/* findings.json as a string (caller frees), NULL on out-of-memory. */
char *report_json_dump(const sc_result *r);

/* Append s to sb escaped for Markdown text (and table cells). */
void md_escape(strbuf *sb, const char *s);

#endif
