package dev.pronto.examples;

import dev.pronto.AccessLog;
import dev.pronto.App;
import dev.pronto.Handler;
import dev.pronto.Health;
import dev.pronto.HealthCheck;
import dev.pronto.HttpException;
import dev.pronto.Method;
import dev.pronto.Request;
import dev.pronto.Response;
import dev.pronto.Status;
import dev.pronto.filter.Cors;
import dev.pronto.filter.RequestId;
import dev.pronto.filter.SecurityHeaders;
import dev.pronto.micrometer.MicrometerMetrics;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A JSON todo API on an embedded SQLite database: {@code GET/POST /todos}, {@code GET/PUT/DELETE /todos/{id}}. JDBC
 * blocks, so every handler is {@link Handler#blocking}: it runs on a virtual thread and the event loop never waits.
 * An unknown id is 404, a body that is not a valid todo 400.
 */
final class TodoExample {
    /** A stored todo. */
    record Todo(long id, String title, boolean done) {
    }

    /** The body of POST and PUT: a title, and whether it is done (false when left out). */
    record TodoInput(String title, boolean done) {
        TodoInput {
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("a todo needs a title");
            }
        }
    }

    private TodoExample() {
    }

    static App app(Path database) {
        TodoStore todos = new TodoStore(database);
        App app = new App();
        app.get("/todos", Handler.blocking(request -> Response.json(todos.list())));
        app.post("/todos", Handler.blocking(request -> {
            Todo todo = todos.add(request.json(TodoInput.class));    // 400 when the body is not a TodoInput
            return Response.json(todo).withStatus(Status.CREATED).withHeader("Location", "/todos/" + todo.id());
        }));
        app.get("/todos/{id}", Handler.blocking(request ->
                Response.json(todos.find(id(request)).orElseThrow(() -> notFound(request)))));
        app.put("/todos/{id}", Handler.blocking(request -> {
            TodoInput input = request.json(TodoInput.class);
            return Response.json(todos.update(id(request), input).orElseThrow(() -> notFound(request)));
        }));
        app.delete("/todos/{id}", Handler.blocking(request -> {
            if (!todos.delete(id(request))) {
                throw notFound(request);
            }
            return Response.status(Status.NO_CONTENT);
        }));
        return app;
    }

    /**
     * The todo API as a service runs it in production: Prometheus metrics at {@code /metrics}, liveness and readiness
     * at {@code /health/live} and {@code /health/ready} (ready when the database answers), one access-log line per
     * exchange on the {@code dev.pronto.access} logger, a request id on every response, the usual security headers,
     * and CORS for the origins given (none: no CORS headers at all).
     *
     * @param database the SQLite file
     * @param origins  the browser origins that may call the API, such as {@code http://localhost:5173}
     * @return the app
     */
    static App service(Path database, List<String> origins) {
        App app = app(database);
        TodoStore store = new TodoStore(database);
        app.install(RequestId.defaults());
        app.install(SecurityHeaders.defaults());
        if (!origins.isEmpty()) {
            app.install(Cors.builder().allowOrigins(origins.toArray(String[]::new))
                    .allowMethods(Method.GET, Method.POST, Method.PUT, Method.DELETE)
                    .allowHeaders("Content-Type").build());
        }
        app.observe(AccessLog.common());
        MicrometerMetrics.prometheus(app, "/metrics");
        app.health(Health.builder().check("database", () -> {
            store.ping();
            return HealthCheck.Result.up();
        }).build());
        return app;
    }

    private static long id(Request request) {
        try {
            return Long.parseLong(request.pathParam("id"));
        } catch (NumberFormatException e) {
            throw notFound(request);
        }
    }

    private static HttpException notFound(Request request) {
        return new HttpException(Status.NOT_FOUND, "No todo " + request.pathParam("id"));
    }

    /** The todos table. Each call opens its own connection: SQLite opens a file in microseconds. */
    static final class TodoStore {
        private final String url;
        private final Properties pragmas = new Properties();

        TodoStore(Path file) {
            url = "jdbc:sqlite:" + file.toAbsolutePath();
            pragmas.setProperty("journal_mode", "WAL");   // readers do not wait for the writer
            pragmas.setProperty("busy_timeout", "5000");  // writers wait for each other instead of failing
            execute("CREATE TABLE IF NOT EXISTS todos ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0)");
        }

        List<Todo> list() throws SQLException {
            return query("SELECT id, title, done FROM todos ORDER BY id");
        }

        Optional<Todo> find(long id) throws SQLException {
            return query("SELECT id, title, done FROM todos WHERE id = ?", id).stream().findFirst();
        }

        Todo add(TodoInput todo) throws SQLException {
            return query("INSERT INTO todos (title, done) VALUES (?, ?) RETURNING id, title, done",
                    todo.title(), todo.done()).getFirst();
        }

        Optional<Todo> update(long id, TodoInput todo) throws SQLException {
            return query("UPDATE todos SET title = ?, done = ? WHERE id = ? RETURNING id, title, done",
                    todo.title(), todo.done(), id).stream().findFirst();
        }

        /** Asks the database a question that reads no row: the readiness check. */
        void ping() throws SQLException {
            query("SELECT id, title, done FROM todos LIMIT 0");
        }

        boolean delete(long id) throws SQLException {
            return query("DELETE FROM todos WHERE id = ? RETURNING id, title, done", id).size() == 1;
        }

        private List<Todo> query(String sql, Object... args) throws SQLException {
            try (Connection c = DriverManager.getConnection(url, pragmas);
                 PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    statement.setObject(i + 1, args[i]);
                }
                List<Todo> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Todo(rs.getLong("id"), rs.getString("title"), rs.getBoolean("done")));
                    }
                }
                return rows;
            }
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection(url, pragmas); Statement statement = c.createStatement()) {
                statement.executeUpdate(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot open the database " + url + ": " + e.getMessage(), e);
            }
        }
    }
}
