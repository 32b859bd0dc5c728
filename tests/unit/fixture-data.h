/*
 * fixture-data.h — the texts of the small fixed service of fixture.h (its
 * manifest, zones, geolocation CSVs and registry), without the Check
 * helpers, so that the fuzz targets run against the same service.
 */
#ifndef SC_FIXTURE_DATA_H
#define SC_FIXTURE_DATA_H

static const char fx_manifest[] =
"sovcheck: 1\n"
"service: {name: Fixture Shop, model: SaaS}\n"
"provider:\n"
"  name: Fixture SAS\n"
"  registered_office: FR\n"
"  central_administration: FR\n"
"  principal_establishment: FR\n"
"  board_seats: 3\n"
"  shareholders:\n"
"    - {name: Founders, country: FR, capital: 90, voting: 90}\n"
"    - {name: Globex Ventures LLC, country: US, capital: 10, voting: 10}\n"
"  government_links: []\n"
"locations:\n"
"  data: [{site: PAR-1, country: FR, holds: [customer, technical]}]\n"
"  administration: [FR]\n"
"  support:\n"
"    - {country: US, operations: [level-2 tickets], supervision: EU jump host}\n"
"endpoints:\n"
"  - {host: api.shop.example, role: api, data: customer, tls: false}\n"
"  - {host: www.shop.example, role: web, data: metadata, tls: false}\n"
"  - {host: admin.shop.example, role: admin, data: technical, tls: false}\n"
"domains: [shop.example]\n"
"subcontractors:\n"
"  - {name: Euro Host SAS, country: FR, service: hosting, data_access: customer,\n"
"     hosts: [www.eurohost.net]}\n"
"  - {name: Globex CDN Inc., country: US, parent: Globex Corp., parent_country: US,\n"
"     service: content delivery, relationship: cdn, data_access: metadata,\n"
"     alternatives: [A, B]}\n"
"mitigations:\n"
"  - {id: cdn-minimal-logs, kind: data-minimisation, description: the CDN keeps no\n"
"     request logs, applies_to: [Globex CDN Inc.]}\n"
"sign_off: {accepted_by: Jane Doe, date: 2026-06-01}\n"
"sources: {zones: [shop.zone, net.zone]}\n";

static const char fx_zone_shop[] =
"$ORIGIN shop.example.\n$TTL 300\n"
"@ IN SOA ns1.eurohost.net. h.shop.example. 1 7200 3600 1209600 300\n"
"@ IN NS ns1.eurohost.net.\n"
"@ IN MX 10 mx.mailco.net.\n"
"api IN A 192.0.2.10\n"
"www IN CNAME edge.globexcdn.net.\n"
"admin IN A 198.51.100.7\n";

static const char fx_zone_net[] =
"$ORIGIN net.\n$TTL 300\n"
"@ IN SOA ns1.eurohost.net. h.eurohost.net. 1 7200 3600 1209600 300\n"
"@ IN NS ns1.eurohost.net.\n"
"ns1.eurohost IN A 192.0.2.53\n"
"www.eurohost IN A 192.0.2.80\n"
"edge.globexcdn IN A 203.0.113.5\n"
"mx.mailco IN A 198.51.100.25\n";

static const char fx_geo_csv[] =
"192.0.2.0,192.0.2.255,FR\n"
"198.51.100.0,198.51.100.255,US\n"
"203.0.113.0,203.0.113.255,US\n";

static const char fx_asn_csv[] =
"192.0.2.0,192.0.2.255,3301,Euro Host SAS\n"
"203.0.113.0,203.0.113.255,3302,Globex CDN\n"
"198.51.100.0,198.51.100.15,3303,Unknown Networks\n"
"198.51.100.16,198.51.100.31,3304,MailCo\n";

#define FX_SOURCE(what) \
"    sources: [{url: https://example.test/" what ", fact: test fixture, " \
"covers: [name, country, parent, asns, suffixes, control, holders], reviewed: 2026-11-01}]\n"

/* How Euro Host is held: by its French founders (tests replace it). */
#define FX_EUROHOST_HELD \
"    control: private\n    holders: [{name: Euro Host founders, country: FR, capital: 100}]\n"

static const char fx_registry[] =
"sovcheck-registry: 1\n"
"entities:\n"
"  - id: eurohost\n    name: Euro Host SAS\n    country: FR\n    asns: [3301]\n"
"    suffixes: {cname: [eurohost.net], ns: [eurohost.net]}\n" FX_EUROHOST_HELD
FX_SOURCE("eurohost")
"  - id: globex-corp\n    name: Globex Corp.\n    country: US\n" FX_SOURCE("globex")
"  - id: globex-cdn\n    name: Globex CDN Inc.\n    country: US\n    parent: globex-corp\n"
"    asns: [3302]\n    suffixes: {cname: [globexcdn.net]}\n" FX_SOURCE("globex-cdn")
"  - id: mailco\n    name: MailCo Ltd\n    country: GB\n    asns: [3304]\n"
"    lei: 529900TESTLEI0000258\n    suffixes: {mx: [mailco.net]}\n"
"    sources: [{url: https://example.test/mailco, fact: test fixture, "
"covers: [name, country, asns, suffixes, lei], reviewed: 2026-11-01}]\n";

#endif
