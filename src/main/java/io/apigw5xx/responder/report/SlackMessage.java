package io.apigw5xx.responder.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.Severity;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.Incident;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Findings as a Slack incoming-webhook payload (Block Kit). Within Slack's limits by construction: a fixed
 * set of at most ~20 blocks, every text cut to its limit with a visible "…and N more". Everything from AWS
 * is redacted, then mrkdwn-escaped. Severity shows as the header emoji and the colour bar of one attachment.
 */
public final class SlackMessage {

    public static final int MAX_BLOCKS = 50;
    public static final int MAX_SECTION_TEXT = 3000;
    public static final int MAX_FIELD_TEXT = 2000;
    public static final int MAX_FIELDS = 10;
    public static final int MAX_HEADER = 150;
    public static final int MAX_CONTEXT_ELEMENTS = 10;
    /** One evidence bullet or command: long enough for a log line, short enough for many to fit. */
    static final int MAX_LINE = 500;
    /** Causes after the first that get a section of their own; the rest share one list. */
    static final int DETAILED_ALTERNATIVES = 2;
    static final int MAX_FALLBACK_TEXT = 300;

    private final ObjectMapper json;

    public SlackMessage(ObjectMapper json) {
        this.json = json;
    }

    public ObjectNode render(Findings findings) {
        return render(findings, History.none());
    }

    public ObjectNode render(Findings raw, History history) {
        return render(raw, history, null, false);
    }

    /**
     * @param leadLine a context line above the report (who asked for a re-run, which report it follows up), or null
     * @param actions  add the "Re-run now" and "Open in console" buttons (Slack app mode: the click goes to the
     *                 app's interactivity URL, which incoming webhooks of old-style integrations do not have)
     */
    public ObjectNode render(Findings raw, History history, String leadLine, boolean actions) {
        Findings f = Redactor.redact(raw);
        Incident i = f.incident();
        Cause top = f.topCause();
        List<ObjectNode> blocks = new ArrayList<>();

        blocks.add(header(emoji(f.severity()) + " " + f.severity() + " · 5xx on " + i.apiStageLabel()));
        if (leadLine != null && !leadLine.isBlank()) {
            blocks.add(context(List.of(Mrkdwn.inline(Redactor.redact(leadLine), MAX_FIELD_TEXT))));
        }
        blocks.add(summary(f, history));
        if (actions) {
            blocks.add(actions(f));
        }
        blocks.add(divider());
        if (top != null) {
            blocks.add(section(Mrkdwn.cut("*Likely cause:* " + Mrkdwn.inline(top.title(), 200) + " — *" + top.confidence()
                    + "* confidence" + (blank(top.why()) ? "" : "\n" + Mrkdwn.inline(top.why(), 1000)), MAX_SECTION_TEXT)));
            if (!top.evidence().isEmpty()) {
                blocks.add(section(Mrkdwn.lines("*Evidence*", evidenceLines(top, f), "• ", MAX_SECTION_TEXT, MAX_LINE)));
            }
            if (!top.nextCommands().isEmpty()) {
                blocks.add(section(Mrkdwn.code("*Next*", top.nextCommands(), MAX_SECTION_TEXT, MAX_LINE)));
            }
        }
        List<Cause> others = f.causes().size() > 1 ? f.causes().subList(1, f.causes().size()) : List.of();
        for (int k = 0; k < Math.min(DETAILED_ALTERNATIVES, others.size()); k++) {
            blocks.add(section(alternative(k + 2, others.get(k), f)));
        }
        if (others.size() > DETAILED_ALTERNATIVES) {
            List<Cause> rest = others.subList(DETAILED_ALTERNATIVES, others.size());
            List<String> lines = new ArrayList<>();
            for (int k = 0; k < rest.size(); k++) {
                Cause c = rest.get(k);
                lines.add((k + 2 + DETAILED_ALTERNATIVES) + ". " + c.title() + " (" + c.confidence() + ")"
                        + (blank(c.why()) ? "" : " — " + c.why()));
            }
            blocks.add(section(Mrkdwn.lines("*Other possibilities*", lines, "", MAX_SECTION_TEXT, 300)));
        }
        blocks.add(divider());
        blocks.add(section(Mrkdwn.cut("*Status mix" + (f.statusMix().inferred() ? " (inferred)" : "") + ":* "
                + Mrkdwn.escape(MarkdownReport.statusMix(f.statusMix())) + "\n*Pattern:* " + f.pattern() + " — "
                + MarkdownReport.patternMeaning(f), MAX_SECTION_TEXT)));
        blocks.add(section(Mrkdwn.lines(":white_check_mark: *Checked clean*", orNone(f.checkedClean()), "• ",
                MAX_SECTION_TEXT, MAX_LINE)));
        blocks.add(section(Mrkdwn.lines(":warning: *Could not check*",
                orNone(f.gaps().stream().map(MarkdownReport::gapLine).toList()), "• ", MAX_SECTION_TEXT, MAX_LINE)));
        if (!f.notes().isEmpty()) {
            blocks.add(section(Mrkdwn.lines("*Notes*", f.notes(), "• ", MAX_SECTION_TEXT, MAX_LINE)));
        }
        links(ConsoleLinks.forFindings(f)).ifPresent(blocks::add);
        blocks.add(context(List.of(
                "Generated " + Timeline.dateTime(f.generatedAt()),
                f.totalAwsCalls() + " AWS calls",
                i.alarm() == null ? "manual run" : "alarm " + Mrkdwn.inline(i.alarm().arn() == null ? i.alarm().name()
                        : i.alarm().arn(), 300))));

        String fallback = f.severity() + " 5xx on " + i.apiStageLabel()
                + (top == null ? "" : ": likely " + top.title() + " (" + top.confidence() + ")");
        return payload(fallback, blocks, color(f.severity()), f.severity() + " · 5xx rate "
                + Timeline.rate(f.errorRatePercent(), f.errors(), f.requests()));
    }

