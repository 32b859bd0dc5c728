/*
 * msg.h — localisable messages. A finding's or a risk's sentence is not a
 * string but a message: a stable code naming a sentence of the message
 * table (messages.c: one template per language) and the named values it
 * carries, each with its type — a proper name or quoted evidence (never
 * translated), a country code, a number, a date, a word of a vocabulary
 * (data classes, roles, relationships…), a nested message or a list. Each
 * language renders its own sentence from the same message (msg_render());
 * findings.json carries the code and the values (msg_json() in render).
 *
 * Templates: "{name}" is a value; "{name|in}" a country with the
 * preposition of the language ("in France", « en France », « au Maroc »);
 * "{name|ONE|OTHER}" chooses by a number (English: ONE for 1; French: ONE
 * for 0 and 1); "{{" is a literal "{".
 */
#ifndef SC_MSG_H
#define SC_MSG_H

#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include "sovcheck.h"
#include "util.h"

typedef enum msg_ptype {
	MP_TEXT,     /* a proper name or an identifier: rendered as is */
	MP_QUOTE,    /* evidence quoted as collected (a resolver's answer, a
	                path): as is in English, between « » in French */
	MP_PATH,     /* an evidence path in our notation ("a → CNAME b (suffix b of
	                X (US))"): its connective words in the language */
	MP_COUNTRY,  /* an ISO 3166-1 code: its name in the language */
	MP_NUM,      /* an integer */
	MP_PCT,      /* a percentage figure already formatted with a '.' ("24.5") */
	MP_DATE,     /* YYYY-MM-DD */
	MP_WORD,     /* "vocabulary:value" ("data:customer"), from the word table */
	MP_MSG,      /* a nested message */
	MP_LIST,     /* a list of values */
} msg_ptype;

typedef struct sc_msg sc_msg;
typedef struct msg_items msg_items;

typedef struct msg_param {
	const char *name;        /* static; NULL for a list item */
	msg_ptype type;
	union {                  /* by type (a finding per endpoint holds several
	                            messages: one word each, not four) */
		char *s;         /* TEXT, QUOTE, PATH, COUNTRY, PCT, DATE, WORD */
		long num;        /* NUM */
		sc_msg *m;       /* MSG (owned) */
		msg_items *list; /* LIST (owned; apart, so that a handle stays valid
		                    while values are added to the message) */
	};
} msg_param;

struct msg_items {
	msg_param *v;
	size_t n, cap;
	char join;               /* ',' ", ", ';' "; ", '/' "/", '&' "a, b and c", '0' none */
};

struct sc_msg {
	const char *code;        /* static: a code of the message table */
	msg_param *p;
	size_t n, cap;
	bool oom;
	/* MSG_PACKED: the message and everything in it are one block
	 * (msg_pack()), read-only — a value added is refused (oom); MSG_INNER:
	 * a message inside such a block (freed with it); MSG_SHARED: a packed
	 * block held by refs messages (msg_share(), msg_ref()). */
	unsigned char packed;
	bool shares;             /* a packed block that holds shared messages */
	uint32_t refs;           /* MSG_SHARED: how many hold it */
};
enum { MSG_LOOSE = 0, MSG_PACKED = 1, MSG_INNER = 2, MSG_SHARED = 3 };

/* A new message with no value yet; NULL when out of memory. */
sc_msg *msg_new(const char *code);
void msg_free(sc_msg *m);
/* A deep copy of m, or NULL when out of memory. */
sc_msg *msg_clone(const sc_msg *m);
/* m as one block (its values, strings, lists and nested messages in a
 * single allocation, read-only from then on): a finding's message is kept
 * until the documents are written, one per endpoint and requirement. Takes
 * m; returns the packed copy, or m itself when out of memory. */
sc_msg *msg_pack(sc_msg *m);
/* m packed to be held by several messages: a value many findings repeat
 * (an address described once, cited by every endpoint that resolves to
 * it) is kept once. Takes m; the caller holds one reference, which
 * msg_free() drops. Out of memory: m is returned as it was, and msg_ref()
 * then copies it. Not for use from several threads. */
sc_msg *msg_share(sc_msg *m);
/* One more holder of m, for msg_sub()/msg_item_sub() (which take it): m
 * itself when shared, otherwise a copy; NULL when out of memory. */
sc_msg *msg_ref(sc_msg *m);

/* Add a named value (name static). Out of memory marks the message
 * (m->oom) and msg_render() then fails. */
void msg_text(sc_msg *m, const char *name, const char *s);
void msg_quote(sc_msg *m, const char *name, const char *s);
void msg_path(sc_msg *m, const char *name, const char *path);
void msg_country(sc_msg *m, const char *name, const char *cc);
void msg_num(sc_msg *m, const char *name, long n);
void msg_pct(sc_msg *m, const char *name, const char *figure);
void msg_date(sc_msg *m, const char *name, const char *date);
void msg_word(sc_msg *m, const char *name, const char *vocab, const char *value);
/* Takes sub (also when it fails). */
void msg_sub(sc_msg *m, const char *name, sc_msg *sub);
/* A list value; items are added to the returned list, which stays valid
 * while other values are added (NULL when out of memory: the msg_item_*
 * functions accept NULL). */
msg_items *msg_list(sc_msg *m, const char *name, char join);
/* The list value named name, or NULL. */
msg_items *msg_list_of(const sc_msg *m, const char *name);
void msg_item_text(sc_msg *m, msg_items *list, const char *s);
void msg_item_country(sc_msg *m, msg_items *list, const char *cc);
void msg_item_word(sc_msg *m, msg_items *list, const char *vocab, const char *value);
void msg_item_sub(sc_msg *m, msg_items *list, sc_msg *sub);

/* The value named name, or NULL. */
const msg_param *msg_get(const sc_msg *m, const char *name);

/* Append the sentence of m in language l to sb. Returns false when m is
 * marked out of memory or its code is not in the table (the code itself
 * is then written, so nothing is silently lost). */
bool msg_render(strbuf *sb, sc_lang l, const sc_msg *m);
/* The sentence as a new string (free()), or NULL. */
char *msg_string(sc_lang l, const sc_msg *m);

/* An evidence path as the graph and the register write it, its connective
 * words ("certificate issued by", "suffix … of", "declared:") in language
 * l; names, hosts and identifiers as they are. */
void msg_path_text(strbuf *sb, sc_lang l, const char *path);

/* The message table (messages.c). */
typedef struct msg_template {
	const char *code;
	const char *text[SC_LANG_COUNT];
} msg_template;
const msg_template *msg_template_find(const char *code);
/* Every template, sorted by code (for tests and `--help`). */
const msg_template *msg_templates(size_t *ret_n);
/* The word of a vocabulary in a language ("data:customer" → « clients »),
 * or NULL when the table has none. */
const char *msg_word_text(sc_lang l, const char *vocab_value);

#endif
