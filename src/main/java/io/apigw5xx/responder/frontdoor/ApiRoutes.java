package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.delivery.LedgerKeys;
import io.apigw5xx.responder.handler.InvocationLog;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The routes for people's tools: {@code GET /incidents}, {@code GET /incidents/{id}} and {@code POST /investigations}.
 * API Gateway authorises them with AWS_IAM; a call that arrives without an IAM caller (a route left without
 * authorization by mistake) is refused here too.
 */
final class ApiRoutes {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final IncidentHistory history;
    private final RerunEvents events;
    private final InvestigationStarter starter;
    private final ObjectMapper json;
    private final InvocationLog log;

    ApiRoutes(IncidentHistory history, RerunEvents events, InvestigationStarter starter, ObjectMapper json, InvocationLog log) {
        this.history = history;
        this.events = Objects.requireNonNull(events, "events");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.json = Objects.requireNonNull(json, "json");
        this.log = Objects.requireNonNull(log, "log");
    }

    HttpReply incidents(HttpCall call) {
        Optional<HttpReply> denied = requireIam(call);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (history == null) {
            return HttpReply.error(503, "no incident table is configured (INCIDENT_TABLE)");
        }
        String api = call.query().get("api");
        String stage = call.query().get("stage");
        if (api == null || api.isBlank() || stage == null || stage.isBlank()) {
            throw new BadRequestException("needs the query parameters api (name or id) and stage, e.g. /incidents?api=orders-api&stage=prod");
        }
        int limit = limit(call.query().get("limit"));
        List<ObjectNode> items = history.recent(api.strip(), stage.strip(), limit);
        ObjectNode body = json.createObjectNode();
        body.put("api", api.strip()).put("stage", stage.strip());
        body.putArray("incidents").addAll(items);
        return HttpReply.json(200, body);
    }

    HttpReply incident(HttpCall call, String id) {
        Optional<HttpReply> denied = requireIam(call);
        if (denied.isPresent()) {
            return denied.get();
        }
        if (history == null) {
            return HttpReply.error(503, "no incident table is configured (INCIDENT_TABLE)");
        }
        boolean rerun = IncidentIds.key(id).pk().startsWith(LedgerKeys.INVESTIGATION_PREFIX);
        return history.byId(id).map(item -> HttpReply.json(200, item))
                .orElseGet(() -> HttpReply.error(404, rerun
                        ? "no such investigation yet: the responder records it when the run starts (seconds after POST /investigations)"
                        : "no incident with this id"));
    }

    HttpReply investigate(HttpCall call) {
        Optional<HttpReply> denied = requireIam(call);
        if (denied.isPresent()) {
            return denied.get();
        }
        JsonNode body;
        try {
            body = json.readTree(call.body());
        } catch (java.io.IOException e) {
            throw new BadRequestException("body is not valid JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestException("body must be a manual re-run event, a JSON object such as "
                    + "{\"apiName\":\"orders-api\",\"stage\":\"prod\",\"at\":\"2026-03-14T09:42:00Z\"}");
        }
        ObjectNode event = ((ObjectNode) body).deepCopy();
        // Who asked is what IAM says, whatever the body claims.
        event.put("requestedBy", "iam:" + call.iamCaller().get());
        RerunEvents.Checked checked = events.check(event);
        String requestId;
        try {
            requestId = starter.start(checked.bytes());
        } catch (InvestigationNotStartedException e) {
            log.error("POST /investigations: " + e.getMessage(), e.getCause());
            return HttpReply.error(502, "could not start the investigation: " + e.getMessage());
        }
        log.info("investigation started through the API", "api", checked.incident().apiStageLabel(),
                "requestedBy", "iam:" + call.iamCaller().get(), "investigationId", checked.incident().investigationId(),
                "responderRequestId", requestId);
        // The id is the key of the item the responder writes when the run starts (IN_PROGRESS) and completes
        // (DONE, with the findings): GET /incidents/{id} answers 404 only until the responder has begun.
        ObjectNode reply = json.createObjectNode()
                .put("status", "accepted")
                .put("id", checked.incidentId())
                .put("investigationId", checked.incident().investigationId())
                .put("requestId", requestId)
                .put("api", checked.incident().api().label())
                .put("stage", checked.incident().stage())
                .put("region", checked.incident().region())
                .put("at", checked.incident().at().toString());
        return HttpReply.json(202, reply);
    }

    private static Optional<HttpReply> requireIam(HttpCall call) {
        if (call.iamCaller().isEmpty()) {
            return Optional.of(HttpReply.error(403, "this route needs AWS_IAM authorization: the request carries no IAM caller"));
        }
        return Optional.empty();
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw new BadRequestException("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
}
