package io.apigw5xx.responder.frontdoor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.report.Mrkdwn;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of {@code /api5xx <api> <stage> [time]}: {@code help} (or nothing) asks for usage; otherwise the API
 * (a REST API name, {@code http:<id>} for an HTTP API, {@code rest:<id>} for a REST API by id), the stage and an
 * optional UTC time (default now; minutes without seconds are fine, e.g. {@code 2026-03-14T09:40Z}).
 */
sealed interface SlashCommand {

    record Help() implements SlashCommand {}

    /** {@code event} is the manual re-run event, not yet checked by the trigger parser. */
    record Rerun(ObjectNode event) implements SlashCommand {}

    record Bad(String reason) implements SlashCommand {}

    /** A time given to the minute: the trigger parser wants seconds. */
    Pattern MINUTES = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2})(Z|[+-]\\d{2}:?\\d{2})$");

    /** Mrkdwn-escaped: the placeholders in angle brackets would otherwise read as Slack links. */
    static String usage(String command) {
        String c = command == null || command.isBlank() ? "/api5xx" : command;
        return Mrkdwn.escape("Usage: `" + c + " <api> <stage> [time]`, e.g. `" + c + " orders-api prod 2026-03-14T09:40Z`. "
                + "<api> is a REST API name, `http:<id>` for an HTTP API or `rest:<id>` for a REST API by id; "
                + "time is UTC and defaults to now. The findings are posted to the responder's usual channel.");
    }

    static SlashCommand parse(String text, ObjectNode blank, Instant now) {
        String[] words = text == null ? new String[0] : text.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty() || words[0].equalsIgnoreCase("help")) {
            return new Help();
        }
        if (words.length < 2) {
            return new Bad("needs an API and a stage");
        }
        if (words.length > 3) {
            return new Bad("too many words: expected <api> <stage> [time]");
        }
        ObjectNode event = blank;
        String api = words[0];
        String lower = api.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http:")) {
            event.put("apiId", api.substring(5)).put("apiType", "HTTP");
        } else if (lower.startsWith("rest:")) {
            event.put("apiId", api.substring(5)).put("apiType", "REST");
        } else {
            event.put("apiName", api);
        }
        event.put("stage", words[1]);
        String at = words.length == 3 ? words[2] : now.truncatedTo(ChronoUnit.SECONDS).toString();
        Matcher minutes = MINUTES.matcher(at);
        event.put("at", minutes.matches() ? minutes.group(1) + ":00" + minutes.group(2) : at);
        return new Rerun(event);
    }
}
