package dev.pronto.parser;

/**
 * The limits a {@link RequestParser} enforces on a request head, even while it is still incomplete.
 *
 * @param maxRequestLineBytes longest request line, CRLF and skipped leading empty lines included; beyond it 414
 * @param maxHeaderBytes      largest header section, from after the request line through the empty line; beyond it 431
 * @param maxHeaderCount      most header fields; beyond it 431
 */
public record HeadLimits(int maxRequestLineBytes, int maxHeaderBytes, int maxHeaderCount) {
    /** Checks that every limit is positive. */
    public HeadLimits {
        if (maxRequestLineBytes <= 0 || maxHeaderBytes <= 0 || maxHeaderCount <= 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxRequestLineBytes + ", "
                    + maxHeaderBytes + ", " + maxHeaderCount);
        }
    }
}
