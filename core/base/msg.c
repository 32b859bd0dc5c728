/*
 * msg.c — localisable messages (msg.h): building them and rendering them
 * in a language from the message table (messages.c).
 */
#include <stdlib.h>
#include <string.h>

#include "msg.h"

sc_msg *
msg_new(const char *code)
{
	sc_msg *m = calloc(1, sizeof(*m));
	if (m != NULL)
		m->code = code;
	return m;
}

/* The text of a value that is text (a name, quoted evidence, a path, a
 * country, a figure, a date, a word), or NULL: one list of the text types. */
static char *
param_text(const msg_param *p)
{
	switch (p->type) {
	case MP_NUM:
	case MP_MSG:
	case MP_LIST:
		return NULL;
	case MP_TEXT:
	case MP_QUOTE:
	case MP_PATH:
	case MP_COUNTRY:
	case MP_PCT:
	case MP_DATE:
	case MP_WORD:
		break;
	}
	return p->s;
}

static void
param_free(msg_param *p)
{
	if (p->type == MP_MSG) {
		msg_free(p->m);
	} else if (p->type == MP_LIST) {
		if (p->list) {
			for (size_t i = 0; i < p->list->n; i++)
				param_free(&p->list->v[i]);
			free(p->list->v);
			free(p->list);
		}
	} else {
		free(param_text(p));
	}
}

static void release_shared(const sc_msg *m);

static void
release_param(const msg_param *p)
{
	if (p->type == MP_MSG && p->m != NULL) {
		if (p->m->packed == MSG_SHARED)
			msg_free(p->m);
		else
			release_shared(p->m);
	} else if (p->type == MP_LIST && p->list != NULL) {
		for (size_t i = 0; i < p->list->n; i++)
			release_param(&p->list->v[i]);
	}
}

/* Drop the references a packed block holds to shared messages. */
static void
release_shared(const sc_msg *m)
{
	for (size_t i = 0; i < m->n; i++)
		release_param(&m->p[i]);
}

void
msg_free(sc_msg *m)
{
	if (m == NULL || m->packed == MSG_INNER)
		return;
	if (m->packed == MSG_SHARED && --m->refs > 0)
		return;
	if (m->packed == MSG_PACKED || m->packed == MSG_SHARED) {
		if (m->shares)
			release_shared(m);
		free(m);   /* the block starts with the message */
		return;
	}
	for (size_t i = 0; i < m->n; i++)
		param_free(&m->p[i]);
	free(m->p);
	free(m);
}

static bool param_copy(msg_param *to, const msg_param *from);

static bool
items_copy(msg_items **to, const msg_items *from)
{
	*to = NULL;
	if (from == NULL)
		return true;
	msg_items *l = calloc(1, sizeof(*l));
	if (l == NULL)
		return false;
	*to = l;
	l->join = from->join;
	if (from->n && (l->v = calloc(from->n, sizeof(*l->v))) == NULL)
		return false;
	l->cap = from->n;
	for (size_t i = 0; i < from->n; i++) {
		l->n++;
		if (!param_copy(&l->v[i], &from->v[i]))
			return false;
	}
	return true;
}

static bool
param_copy(msg_param *to, const msg_param *from)
{
	memset(to, 0, sizeof(*to));
	to->name = from->name;
	to->type = from->type;
	if (from->type == MP_NUM) {
		to->num = from->num;
		return true;
	}
	if (from->type == MP_MSG)
		return from->m == NULL || (to->m = msg_ref(from->m)) != NULL;
	if (from->type == MP_LIST)
		return items_copy(&to->list, from->list);
	const char *t = param_text(from);
	return t == NULL || (to->s = strdup(t)) != NULL;
}

sc_msg *
msg_clone(const sc_msg *m)
{
	if (m == NULL)
		return NULL;
	sc_msg *c = msg_new(m->code);
	if (c == NULL)
		return NULL;
	c->oom = m->oom;
	if (m->n && (c->p = calloc(m->n, sizeof(*c->p))) == NULL) {
		msg_free(c);
		return NULL;
	}
	c->cap = m->n;
	for (size_t i = 0; i < m->n; i++) {
		c->n++;
		if (!param_copy(&c->p[i], &m->p[i])) {
			msg_free(c);
			return NULL;
		}
	}
	return c;
}

/* ---------------------------------------------------------- packing */

