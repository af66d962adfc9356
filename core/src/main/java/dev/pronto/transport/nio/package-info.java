/**
 * The portable transport on {@code java.nio}: one selector thread per loop, one {@code SO_REUSEPORT} listener per loop
 * where the OS allows it (else one acceptor handing channels out round-robin), {@code TCP_NODELAY} on every channel,
 * and no cross-thread hand-off on the fast path.
 */
package dev.pronto.transport.nio;
