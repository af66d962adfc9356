/**
 * The request codecs: percent-decoding, query strings and urlencoded forms, {@code Content-Type}, {@code Cookie},
 * {@code Host} and {@code multipart/form-data}. Pure functions over bytes and strings, no I/O, knowing the public API
 * and the grammar facts of {@code dev.pronto.http} only. Malformed input gets a {@link dev.pronto.HttpException}
 * (400, or 413 past a limit), except in {@code Content-Type} and {@code Cookie}, which are read as well as they can be.
 */
package dev.pronto.codec;