/*
 * A packed message is one block: first its structures (the message, the
 * parameter arrays, the lists, the inner messages: sizes that are
 * multiples of 8, one after the other), then its strings, byte after
 * byte. A finding per endpoint keeps one until the documents are written.
 */
_Static_assert(sizeof(sc_msg) % 8 == 0 && sizeof(msg_param) % 8 == 0 &&
               sizeof(msg_items) % 8 == 0, "packed structures stay aligned");

struct pk_size {
	size_t st, str;         /* bytes of structures, of strings */
};

struct pk_cur {
	char *st, *str;
	bool shares;
};

static void pack_size(const sc_msg *m, struct pk_size *sz);

static void
param_pack_size(const msg_param *p, struct pk_size *sz)
{
	if (p->type == MP_MSG) {   /* a shared message is referred to, not copied */
		if (p->m && p->m->packed != MSG_SHARED)
			pack_size(p->m, sz);
		return;
	}
	if (p->type == MP_LIST) {
		if (p->list == NULL)
			return;
		sz->st += sizeof(msg_items) + p->list->n * sizeof(msg_param);
		for (size_t i = 0; i < p->list->n; i++)
			param_pack_size(&p->list->v[i], sz);
		return;
	}
	const char *s = param_text(p);
	if (s)
		sz->str += strlen(s) + 1;
}

static void
pack_size(const sc_msg *m, struct pk_size *sz)
{
	sz->st += sizeof(sc_msg) + m->n * sizeof(msg_param);
	for (size_t i = 0; i < m->n; i++)
		param_pack_size(&m->p[i], sz);
}

static void *
pk_take(struct pk_cur *c, size_t n)
{
	void *p = c->st;
	c->st += n;
	return p;
}

static sc_msg *pack_into(const sc_msg *m, struct pk_cur *c, unsigned char kind);

static void
param_pack(msg_param *to, const msg_param *from, struct pk_cur *c)
{
	*to = *from;
	if (from->type == MP_MSG && from->m != NULL && from->m->packed == MSG_SHARED) {
		from->m->refs++;
		c->shares = true;
	} else if (from->type == MP_MSG) {
		to->m = from->m ? pack_into(from->m, c, MSG_INNER) : NULL;
	} else if (from->type == MP_LIST) {
		if (from->list != NULL) {
			msg_items *l = pk_take(c, sizeof(*l));
			l->join = from->list->join;
			l->n = l->cap = from->list->n;
			l->v = l->n ? pk_take(c, l->n * sizeof(*l->v)) : NULL;
			for (size_t i = 0; i < l->n; i++)
				param_pack(&l->v[i], &from->list->v[i], c);
			to->list = l;
		}
	} else if (param_text(from) != NULL) {
		size_t n = strlen(from->s) + 1;
		memcpy(c->str, from->s, n);
		to->s = c->str;
		c->str += n;
	}
}

static sc_msg *
pack_into(const sc_msg *m, struct pk_cur *c, unsigned char kind)
{
	sc_msg *x = pk_take(c, sizeof(*x));
	x->code = m->code;
	x->n = x->cap = m->n;
	x->oom = m->oom;
	x->packed = kind;
	x->p = m->n ? pk_take(c, m->n * sizeof(*x->p)) : NULL;
	x->shares = false;
	x->refs = 0;
	for (size_t i = 0; i < m->n; i++)
		param_pack(&x->p[i], &m->p[i], c);
	return x;
}

sc_msg *
msg_pack(sc_msg *m)
{
	if (m == NULL || m->packed != MSG_LOOSE)
		return m;
	struct pk_size sz = {0, 0};
	pack_size(m, &sz);
	char *block = malloc(sz.st + sz.str);
	if (block == NULL)
		return m;   /* still a message, as it was */
	struct pk_cur c = {block, block + sz.st, false};
	sc_msg *x = pack_into(m, &c, MSG_PACKED);
	x->shares = c.shares;
	msg_free(m);
	return x;
}

sc_msg *
msg_share(sc_msg *m)
{
	m = msg_pack(m);
	if (m != NULL && m->packed == MSG_PACKED) {
		m->packed = MSG_SHARED;
		m->refs = 1;
	}
	return m;
}

sc_msg *
msg_ref(sc_msg *m)
{
	if (m == NULL)
		return NULL;
	if (m->packed == MSG_SHARED) {
		m->refs++;
		return m;
	}
	return msg_clone(m);
}

