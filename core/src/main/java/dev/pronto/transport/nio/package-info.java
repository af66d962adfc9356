/**
 * The portable transport on {@code java.nio}: one selector thread per loop; one listening socket per process that
 * loop 0 accepts on and hands out round-robin, or, between the sibling worker processes of a launcher, one
 * {@code SO_REUSEPORT} listener per loop; {@code TCP_NODELAY} on every channel, and no cross-thread hand-off after
 * the accept.
 */
package dev.pronto.transport.nio;
