package dev.pronto.transport;

/**
 * Whether a binding's port may be shared with other processes. A port in use is never shared with a stranger: only
 * the worker processes one launcher starts bind the same port ({@code SO_REUSEPORT}), and within one process a port
 * is bound once.
 */
public enum PortSharing {
    /** The port must be free: nobody else listens on it, and nobody can join it while this binding holds it. */
    EXCLUSIVE,
    /**
     * Sibling worker processes of one launcher share the port, each binding it with {@code SO_REUSEPORT}; the
     * launcher has made sure that no stranger held it when the first sibling bound it.
     */
    SIBLINGS
}