/* A new zeroed slot in *v (of *n, *cap), or NULL. */
static msg_param *
slot(msg_param **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 2; /* most messages carry one or two */
		msg_param *p = realloc(*v, nc * sizeof(*p));
		if (p == NULL)
			return NULL;
		*v = p;
		*cap = nc;
	}
	msg_param *p = &(*v)[(*n)++];
	memset(p, 0, sizeof(*p));
	return p;
}

static msg_param *
add(sc_msg *m, const char *name, msg_ptype t, const char *s)
{
	if (m == NULL)
		return NULL;
	if (m->packed != MSG_LOOSE) {
		m->oom = true;   /* read-only: never silently changed */
		return NULL;
	}
	msg_param *p = slot(&m->p, &m->n, &m->cap);
	if (p == NULL) {
		m->oom = true;
		return NULL;
	}
	p->name = name;
	p->type = t;
	if (s != NULL && (p->s = strdup(s)) == NULL)
		m->oom = true;
	return p;
}

void msg_text(sc_msg *m, const char *name, const char *s) { add(m, name, MP_TEXT, s ? s : ""); }
void msg_quote(sc_msg *m, const char *name, const char *s) { add(m, name, MP_QUOTE, s ? s : ""); }
void msg_path(sc_msg *m, const char *name, const char *p) { add(m, name, MP_PATH, p ? p : ""); }

/* The connectives of the paths the graph (core/attribute/graph.c) and the
 * register (core/assess/risk.c) write, and their French. The pattern
 * "(suffix S of " keeps S. */
static const struct { const char *en, *fr; } connectives[] = {
	{" → certificate issued by ", " → certificat émis par "},
	{", a CA owned by ", ", une AC détenue par "},
	{"declared: ", "déclaré : "},
	{"; supervision: ", " ; supervision : "},
	{" (not in place)", " (non effective)"},
	{"relationship: ", "relation : "},
	{"; data_access: ", " ; data_access : "},
	{"(data_access: ", "(data_access : "},
	{" (the network's first address)", " (première adresse du réseau)"},
	{" (too wide to be one operator's network)", " (trop large pour être le réseau d'un "
	 "seul opérateur)"},
};

void
msg_path_text(strbuf *sb, sc_lang l, const char *path)
{
	if (l != SC_LANG_FR) {
		sb_puts(sb, path);
		return;
	}
	for (const char *s = path; *s;) {
		bool done = false;
		for (size_t i = 0; i < sizeof(connectives) / sizeof(connectives[0]) && !done; i++) {
			size_t n = strlen(connectives[i].en);
			if (strncmp(s, connectives[i].en, n) == 0) {
				sb_puts(sb, connectives[i].fr);
				s += n;
				done = true;
			}
		}
		if (!done && strncmp(s, "(suffix ", 8) == 0) {
			const char *sp = strchr(s + 8, ' ');
			if (sp && strncmp(sp, " of ", 4) == 0) {
				sb_puts(sb, "(suffixe ");
				sb_append(sb, s + 8, (size_t)(sp - (s + 8)));
				sb_puts(sb, " de ");
				s = sp + 4;
				done = true;
			}
		}
		if (!done)
			sb_append(sb, s++, 1);
	}
}
void msg_country(sc_msg *m, const char *name, const char *cc) { add(m, name, MP_COUNTRY, cc ? cc : "?"); }
void msg_pct(sc_msg *m, const char *name, const char *f) { add(m, name, MP_PCT, f ? f : "?"); }
void msg_date(sc_msg *m, const char *name, const char *d) { add(m, name, MP_DATE, d ? d : "?"); }

void
msg_num(sc_msg *m, const char *name, long n)
{
	msg_param *p = add(m, name, MP_NUM, NULL);
	if (p)
		p->num = n;
}

static char *
word_key(const char *vocab, const char *value)
{
	size_t a = strlen(vocab), b = strlen(value ? value : "");
	char *k = malloc(a + b + 2);
	if (k) {
		memcpy(k, vocab, a);
		k[a] = ':';
		memcpy(k + a + 1, value ? value : "", b + 1);
	}
	return k;
}

void
msg_word(sc_msg *m, const char *name, const char *vocab, const char *value)
{
	msg_param *p = add(m, name, MP_WORD, NULL);
	if (p && (p->s = word_key(vocab, value)) == NULL)
		m->oom = true;
}