    /** The Slack app's button contract: {@code action_id} and the re-run event its value carries. */
    public static final String RERUN_ACTION = "rerun_investigation";
    public static final String CONSOLE_ACTION = "open_console";

    private ObjectNode actions(Findings f) {
        Incident i = f.incident();
        ObjectNode block = json.createObjectNode().put("type", "actions").put("block_id", "incident_actions");
        ArrayNode elements = block.putArray("elements");
        ObjectNode rerun = elements.addObject().put("type", "button").put("action_id", RERUN_ACTION)
                .put("value", rerunEvent(i));
        rerun.putObject("text").put("type", "plain_text").put("text", "Re-run now");
        rerun.put("style", "primary");
        String console = ConsoleLinks.alarm(i).map(ConsoleLinks.Link::url).orElseGet(() -> ConsoleLinks.metrics(i, f.window().from(), f.window().to()));
        if (console.length() <= 3000) {
            ObjectNode open = elements.addObject().put("type", "button").put("action_id", CONSOLE_ACTION).put("url", console);
            open.putObject("text").put("type", "plain_text").put("text", "Open in console");
        }
        return block;
    }

    /** The manual re-run event for this API stage and moment (trigger/ManualRerunReader's shape), compact. */
    public String rerunEvent(Incident i) {
        ObjectNode e = json.createObjectNode();
        if (i.api().name() != null) {
            e.put("apiName", i.api().name());
        }
        if (i.api().id() != null) {
            e.put("apiId", i.api().id());
        }
        e.put("apiType", i.api().type().name()).put("stage", i.stage()).put("region", i.region()).put("at", i.at().toString());
        return e.toString();
    }

    /**
     * The re-check's answer in the incident's thread: what changed since the first report, or one line saying
     * the first report stands now that CloudTrail has caught up.
     */
    public ObjectNode renderFollowUp(Findings raw, FollowUpDiff diff, String leadLine) {
        Findings f = Redactor.redact(raw);
        List<ObjectNode> blocks = new ArrayList<>();
        if (leadLine != null && !leadLine.isBlank()) {
            blocks.add(context(List.of(Mrkdwn.inline(Redactor.redact(leadLine), MAX_FIELD_TEXT))));
        }
        String when = Timeline.hhmm(f.generatedAt());
        if (!diff.changed()) {
            String line = confirmedLine(f);
            blocks.add(section(":white_check_mark: " + Mrkdwn.escape(line)));
            return payload(line, blocks, color(f.severity()), "Re-check " + when + " UTC");
        }
        Cause top = f.topCause();
        blocks.add(section(Mrkdwn.lines(":arrows_counterclockwise: *Re-check at " + when + " UTC* (CloudTrail has caught up)",
                diff.lines(), "• ", MAX_SECTION_TEXT, MAX_LINE)));
        if (top != null) {
            blocks.add(section(Mrkdwn.cut("*Likely cause:* " + Mrkdwn.inline(top.title(), 200) + " — *" + top.confidence()
                    + "* confidence" + (blank(top.why()) ? "" : "\n" + Mrkdwn.inline(top.why(), 1000)), MAX_SECTION_TEXT)));
            if (!top.evidence().isEmpty()) {
                blocks.add(section(Mrkdwn.lines("*Evidence*", evidenceLines(top, f), "• ", MAX_SECTION_TEXT, MAX_LINE)));
            }
        }
        String fallback = "Re-check of 5xx on " + f.incident().apiStageLabel() + ": " + diff.lines().getFirst();
        return payload(fallback, blocks, color(f.severity()), "Re-check " + when + " UTC");
    }

