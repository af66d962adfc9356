/**
 * Turns a {@code Response} into bytes: cached status lines, a {@code Date} line rendered at most once a second,
 * {@code Content-Length} framing, and the encoded heads of reused responses, kept by each loop's encoder and keyed by
 * the response. Knows the public API only.
 */
package dev.pronto.response;