void
msg_sub(sc_msg *m, const char *name, sc_msg *sub)
{
	msg_param *p = add(m, name, MP_MSG, NULL);
	if (p == NULL || sub == NULL) {
		msg_free(sub);
		if (m)
			m->oom = true;
		return;
	}
	p->m = sub;
	if (sub->oom)
		m->oom = true;
}

msg_items *
msg_list(sc_msg *m, const char *name, char join)
{
	msg_param *p = add(m, name, MP_LIST, NULL);
	if (p == NULL)
		return NULL;
	if ((p->list = calloc(1, sizeof(*p->list))) == NULL) {
		m->oom = true;
		return NULL;
	}
	p->list->join = join;
	return p->list;
}

msg_items *
msg_list_of(const sc_msg *m, const char *name)
{
	const msg_param *p = msg_get(m, name);
	return p && p->type == MP_LIST ? p->list : NULL;
}

static msg_param *
item(sc_msg *m, msg_items *list, msg_ptype t, const char *s)
{
	if (list == NULL)
		return NULL;
	if (m->packed != MSG_LOOSE) {
		m->oom = true;
		return NULL;
	}
	msg_param *p = slot(&list->v, &list->n, &list->cap);
	if (p == NULL) {
		m->oom = true;
		return NULL;
	}
	p->type = t;
	if (s != NULL && (p->s = strdup(s)) == NULL)
		m->oom = true;
	return p;
}

void msg_item_text(sc_msg *m, msg_items *l, const char *s) { item(m, l, MP_TEXT, s ? s : ""); }
void msg_item_country(sc_msg *m, msg_items *l, const char *cc) { item(m, l, MP_COUNTRY, cc ? cc : "?"); }

void
msg_item_word(sc_msg *m, msg_items *l, const char *vocab, const char *value)
{
	msg_param *p = item(m, l, MP_WORD, NULL);
	if (p && (p->s = word_key(vocab, value)) == NULL)
		m->oom = true;
}

void
msg_item_sub(sc_msg *m, msg_items *l, sc_msg *sub)
{
	msg_param *p = item(m, l, MP_MSG, NULL);
	if (p == NULL || sub == NULL) {
		msg_free(sub);
		m->oom = true;
		return;
	}
	p->m = sub;
	if (sub->oom)
		m->oom = true;
}

const msg_param *
msg_get(const sc_msg *m, const char *name)
{
	for (size_t i = 0; m && i < m->n; i++)
		if (m->p[i].name && strcmp(m->p[i].name, name) == 0)
			return &m->p[i];
	return NULL;
}

/* ------------------------------------------------------------ rendering */

static bool render(strbuf *sb, sc_lang l, const sc_msg *m, unsigned depth);

static void
country(strbuf *sb, sc_lang l, const char *cc, bool in)
{
	const char *name = l == SC_LANG_FR ? sc_country_name_fr(cc) : sc_country_name(cc);
	if (in) {
		const char *p = l == SC_LANG_FR ? sc_country_in_fr(cc) : "in";
		sb_puts(sb, p ? p : (l == SC_LANG_FR ? "en" : "in"));
		sb_puts(sb, " ");
	}
	sb_puts(sb, name ? name : cc);
}

