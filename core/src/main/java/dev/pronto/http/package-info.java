/**
 * Facts of the HTTP grammar that several layers must agree on: which bytes make a token, which methods are standard
 * and their ids, which statuses carry a body; and the JSON text (RFC 8259) of the documents the framework writes
 * itself, problem details (RFC 9457) and health answers, which the API and the probes share. Nothing else lives here: no state, no I/O, nothing of ours imported,
 * so every package may import it, the parser and the public API included (the one leaf {@code ArchitectureTest}
 * lets them share). Each fact is stated here once and read by the parser, the codecs, the router and the API.
 */
package dev.pronto.http;
