package io.apigw5xx.responder.frontdoor;

import io.apigw5xx.responder.handler.InvocationLog;
import java.util.Objects;

/**
 * The HTTP front door's routes, independent of how the request arrived. Bodies larger than
 * {@link #MAX_BODY_BYTES} are refused before anything reads them; a request the routes cannot act on is a 400
 * with its reason; nothing here ever runs an investigation itself (the responder function does).
 */
public final class FrontDoor {

    /** A block_actions payload repeats the whole clicked message (up to 50 blocks), URL-encoded: well under this. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private final SlackRoutes slack;
    private final ApiRoutes api;
    private final InvocationLog log;

    FrontDoor(SlackRoutes slack, ApiRoutes api, InvocationLog log) {
        this.slack = Objects.requireNonNull(slack, "slack");
        this.api = Objects.requireNonNull(api, "api");
        this.log = Objects.requireNonNull(log, "log");
    }

    public HttpReply handle(HttpCall call) {
        if (call.body().length > MAX_BODY_BYTES) {
            return HttpReply.error(413, "body is larger than " + MAX_BODY_BYTES + " bytes");
        }
        String path = call.path().length() > 1 && call.path().endsWith("/")
                ? call.path().substring(0, call.path().length() - 1) : call.path();
        try {
            return route(call, call.method().toUpperCase(java.util.Locale.ROOT), path);
        } catch (BadRequestException e) {
            log.warn("bad request", "path", path, "reason", e.getMessage());
            return HttpReply.error(400, e.getMessage());
        }
    }

    private HttpReply route(HttpCall call, String method, String path) {
        switch (path) {
            case "/slack/commands":
                return method.equals("POST") ? slack.command(call) : notAllowed(method, path);
            case "/slack/interactions":
                return method.equals("POST") ? slack.interaction(call) : notAllowed(method, path);
            case "/investigations":
                return method.equals("POST") ? api.investigate(call) : notAllowed(method, path);
            case "/incidents":
                return method.equals("GET") ? api.incidents(call) : notAllowed(method, path);
            default:
                if (path.startsWith("/incidents/") && path.indexOf('/', "/incidents/".length()) < 0) {
                    return method.equals("GET") ? api.incident(call, path.substring("/incidents/".length()))
                                                : notAllowed(method, path);
                }
                return HttpReply.error(404, "no route " + path);
        }
    }

    private static HttpReply notAllowed(String method, String path) {
        return HttpReply.error(405, method + " is not allowed on " + path);
    }
}