    /** "confirmed at 09:56: CloudTrail caught up, nothing else changed on the path". */
    public static String confirmedLine(Findings f) {
        return "Confirmed at " + Timeline.hhmm(f.generatedAt()) + " UTC: CloudTrail caught up, nothing else changed on the path";
    }

    /** A short note added to a message after the fact (the graph that could not be attached). */
    public ObjectNode withNote(ObjectNode payload, String note) {
        ObjectNode copy = payload.deepCopy();
        ArrayNode blocks = (ArrayNode) copy.get("blocks");
        ObjectNode c = context(List.of(":warning: " + Mrkdwn.inline(Redactor.redact(note), 500)));
        if (blocks.size() >= MAX_BLOCKS - 1) {
            blocks.set(blocks.size() - 1, c);
        } else {
            blocks.add(c);
        }
        return copy;
    }

    /** The follow-up when the alarm is back to OK: one header, one line, a reference to the original. */
    public ObjectNode renderResolved(Incident ok, Optional<PastIncident> original) {
        return renderResolved(ok, original, null);
    }

    public ObjectNode renderResolved(Incident ok, Optional<PastIncident> original, String leadLine) {
        List<ObjectNode> blocks = new ArrayList<>();
        blocks.add(header(":white_check_mark: RESOLVED · 5xx on " + ok.apiStageLabel()));
        if (leadLine != null && !leadLine.isBlank()) {
            blocks.add(context(List.of(Mrkdwn.inline(Redactor.redact(leadLine), MAX_FIELD_TEXT))));
        }
        String alarm = ok.alarm() == null ? "The alarm" : "Alarm `" + Mrkdwn.inline(Redactor.redact(ok.alarm().name()), 300) + "`";
        blocks.add(section(Mrkdwn.cut(alarm + " returned to OK at " + Timeline.time(ok.at()) + ".\n"
                + Mrkdwn.inline(MarkdownReport.resolvedReference(ok, original), 2000), MAX_SECTION_TEXT)));
        ConsoleLinks.alarm(ok).flatMap(l -> links(List.of(l))).ifPresent(blocks::add);
        return payload("RESOLVED 5xx on " + ok.apiStageLabel(), blocks, "#2EB67D", "Resolved");
    }

