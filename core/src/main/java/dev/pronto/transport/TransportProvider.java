package dev.pronto.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A transport that {@link java.util.ServiceLoader} can find, named by the id a configuration chooses it with
 * ({@code ServerConfig.builder().transport("nio")}). {@code nio} is built in; a native one ({@code epoll},
 * {@code io_uring}) plugs in from another module with {@code provides} or {@code META-INF/services}.
 */
public interface TransportProvider {
    /** The id that picks the first provider present and available in {@link #AUTO_ORDER}. */
    String AUTO = "auto";

    /** What {@link #AUTO} tries, in order: the fastest first, the portable one last. */
    List<String> AUTO_ORDER = List.of("io_uring", "epoll", "nio");

    /** @return the id that chooses this transport, e.g. {@code nio}: lowercase letters, digits and {@code _} */
    String id();

    /**
     * Tells whether this transport can work here (operating system, kernel version, native library), without
     * binding anything.
     *
     * @return whether {@link #create()} gives a transport that works on this machine
     */
    boolean isAvailable();

    /** @return a new transport; called once per server */
    Transport create();

    /**
     * Finds the provider that an id chooses, among those {@link ServiceLoader} finds.
     *
     * @param id a provider's id, or {@link #AUTO}
     * @return the provider, available on this machine
     * @throws IllegalArgumentException naming the known ids when no provider has this id, or saying so when the one
     *                                  that has it cannot work here
     */
    static TransportProvider resolve(String id) {
        return resolve(id, ServiceLoader.load(TransportProvider.class));
    }

    /**
     * Finds the provider that an id chooses among some providers.
     *
     * @param id        a provider's id, or {@link #AUTO}
     * @param providers the providers present, in any order
     * @return the provider, available on this machine
     * @throws IllegalArgumentException naming the known ids when no provider has this id, or saying so when the one
     *                                  that has it cannot work here
     */
    static TransportProvider resolve(String id, Iterable<? extends TransportProvider> providers) {
        List<TransportProvider> present = new ArrayList<>();
        providers.forEach(present::add);
        if (id.equals(AUTO)) {
            for (String candidate : AUTO_ORDER) {
                for (TransportProvider p : present) {
                    if (p.id().equals(candidate) && p.isAvailable()) {
                        return p;
                    }
                }
            }
            throw new IllegalArgumentException("transport auto: none of " + String.join(", ", AUTO_ORDER)
                    + " is available here; present: " + ids(present));
        }
        for (TransportProvider p : present) {
            if (p.id().equals(id)) {
                if (!p.isAvailable()) {
                    throw new IllegalArgumentException("transport " + id + " is present but cannot work on this"
                            + " machine; known transports: " + ids(present));
                }
                return p;
            }
        }
        throw new IllegalArgumentException("unknown transport " + id + "; known transports: " + ids(present));
    }

    private static String ids(List<TransportProvider> present) {
        StringBuilder b = new StringBuilder(AUTO);
        for (TransportProvider p : present) {
            b.append(", ").append(p.id());
        }
        return b.toString();
    }
}
