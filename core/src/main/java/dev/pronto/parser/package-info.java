/**
 * The HTTP/1.1 wire parser: turns bytes of a read buffer into a {@link dev.pronto.parser.RequestHead} of offsets
 * and decodes chunked bodies. Pure and restartable: no I/O, nothing of ours imported but the grammar facts of
 * {@code dev.pronto.http} (the tchar table, the method ids), no allocation per request.
 * Strict by design (RFC 9112): anything ambiguous is a {@link dev.pronto.parser.ParseError}, never a guess.
 */
package dev.pronto.parser;
