/*
 * sc-limits.h — every limit on a size that an input controls, in one place
 * (STYLE §8). Inputs that exceed a limit are rejected with SC_ERR_LIMIT and
 * a message naming the limit; nothing is truncated silently.
 */
#ifndef SC_LIMITS_H
#define SC_LIMITS_H

/* YAML inputs: manifests, packs, registry, laws, country sets. */
#define SC_MAX_YAML_FILE_BYTES    (16u * 1024u * 1024u) /* a manifest is KBs */
#define SC_MAX_YAML_NODES         2000000u /* scalars + sequences + mappings: a
                                             manifest of 100,000 endpoints */
#define SC_MAX_YAML_DEPTH         64u      /* nesting of sequences/mappings */
#define SC_MAX_YAML_SCALAR_BYTES  65536u   /* one string value */
#define SC_MAX_DIAGS              1000u    /* errors kept per file */

/* Manifest semantics. */
#define SC_MAX_SHAREHOLDER_DEPTH  16u      /* nested shareholders levels */
#define SC_MAX_SUBCONTRACTOR_DEPTH 16u     /* multi-level subcontracting */
#define SC_MAX_LIST_ITEMS         100000u  /* entries in any manifest list (an
                                             inventory of 100,000 endpoints) */

/* DNS. */
#define SC_MAX_NAME_LEN           253u     /* RFC 1035 presentation form */
#define SC_MAX_CNAME_HOPS         16u      /* chain length before "too long" */
#define SC_MAX_DNS_ANSWERS        64u      /* RRs kept per name and type */
#define SC_MAX_DNS_NAMES          100000u  /* names resolved in one run */
#define SC_MAX_DNS_TEXT           16384u   /* one TXT or CAA record as kept
                                             (escaped): longer is malformed */
#define SC_MAX_ZONE_FILE_BYTES    (64u * 1024u * 1024u) /* one zone file */
#define SC_MAX_ZONE_RECORDS       1000000u /* records in one zone file */

/* TLS / X.509. */
#define SC_MAX_CHAIN_CERTS        16u      /* certificates kept per chain */
#define SC_MAX_CERT_BYTES         (64u * 1024u)
#define SC_MAX_PEM_FILE_BYTES     (1024u * 1024u)
#define SC_MAX_CERT_SANS          1024u    /* SAN entries kept per certificate */
#define SC_MAX_CERT_URLS          16u      /* AIA / CRL DP URLs kept per kind */
#define SC_MAX_TLS_JOBS           4096u    /* concurrent handshakes */
#define SC_MAX_TLS_THREADS        64u      /* capture event loops */
#define SC_MAX_SMTP_REPLY_BYTES   4096u    /* SMTP reply before STARTTLS */

/* MMDB. */
#define SC_MAX_MMDB_BYTES         (2048ull * 1024u * 1024u)

/* Geolocation databases consulted together (each answer is kept, per
 * database, for every address). */
#define SC_MAX_GEODBS 16u

/* geodb builder inputs (CSV, RFC 8805 geofeeds, MMDB). */
#define SC_MAX_GEODB_INPUTS       64u      /* files merged in one build */
#define SC_MAX_GEODB_TEXT_BYTES   (512u * 1024u * 1024u) /* one CSV/geofeed */
#define SC_MAX_GEODB_LINE         4096u    /* bytes in one CSV/geofeed line */
#define SC_MAX_GEODB_RANGES       (64u * 1024u * 1024u) /* ranges from all inputs */
/* Bytes of one input's attribution (--source, the sovcheck_sources
 * metadata) kept when a database names the input behind an answer. */
#define SC_MAX_GEODB_SOURCE_LEN   1024u

/* Evidence bundles and JSON inputs. */
#define SC_MAX_JSON_FILE_BYTES    (512u * 1024u * 1024u)

/* Entity registry. */
#define SC_MAX_REGISTRY_ENTITIES  50000u   /* entities across all files */
#define SC_MAX_REGISTRY_FILES     1000u    /* .yaml files in a registry directory */
#define SC_MAX_CA_INDEX           200000u  /* CA certificates across CA index files */
#define SC_MAX_CCADB_FILE_BYTES   (256u * 1024u * 1024u) /* one CCADB CSV export */
#define SC_MAX_ENTITY_DEPTH       16u      /* parent hops before "cycle or too deep" */
#define SC_MAX_HOLDERS            256u     /* holders: of one entity (the sums are
                                             checked date by date: quadratic) */
#define SC_MAX_UNSETTLED          1000u    /* parties of unknown control the
                                             register names (the rest counted) */
#define SC_MAX_HELD_WALK          64u      /* companies followed to judge how one
                                             is held (holders that are entities) */

/* Signed filings (core/render/seal.c). A filing has a few dozen files;
 * a CMS signature, a few KB with its certificates. */
#define SC_MAX_SUMS_FILES         1024u    /* lines of a SHA256SUMS */
#define SC_MAX_SUMS_BYTES         (SC_MAX_SUMS_FILES * 330u) /* 64 hex, 2 spaces, a name < 256 */
#define SC_MAX_SIGNATURE_BYTES    (1024u * 1024u) /* SHA256SUMS.p7s */
#define SC_MAX_KEY_FILE_BYTES     (1024u * 1024u) /* a signer's key or certificate file */

#endif /* SC_LIMITS_H */
