package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.incident.Incident;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Findings as an SNS message for the findings topic: e-mail subscribers read the subject and the plain-text
 * report; programs filter on the attributes and parse {@code findings}. Stays under 256 KB in total by
 * trimming evidence (with a note) rather than failing to publish.
 */
public final class SnsReport {

    /** Room kept for the subject and the small attributes. */
    private static final int HEADROOM = 4_096;

    private final FindingsJson findingsJson;
    private final MarkdownReport markdown = new MarkdownReport();

    public SnsReport(FindingsJson findingsJson) {
        this.findingsJson = findingsJson;
    }

    public SnsMessage render(Findings raw, History history) {
        Findings f = Redactor.redact(raw);
        Incident i = f.incident();
        Cause top = f.topCause();
        String subject = subject(f.severity() + " 5xx " + i.apiStageLabel()
                + (top == null ? "" : ": " + top.title() + " (" + top.confidence() + ")"));
        Map<String, String> attrs = baseAttributes(i, "FINDINGS");
        attrs.put("severity", f.severity().name());
        attrs.put("topCause", top == null ? "UNKNOWN" : top.kind().name());
        attrs.put("confidence", top == null ? "LOW" : top.confidence().name());

        // Body and attribute share the budget: try the full findings, then ever smaller trimmed copies.
        int budget = SnsMessage.MAX_BYTES - HEADROOM;
        for (int share : new int[] {budget / 2, budget / 4, budget / 8}) {
            Optional<FindingsJson.Fitted> fitted = findingsJson.fit(f, share);
            if (fitted.isEmpty()) {
                continue;
            }
            String body = markdown.render(fitted.get().findings(), history);
            Map<String, String> withJson = new LinkedHashMap<>(attrs);
            withJson.put("findings", fitted.get().json());
            SnsMessage m = new SnsMessage(subject, body, withJson);
            if (m.sizeBytes() <= SnsMessage.MAX_BYTES) {
                return m;
            }
        }
        // Nothing fitted: send the report text cut to size, without the JSON attribute.
        String note = "\n\n[Report cut to fit the 256 KB SNS limit; the findings JSON attribute was left out.]\n";
        String body = cutBytes(markdown.render(f, history), budget - note.length()) + note;
        return new SnsMessage(subject, body, attrs);
    }

    public SnsMessage renderResolved(Incident ok, Optional<PastIncident> original) {
        Map<String, String> attrs = baseAttributes(ok, "RESOLVED");
        attrs.put("severity", "RESOLVED");
        original.ifPresent(p -> {
            attrs.put("originalAt", p.at().toString());
            if (p.topCause() != null && !p.topCause().isBlank()) {
                attrs.put("originalTopCause", p.topCause());
            }
        });
        return new SnsMessage(subject("RESOLVED 5xx " + ok.apiStageLabel()), markdown.renderResolved(ok, original), attrs);
    }

    private static Map<String, String> baseAttributes(Incident i, String kind) {
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("kind", kind);
        attrs.put("api", nonEmpty(i.api().label()));
        attrs.put("apiId", i.api().id() == null || i.api().id().isBlank() ? "unresolved" : i.api().id());
        attrs.put("stage", nonEmpty(i.stage()));
        attrs.put("region", nonEmpty(i.region()));
        return attrs;
    }

    /** ASCII only, no control characters, at most 99 characters, starting with a letter or digit. */
    public static String subject(String raw) {
        StringBuilder b = new StringBuilder();
        for (char c : raw.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                b.append(' ');
            } else if (c > 0x7e) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            s = ("5xx " + s).strip();
        }
        return s.length() <= SnsMessage.MAX_SUBJECT ? s : s.substring(0, SnsMessage.MAX_SUBJECT - 3) + "...";
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? "unknown" : s;
    }

    private static String cutBytes(String s, int maxBytes) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        // Back off to a character boundary so the cut leaves valid UTF-8.
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }
}
