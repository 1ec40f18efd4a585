package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.Cause;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import io.apigw5xx.responder.analysis.StatusMix;
import io.apigw5xx.responder.evidence.Gap;
import io.apigw5xx.responder.incident.Alarm;
import io.apigw5xx.responder.incident.Incident;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The terminal / Markdown report: everything in the findings, nothing truncated (the CLI prints it and the
 * SNS e-mail body is this text). Free text is redacted first.
 */
public final class MarkdownReport {

    public String render(Findings findings) {
        return render(findings, History.none());
    }

    public String render(Findings raw, History history) {
        Findings f = Redactor.redact(raw);
        Incident i = f.incident();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(f.severity()).append(": 5xx on ").append(i.apiStageLabel()).append("\n\n");
        md.append(apiLine(i)).append('\n');
        String scope = i.scope().summary();
        if (scope != null) {
            md.append("Scope: ").append(scope).append('\n');
        }
        Alarm a = i.alarm();
        if (a != null) {
            md.append("Alarm `").append(a.name()).append("` ").append(a.state()).append(" at ")
                    .append(Timeline.time(a.stateChangeTime())).append(a.reason() == null ? "" : ": " + a.reason())
                    .append('\n');
            if (a.expression() != null) {
                md.append("Alarm reads: ").append(a.readingLabel()).append('\n');
            }
        } else {
            md.append("Manual investigation at ").append(Timeline.time(i.at())).append(" (no alarm)\n");
        }
        md.append("5xx rate: ").append(Timeline.rate(f.errorRatePercent(), f.errors(), f.requests()))
                .append(" · onset ").append(f.onset() == null ? "not found" : Timeline.time(f.onset()))
                .append(" · pattern ").append(f.pattern()).append('\n');
        history.line().ifPresent(l -> md.append(l).append('\n'));

        md.append("\n## Likely causes\n");
        int rank = 1;
        for (Cause c : f.causes()) {
            md.append("\n### ").append(rank++).append(". ").append(c.title()).append(" — ").append(c.confidence())
                    .append(" confidence\n");
            if (c.why() != null && !c.why().isBlank()) {
                md.append("Why: ").append(c.why()).append('\n');
            }
            if (!c.evidence().isEmpty()) {
                md.append("\nEvidence:\n");
                for (EvidenceItem e : c.evidence()) {
                    md.append("- ").append(evidenceLine(e, f)).append('\n');
                }
            }
            if (!c.nextCommands().isEmpty()) {
                md.append("\nNext:\n```sh\n");
                c.nextCommands().forEach(cmd -> md.append(cmd).append('\n'));
                md.append("```\n");
            }
        }

        md.append("\n## Status mix").append(f.statusMix().inferred() ? " (inferred)" : "").append('\n')
                .append(statusMix(f.statusMix())).append('\n');
        md.append("\n## Pattern\n").append(f.pattern()).append(" — ").append(patternMeaning(f)).append('\n');
        section(md, "Checked clean", f.checkedClean());
        section(md, "Could not check", f.gaps().stream().map(MarkdownReport::gapLine).toList());
        section(md, "Notes", f.notes());
        md.append("\n## AWS calls\n").append(awsCalls(f)).append('\n');
        md.append("\nGenerated ").append(Timeline.dateTime(f.generatedAt())).append(" by apigw-5xx-responder\n");
        return md.toString();
    }

    /** The short follow-up when the alarm returns to OK, referring to the investigation it closes. */
    public String renderResolved(Incident ok, Optional<PastIncident> original) {
        StringBuilder md = new StringBuilder();
        md.append("# RESOLVED: 5xx on ").append(ok.apiStageLabel()).append("\n\n");
        String alarm = ok.alarm() == null ? "The alarm" : "Alarm `" + Redactor.redact(ok.alarm().name()) + "`";
        md.append(alarm).append(" returned to OK at ").append(Timeline.time(ok.at())).append(".\n");
        md.append(resolvedReference(ok, original)).append('\n');
        return md.toString();
    }

