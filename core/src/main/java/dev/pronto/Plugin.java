package dev.pronto;

/**
 * A feature that installs itself on an app or a route group through their public methods: the filters (and routes)
 * it needs, registered together and in the right order, so that a feature made of a before and an after filter is
 * still one line. {@code app.install(cors)} covers the whole app, {@code api.install(cors)} one group.
 *
 * <pre>{@code
 * app.install(RequestId.generating());
 * app.group("/api", api -> api.install(Cors.allowing("https://app.example").build()));
 * }</pre>
 */
@FunctionalInterface
public interface Plugin {
    /**
     * Registers this feature's filters and routes.
     *
     * @param routes the app or group to install on
     */
    void install(Routes<?> routes);
}
