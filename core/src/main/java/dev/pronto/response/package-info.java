/**
 * Turns a {@code Response} into bytes: cached status lines, a {@code Date} line rendered at most once a second,
 * {@code Content-Length} framing, and the encoded head of a reused response kept with it. Knows the public API only.
 */
package dev.pronto.response;
