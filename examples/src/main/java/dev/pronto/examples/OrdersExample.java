package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.ProblemException;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Status;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An orders API as a Java team writes one: the routes under {@code /api} in a group whose before filter asks for a
 * token (auth on some routes is one line), an admin group inside it, typed query and path parameters (a value that
 * does not parse is a 400 naming it), and problem details (RFC 9457) for every error, framework-made or thrown.
 */
final class OrdersExample {
    /** Where an order stands; {@code ?state=shipped} filters by it (case-insensitive). */
    enum State { OPEN, SHIPPED, CANCELLED }

    /** An order. */
    record Order(UUID id, String item, int quantity, State state) {
    }

    /** The body of {@code POST /api/orders}. */
    record NewOrder(String item, int quantity) {
    }

    private OrdersExample() {
    }

    static App app() {
        Map<UUID, Order> orders = new ConcurrentHashMap<>();
        App app = new App().problemDetails(true); // every error a JSON API gets is application/problem+json
        app.get("/", request -> Response.text("Orders: GET /api/orders with 'Authorization: Bearer demo'\n"));
        app.group("/api", api -> {
            api.before(request -> token(request).isPresent() ? null : unauthorized(request));
            api.get("/orders", request -> {
                Optional<State> state = request.queryParams().get("state", State.class);
                int page = request.queryParams().get("page", int.class, 1);
                int size = request.queryParams().get("size", int.class, 20);
                List<Order> found = orders.values().stream()
                        .filter(order -> state.isEmpty() || order.state() == state.get())
                        .sorted(Comparator.comparing(Order::item))
                        .skip((long) Math.max(0, page - 1) * size).limit(size)
                        .toList();
                return Response.json(found);
            });
            api.get("/orders/{id}", request -> Response.json(find(orders, request.pathParam("id", UUID.class))));
            api.post("/orders", request -> {
                NewOrder input = request.json(NewOrder.class); // 415 unless the body is JSON, 400 unless a NewOrder
                if (input.quantity() < 1) {
                    throw new ProblemException(422, "The quantity must be at least 1")
                            .with("quantity", input.quantity());
                }
                Order order = new Order(UUID.randomUUID(), input.item(), input.quantity(), State.OPEN);
                orders.put(order.id(), order);
                return Response.json(order).withStatus(Status.CREATED)
                        .withHeader("Location", "/api/orders/" + order.id());
            });
            api.group("/admin", admin -> {
                admin.before(request -> token(request).filter("admin"::equals).isPresent() ? null : forbidden(request));
                admin.delete("/orders/{id}", request -> {
                    UUID id = request.pathParam("id", UUID.class);
                    find(orders, id);
                    orders.remove(id);
                    return Response.status(Status.NO_CONTENT);
                });
            });
        });
        return app;
    }

    private static Order find(Map<UUID, Order> orders, UUID id) {
        Order order = orders.get(id);
        if (order == null) {
            throw new ProblemException(Status.NOT_FOUND, "No order " + id).with("orderId", id.toString());
        }
        return order;
    }

    /** @return the bearer token of the request, when it sends one */
    private static Optional<String> token(Request request) {
        return request.header("Authorization").filter(value -> value.startsWith("Bearer "))
                .map(value -> value.substring("Bearer ".length()).strip()).filter(value -> !value.isEmpty());
    }

    private static Response unauthorized(Request request) {
        return new ProblemException(Status.UNAUTHORIZED, "Send 'Authorization: Bearer <token>'")
                .withHeader("WWW-Authenticate", "Bearer").toProblem(request);
    }

    private static Response forbidden(Request request) {
        return new ProblemException(Status.FORBIDDEN, "Only the admin token may do this").toProblem(request);
    }
}
