package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.handler.InvocationLog;
import io.apigw5xx.responder.report.Mrkdwn;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /slack/commands} and {@code POST /slack/interactions}. Nothing is read from a request before its
 * signature is verified; an unsigned, stale, forged or replayed request gets 401 and starts nothing. Every path
 * answers at once (Slack gives 3 seconds): the investigation itself runs in the responder.
 */
final class SlackRoutes {

    static final String RERUN_ACTION_ID = "rerun_investigation";

    private final SlackSignatureVerifier verifier;
    private final SlackAllowList allowList;
    private final RerunEvents events;
    private final InvestigationStarter starter;
    private final SlackReplies replies;
    private final String responseUrlPrefix;
    private final ObjectMapper json;
    private final Clock clock;
    private final InvocationLog log;

    SlackRoutes(SlackSignatureVerifier verifier, SlackAllowList allowList, RerunEvents events, InvestigationStarter starter,
                SlackReplies replies, String responseUrlPrefix, ObjectMapper json, Clock clock, InvocationLog log) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.events = Objects.requireNonNull(events, "events");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.replies = Objects.requireNonNull(replies, "replies");
        this.responseUrlPrefix = Objects.requireNonNull(responseUrlPrefix, "responseUrlPrefix");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    HttpReply command(HttpCall call) {
        Optional<HttpReply> unverified = verify(call);
        if (unverified.isPresent()) {
            return unverified.get();
        }
        Map<String, String> form = FormBody.parse(call.bodyText());
        String command = form.get("command");
        if (form.get("user_id") == null || command == null) {
            throw new BadRequestException("not a slash command: the form has no command or user_id field");
        }
        Optional<String> refusal = allowList.refusal(form.get("team_id"), form.get("channel_id"));
        if (refusal.isPresent()) {
            log.warn("slash command refused by the allow-list", "team", nz(form.get("team_id")), "channel", nz(form.get("channel_id")));
            return HttpReply.ephemeral("Not started: " + refusal.get() + ".");
        }
        SlashCommand parsed = SlashCommand.parse(form.get("text"), events.newEvent(), clock.instant());
        return switch (parsed) {
            case SlashCommand.Help help -> HttpReply.ephemeral(SlashCommand.usage(command));
            case SlashCommand.Bad bad -> HttpReply.ephemeral("Not started: " + Mrkdwn.escape(bad.reason()) + ".\n" + SlashCommand.usage(command));
            case SlashCommand.Rerun rerun -> startFromCommand(rerun.event(), form, command);
        };
    }

    private HttpReply startFromCommand(ObjectNode event, Map<String, String> form, String command) {
        event.put("requestedBy", "slack:" + form.get("user_id"));
        RerunEvents.Checked checked;
        try {
            checked = events.check(event);
        } catch (BadRequestException e) {
            return HttpReply.ephemeral("Not started: " + Mrkdwn.escape(e.getMessage()) + ".\n" + SlashCommand.usage(command));
        }
        try {
            String requestId = starter.start(checked.bytes());
            log.info("investigation started from a slash command", "api", checked.incident().apiStageLabel(),
                    "requestedBy", "slack:" + form.get("user_id"), "investigationId", checked.incident().investigationId(),
                    "responderRequestId", requestId);
            return HttpReply.ephemeral("Investigating " + Mrkdwn.escape(checked.incident().apiStageLabel()) + " around "
                    + checked.incident().at() + ". The findings will be posted to the responder's channel in a minute.");
        } catch (InvestigationNotStartedException e) {
            log.error("slash command: " + e.getMessage(), e.getCause());
            return HttpReply.ephemeral("Could not start the investigation (" + e.getMessage() + "). Try again, or re-run it from the Lambda console.");
        }
    }

