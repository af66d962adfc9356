package dev.pronto.response;

import dev.pronto.Response;

/**
 * The encoder's view of a {@link Response}'s fields and head cache, which the public API does not expose. Installed
 * once by {@code Response}'s static initialiser, so it is set before any response exists.
 */
public abstract class ResponseAccess {
    private static ResponseAccess instance;

    /**
     * Installs the accessor; only {@code Response} calls this.
     *
     * @param access the accessor
     */
    public static void install(ResponseAccess access) {
        if (instance != null) {
            throw new IllegalStateException("already installed");
        }
        instance = access;
    }

    static ResponseAccess get() {
        return instance;
    }

    protected abstract int status(Response r);

    protected abstract String contentType(Response r);

    protected abstract String[] headers(Response r);

    protected abstract byte[] body(Response r);

    protected abstract byte[] cachedHead(Response r);

    /** Marks the response as encoded and says whether it had been encoded before (a reused response). */
    protected abstract boolean markEncoded(Response r);

    protected abstract void cacheHead(Response r, byte[] head);
}