static bool
value(strbuf *sb, sc_lang l, const msg_param *p, bool in, unsigned depth)
{
	switch (p->type) {
	case MP_TEXT:
		sb_puts(sb, p->s);
		return true;
	case MP_DATE: {
		/* French writes « 15 février 2026 », « 1er mars 2026 »; English
		 * keeps ISO 8601, as it always has. */
		static const char *const mois[] = {"janvier", "février", "mars", "avril", "mai",
			"juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"};
		int y, mo, d;
		if (l == SC_LANG_FR && sc_date_parse(p->s, &y, &mo, &d))
			sb_printf(sb, "%d%s %s %d", d, d == 1 ? "er" : "", mois[mo - 1], y);
		else
			sb_puts(sb, p->s);
		return true;
	}
	case MP_QUOTE:
		if (l == SC_LANG_FR) {
			sb_puts(sb, "« ");
			sb_puts(sb, p->s);
			sb_puts(sb, " »");
		} else {
			sb_puts(sb, p->s);
		}
		return true;
	case MP_PATH:
		msg_path_text(sb, l, p->s);
		return true;
	case MP_COUNTRY:
		country(sb, l, p->s, in);
		return true;
	case MP_NUM:
		sb_printf(sb, "%ld", p->num);
		return true;
	case MP_PCT:
		for (const char *c = p->s; *c; c++)
			sb_append(sb, *c == '.' && l == SC_LANG_FR ? "," : c, 1);
		return true;
	case MP_WORD: {
		const char *w = msg_word_text(l, p->s);
		if (w == NULL) {
			const char *colon = strchr(p->s, ':');
			w = colon ? colon + 1 : p->s;
		}
		sb_puts(sb, w);
		return true;
	}
	case MP_MSG:
		return render(sb, l, p->m, depth + 1);
	case MP_LIST: {
		bool ok = true;
		const msg_items *li = p->list;
		for (size_t i = 0; li && i < li->n; i++) {
			if (i > 0) {
				switch (li->join) {
				case ';': sb_puts(sb, l == SC_LANG_FR ? " ; " : "; "); break;
				case '/': sb_puts(sb, "/"); break;
				case '0': break;
				case '&':
					sb_puts(sb, i + 1 < li->n ? ", " :
					        l == SC_LANG_FR ? " et " : " and ");
					break;
				default: sb_puts(sb, ", "); break;
				}
			}
			ok = value(sb, l, &li->v[i], in, depth) && ok;
		}
		return ok;
	}
	}
	return false;
}

/* "{n|one|other}": the form for the number n. */
static void
plural(strbuf *sb, sc_lang l, long n, const char *forms, size_t len)
{
	const char *bar = memchr(forms, '|', len);
	bool one = l == SC_LANG_FR ? (n == 0 || n == 1) : n == 1;
	if (bar == NULL)
		sb_append(sb, forms, len);
	else if (one)
		sb_append(sb, forms, (size_t)(bar - forms));
	else
		sb_append(sb, bar + 1, len - (size_t)(bar - forms) - 1);
}

static bool
render(strbuf *sb, sc_lang l, const sc_msg *m, unsigned depth)
{
	if (m == NULL || m->oom || depth > 16)
		return false;
	const msg_template *t = msg_template_find(m->code);
	if (t == NULL || t->text[l] == NULL) {
		sb_puts(sb, m->code ? m->code : "?");
		return false;
	}
	bool ok = true;
	for (const char *s = t->text[l]; *s;) {
		const char *open = strchr(s, '{');
		if (open == NULL) {
			sb_puts(sb, s);
			break;
		}
		sb_append(sb, s, (size_t)(open - s));
		if (open[1] == '{') {        /* "{{": a literal brace */
			sb_puts(sb, "{");
			s = open + 2;
			continue;
		}
		const char *close = strchr(open, '}');
		if (close == NULL) {
			sb_puts(sb, open);
			break;
		}
		const char *bar = memchr(open, '|', (size_t)(close - open));
		size_t nlen = (size_t)((bar ? bar : close) - open - 1);
		char name[64];
		if (nlen >= sizeof(name))
			nlen = sizeof(name) - 1;
		memcpy(name, open + 1, nlen);
		name[nlen] = '\0';
		const msg_param *p = msg_get(m, name);
		if (p == NULL) {
			sb_puts(sb, "?");
			ok = false;
		} else if (bar && strncmp(bar, "|cc}", 4) == 0) {
			sb_puts(sb, p->type == MP_COUNTRY || p->type == MP_TEXT ? p->s : "?");
		} else if (bar && strncmp(bar, "|in}", 4) == 0) {
			ok = value(sb, l, p, true, depth) && ok;
		} else if (bar && p->type == MP_NUM) {
			plural(sb, l, p->num, bar + 1, (size_t)(close - bar - 1));
		} else {
			ok = value(sb, l, p, false, depth) && ok;
		}
		s = close + 1;
	}
	return ok && !sb->oom;
}

bool
msg_render(strbuf *sb, sc_lang l, const sc_msg *m)
{
	return render(sb, l, m, 0);
}

char *
msg_string(sc_lang l, const sc_msg *m)
{
	strbuf sb;
	sb_init(&sb);
	if (!msg_render(&sb, l, m)) {
		sb_free(&sb);
		return NULL;
	}
	return sb_take(&sb);
}