    public String toJson(ObjectNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Slack payload did not serialise", e);
        }
    }

    private ObjectNode payload(String fallback, List<ObjectNode> blocks, String color, String colorLine) {
        ObjectNode root = json.createObjectNode();
        root.put("text", Mrkdwn.inline(fallback, MAX_FALLBACK_TEXT));
        ArrayNode arr = root.putArray("blocks");
        // The colour bar's one block counts towards the 50 as well; never exceed, whatever the input.
        int room = MAX_BLOCKS - 1;
        if (blocks.size() > room) {
            List<ObjectNode> kept = new ArrayList<>(blocks.subList(0, room - 1));
            kept.add(context(List.of(Mrkdwn.moreLine(blocks.size() - (room - 1)) + " blocks not shown")));
            blocks = kept;
        }
        blocks.forEach(arr::add);
        ObjectNode attachment = root.putArray("attachments").addObject();
        attachment.put("color", color);
        attachment.putArray("blocks").add(context(List.of(Mrkdwn.inline(colorLine, 500))));
        return root;
    }

    private ObjectNode summary(Findings f, History history) {
        Incident i = f.incident();
        StringBuilder text = new StringBuilder();
        Alarm a = i.alarm();
        if (a != null) {
            text.append("*Alarm* `").append(Mrkdwn.inline(a.name(), 255)).append("` ").append(a.state()).append(" at ")
                    .append(Timeline.time(a.stateChangeTime()));
            if (!blank(a.reason())) {
                text.append("\n_").append(Mrkdwn.inline(a.reason(), 600)).append('_');
            }
        } else {
            text.append("*Manual investigation* at ").append(Timeline.time(i.at()));
        }
        String scope = i.scope().summary();
        if (scope != null) {
            text.append("\n:dart: ").append(Mrkdwn.inline(scope, 600));
        }
        if (a != null && a.expression() != null) {
            text.append("\n*Alarm reads* ").append(Mrkdwn.inline(a.readingLabel(), 300));
        }
        history.line().ifPresent(l -> text.append("\n:repeat: ").append(Mrkdwn.inline(l, 600)));
        ObjectNode s = section(Mrkdwn.cut(text.toString(), MAX_SECTION_TEXT));
        ArrayNode fields = s.putArray("fields");
        List<String> f2 = List.of(
                "*API*\n" + Mrkdwn.inline(i.api().label(), 300) + " (" + i.api().type() + ")",
                "*Stage*\n" + Mrkdwn.inline(i.stage(), 300) + (i.scope().allStages() ? " (alarm covers every stage)" : ""),
                "*5xx rate*\n" + Timeline.rate(f.errorRatePercent(), f.errors(), f.requests()),
                "*Onset*\n" + (f.onset() == null ? "not found" : Timeline.time(f.onset())),
                "*Region*\n" + Mrkdwn.inline(i.region(), 100) + (i.account() == null ? "" : " · " + Mrkdwn.inline(i.account(), 40)),
                "*Pattern*\n" + f.pattern());
        f2.stream().limit(MAX_FIELDS).forEach(t -> fields.addObject().put("type", "mrkdwn").put("text", Mrkdwn.cut(t, MAX_FIELD_TEXT)));
        return s;
    }

    private String alternative(int rank, Cause c, Findings f) {
        StringBuilder b = new StringBuilder();
        b.append('*').append(rank).append(". ").append(Mrkdwn.inline(c.title(), 200)).append("* — ").append(c.confidence());
        if (!blank(c.why())) {
            b.append('\n').append(Mrkdwn.inline(c.why(), 600));
        }
        String head = b.toString();
        String ev = c.evidence().isEmpty() ? "" : Mrkdwn.lines("", evidenceLines(c, f), "• ", 1200, 300);
        String cmds = c.nextCommands().isEmpty() ? "" : Mrkdwn.code("", c.nextCommands(), 1000, 300);
        return Mrkdwn.cut(head + ev + (cmds.isEmpty() ? "" : "\n" + cmds.strip()), MAX_SECTION_TEXT);
    }

    private static List<String> evidenceLines(Cause c, Findings f) {
        return c.evidence().stream().map((EvidenceItem e) -> MarkdownReport.evidenceLine(e, f)).toList();
    }

    private Optional<ObjectNode> links(List<ConsoleLinks.Link> links) {
        List<String> parts = new ArrayList<>();
        for (ConsoleLinks.Link l : links) {
            parts.add("<" + l.url() + "|" + l.label() + ">");
        }
        if (parts.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(":mag: ");
        int shown = 0;
        for (String p : parts) {
            if (b.length() + p.length() + 3 > MAX_SECTION_TEXT - 20) {
                break; // a link cut in half is a broken link: drop it whole
            }
            b.append(shown == 0 ? "" : " · ").append(p);
            shown++;
        }
        if (shown < parts.size()) {
            b.append(" ").append(Mrkdwn.moreLine(parts.size() - shown));
        }
        return Optional.of(section(b.toString()));
    }

    private ObjectNode header(String text) {
        ObjectNode h = json.createObjectNode().put("type", "header");
        h.putObject("text").put("type", "plain_text").put("text", Mrkdwn.inline(text, MAX_HEADER)).put("emoji", true);
        return h;
    }

    private ObjectNode section(String mrkdwn) {
        ObjectNode s = json.createObjectNode().put("type", "section");
        s.putObject("text").put("type", "mrkdwn").put("text", Mrkdwn.cut(mrkdwn, MAX_SECTION_TEXT));
        return s;
    }

    private ObjectNode divider() {
        return json.createObjectNode().put("type", "divider");
    }

    private ObjectNode context(List<String> mrkdwnElements) {
        ObjectNode c = json.createObjectNode().put("type", "context");
        ArrayNode els = c.putArray("elements");
        mrkdwnElements.stream().limit(MAX_CONTEXT_ELEMENTS)
                .forEach(t -> els.addObject().put("type", "mrkdwn").put("text", Mrkdwn.cut(t, MAX_FIELD_TEXT)));
        return c;
    }

    private static List<String> orNone(List<String> lines) {
        return lines.isEmpty() ? List.of("none") : lines;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String emoji(Severity s) {
        return switch (s) {
            case CRITICAL -> ":rotating_light:";
            case HIGH -> ":red_circle:";
            case ELEVATED -> ":large_orange_circle:";
            case LOW -> ":large_yellow_circle:";
            case UNKNOWN -> ":grey_question:";
        };
    }

    static String color(Severity s) {
        return switch (s) {
            case CRITICAL -> "#D00000";
            case HIGH -> "#E8590C";
            case ELEVATED -> "#F2C744";
            case LOW -> "#439FE0";
            case UNKNOWN -> "#9E9E9E";
        };
    }
}
