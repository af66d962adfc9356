package dev.pronto.http1;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR event of one exchange, from when the request was read until its response was encoded. Off unless a
 * recording enables {@code dev.pronto.Request}: while off, the engine makes none (it asks {@link #isEnabled()} of a
 * probe first).
 */
@Name("dev.pronto.Request")
@Label("HTTP Request")
@Category({"Pronto", "HTTP"})
@Description("One request answered by Pronto: from when it was read until its response was encoded")
@Enabled(false)
@StackTrace(false)
final class RequestEvent extends jdk.jfr.Event {
    @Label("Route")
    @Description("The matched route's pattern; null when no route matched")
    String route;

    @Label("Method")
    String method;

    @Label("Target")
    @Description("The request target as sent")
    String target;

    @Label("Status")
    int status;

    @Label("Bytes Sent")
    @DataAmount
    long bytesSent;

    @Label("Rejected")
    @Description("The engine answered instead of the application (malformed input, a limit, a timeout)")
    boolean rejected;
}