    HttpReply interaction(HttpCall call) {
        Optional<HttpReply> unverified = verify(call);
        if (unverified.isPresent()) {
            return unverified.get();
        }
        String payloadText = FormBody.parse(call.bodyText()).get("payload");
        if (payloadText == null) {
            throw new BadRequestException("not a Slack interaction: the form has no payload field");
        }
        JsonNode payload;
        try {
            payload = json.readTree(payloadText);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadRequestException("the interaction payload is not valid JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new BadRequestException("the interaction payload is not a JSON object");
        }
        Optional<JsonNode> rerun = rerunAction(payload);
        if (!"block_actions".equals(payload.path("type").asText()) || rerun.isEmpty()) {
            // Other buttons (e.g. "Open in console", a URL button) also report their clicks: acknowledge them.
            return HttpReply.json(200, json.createObjectNode());
        }
        String team = text(payload, "team", "id").or(() -> text(payload, "user", "team_id")).orElse(null);
        String channel = text(payload, "channel", "id").or(() -> text(payload, "container", "channel_id")).orElse(null);
        String user = text(payload, "user", "id").orElse("unknown");
        Optional<URI> responseUrl = responseUrl(payload);
        Optional<String> refusal = allowList.refusal(team, channel);
        if (refusal.isPresent()) {
            log.warn("re-run button refused by the allow-list", "team", nz(team), "channel", nz(channel));
            responseUrl.ifPresent(url -> replies.ephemeral(url, "Not re-run: " + refusal.get() + "."));
            return HttpReply.json(200, json.createObjectNode());
        }
        String reply = startFromButton(rerun.get(), payload, channel, user);
        responseUrl.ifPresent(url -> replies.ephemeral(url, reply));
        return HttpReply.json(200, json.createObjectNode());
    }

    /** Starts the re-run and says what happened, for the person who clicked. */
    private String startFromButton(JsonNode action, JsonNode payload, String channel, String user) {
        JsonNode value;
        try {
            value = json.readTree(action.path("value").asText(""));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            value = null;
        }
        if (value == null || !value.isObject()) {
            log.warn("re-run button without a re-run event in its value", "user", user);
            return "Not re-run: the button carries no re-run event. Use `/api5xx help`.";
        }
        ObjectNode event = ((ObjectNode) value).deepCopy();
        // The thread to answer in: the clicked message's thread, or the message itself when it is the parent.
        Optional<String> ts = text(payload, "message", "thread_ts").or(() -> text(payload, "message", "ts"))
                .or(() -> text(payload, "container", "message_ts"));
        if (channel != null && ts.isPresent()) {
            event.putObject("slackThread").put("channel", channel).put("ts", ts.get());
        }
        event.put("requestedBy", "slack:" + user);
        RerunEvents.Checked checked;
        try {
            checked = events.check(event);
        } catch (BadRequestException e) {
            log.warn("re-run button carries an event the responder would refuse", "reason", e.getMessage());
            return "Not re-run: " + Mrkdwn.escape(e.getMessage()) + ".";
        }
        try {
            String requestId = starter.start(checked.bytes());
            log.info("re-run started from Slack", "api", checked.incident().apiStageLabel(), "requestedBy", "slack:" + user,
                    "channel", nz(channel), "thread", ts.orElse("-"), "investigationId", checked.incident().investigationId(),
                    "responderRequestId", requestId);
            return "Re-running the investigation of " + Mrkdwn.escape(checked.incident().apiStageLabel()) + " around "
                    + checked.incident().at() + (ts.isPresent() ? "; the findings will be posted in this thread." : ".");
        } catch (InvestigationNotStartedException e) {
            log.error("re-run button: " + e.getMessage(), e.getCause());
            return "Could not start the re-run (" + e.getMessage() + "). Try again in a minute.";
        }
    }

    private Optional<HttpReply> verify(HttpCall call) {
        SlackSignatureVerifier.Verdict verdict;
        try {
            verdict = verifier.verify(call);
        } catch (RuntimeException e) {
            // The signing secret could not be read (not configured, Secrets Manager down): nothing can be trusted.
            log.error("cannot verify Slack requests: " + e.getMessage(), null);
            return Optional.of(HttpReply.error(503, "cannot verify Slack requests right now (logged)"));
        }
        if (verdict.accepted()) {
            return Optional.empty();
        }
        log.warn("Slack request refused", "path", call.path(), "reason", verdict.refusal().get());
        return Optional.of(HttpReply.error(401, verdict.refusal().get()));
    }

    private static Optional<JsonNode> rerunAction(JsonNode payload) {
        for (JsonNode action : payload.path("actions")) {
            if (RERUN_ACTION_ID.equals(action.path("action_id").asText())) {
                return Optional.of(action);
            }
        }
        return Optional.empty();
    }

    /** Only Slack's own hooks: a response_url elsewhere would make the front door post wherever a payload says. */
    private Optional<URI> responseUrl(JsonNode payload) {
        String url = payload.path("response_url").asText("");
        if (!url.startsWith(responseUrlPrefix)) {
            if (!url.isEmpty()) {
                log.warn("interaction response_url is not under " + responseUrlPrefix + "; not answered there");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String object, String field) {
        JsonNode v = node.path(object).path(field);
        return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static String nz(String s) {
        return s == null ? "-" : s;
    }
}