    static String resolvedReference(Incident ok, Optional<PastIncident> original) {
        if (original.isEmpty()) {
            return "No earlier investigation of this alarm is on record.";
        }
        PastIncident p = original.get();
        String lasted = p.at() == null ? "" : " (" + Timeline.duration(Duration.between(p.at(), ok.at())) + " earlier)";
        String cause = p.topCause() == null ? "unknown" : p.topCause() + (p.confidence() == null ? "" : " (" + p.confidence() + ")");
        return "Original investigation: " + Timeline.dateTime(p.at()) + lasted + ", " + p.severity() + ", 5xx rate "
                + (Double.isNaN(p.errorRatePercent()) ? "unknown" : String.format(Locale.ROOT, "%.1f%%", p.errorRatePercent()))
                + "; top cause: " + cause + (p.why() == null || p.why().isBlank() ? "" : " — " + Redactor.redact(p.why()));
    }

    static String apiLine(Incident i) {
        StringBuilder b = new StringBuilder();
        b.append(i.api().type()).append(" API `").append(i.api().label()).append('`');
        if (i.api().id() != null && !i.api().id().equals(i.api().label())) {
            b.append(" (id ").append(i.api().id()).append(')');
        }
        b.append(", stage `").append(i.stage()).append("`, ").append(i.region());
        if (i.account() != null) {
            b.append(", account ").append(i.account());
        }
        return b.toString();
    }

    /** "09:37:12 UTC (T−2m) UpdateFunctionCode … · actor gha-deploy · resource orders-handler · ref …" */
    static String evidenceLine(EvidenceItem e, Findings f) {
        StringBuilder b = new StringBuilder();
        if (e.time() != null) {
            b.append(Timeline.stamped(e.time(), f.onset())).append(' ');
        }
        b.append(e.summary() == null ? "" : e.summary());
        if (e.actor() != null && !e.actor().isBlank()) {
            b.append(" · actor ").append(e.actor());
        }
        if (e.resource() != null && !e.resource().isBlank()) {
            b.append(" · resource ").append(e.resource());
        }
        if (e.reference() != null && !e.reference().isBlank()) {
            b.append(" · ref ").append(e.reference());
        }
        return b.toString();
    }

    static String gapLine(Gap g) {
        return g.source() + ": " + g.reason() + (g.detail().isBlank() ? "" : " — " + g.detail());
    }

    static String statusMix(StatusMix mix) {
        if (mix.counts().isEmpty()) {
            return "unknown";
        }
        String counts = new java.util.TreeMap<>(mix.counts()).entrySet().stream()
                .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
        if (mix.inferred()) {
            return counts;
        }
        // Log-derived counts come from a bounded sample of log lines, not from every request: say so, so
        // "502: 6" is not read against "434 of 2,442 requests".
        long sampled = mix.counts().values().stream().mapToLong(Long::longValue).sum();
        return counts + " (in " + String.format(Locale.ROOT, "%,d", sampled) + " sampled log line" + (sampled == 1 ? "" : "s") + ")";
    }

    static String patternMeaning(Findings f) {
        return switch (f.pattern()) {
            case CONSTANT -> "every minute fails at a similar rate (usually configuration)";
            case INTERMITTENT -> "some minutes fail, some do not (usually a downstream dependency)";
            case GRADUAL -> "the rate keeps rising (saturation, a slow backend, a leak)";
            case UNKNOWN -> "too little data to tell";
        };
    }

    static String awsCalls(Findings f) {
        if (f.awsCalls().isEmpty()) {
            return "none recorded";
        }
        return new java.util.TreeMap<>(f.awsCalls()).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ")) + " (total " + f.totalAwsCalls() + ")";
    }

    private static void section(StringBuilder md, String title, List<String> lines) {
        md.append("\n## ").append(title).append('\n');
        if (lines.isEmpty()) {
            md.append("none\n");
        }
        lines.forEach(l -> md.append("- ").append(l).append('\n'));
    }

}
