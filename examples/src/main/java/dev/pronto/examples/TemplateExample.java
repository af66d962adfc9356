package dev.pronto.examples;

import dev.pronto.App;
import dev.pronto.Response;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateExceptionHandler;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTML from templates: FreeMarker renders {@code templates/*.ftlh} from the class path, escaping every value for HTML
 * (the {@code .ftlh} extension turns that on). Templates are loaded and parsed once, when the app is built, so a
 * handler only renders in memory and may stay on the event loop.
 */
final class TemplateExample {
    /** A row of the index page's table, Japronto's published benchmark; public, as templates read public members. */
    public record Result(String solution, long requestsPerSecond) {
    }

    static final List<Result> RESULTS = List.of(
            new Result("Japronto 0.1", 1_214_440), new Result("Go 1.8rc3", 54_502),
            new Result("NodeJS 7.4.0", 54_327), new Result("Meinheld 0.6.1", 51_641),
            new Result("Sanic 0.2.0", 36_341), new Result("Gevent 1.2.1", 6_708),
            new Result("Aiohttp 1.2.0", 6_460), new Result("Tornado 4.4.2", 2_968));

    private TemplateExample() {
    }

    static App app() {
        Configuration freemarker = new Configuration(Configuration.VERSION_2_3_35);
        freemarker.setClassForTemplateLoading(TemplateExample.class, "/templates");
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setLocale(Locale.ROOT);                 // numbers as 1,214,440 whatever the machine's locale
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER); // errors become a 500
        Template index = load(freemarker, "index.ftlh");
        Template hello = load(freemarker, "hello.ftlh");

        App app = new App();
        app.get("/", request -> html(index, Map.of("title", "Pronto templates", "results", RESULTS)));
        app.get("/hello/{name}", request -> html(hello, Map.of("title", "Hello", "name", request.pathParam("name"))));
        return app;
    }

    private static Response html(Template template, Map<String, Object> model) throws Exception {
        StringWriter html = new StringWriter();
        template.process(model, html);
        return Response.html(html.toString());
    }

    private static Template load(Configuration freemarker, String name) {
        try {
            return freemarker.getTemplate(name);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load template " + name, e);
        }
    }
}
