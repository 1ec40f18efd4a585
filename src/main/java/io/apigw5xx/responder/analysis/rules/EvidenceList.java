package io.apigw5xx.responder.analysis.rules;

import io.apigw5xx.responder.analysis.AnalysisContext;
import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.TypedChange;
import io.apigw5xx.responder.evidence.LogEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects the evidence items of one cause, keeping log samples short (a few lines make the point). */
final class EvidenceList {

    static final int LOG_SAMPLES = 2;

    private final AnalysisContext context;
    private final List<EvidenceItem> items = new ArrayList<>();

    EvidenceList(AnalysisContext context) {
        this.context = context;
    }

    EvidenceList changes(List<TypedChange> changes) {
        changes.stream().sorted(java.util.Comparator.comparing(TypedChange::time)).forEach(c -> items.add(context.changeItem(c)));
        return this;
    }

    EvidenceList logs(List<LogEvent> lines, String countLabel) {
        if (lines.isEmpty()) {
            return this;
        }
        // The count first: it carries the first line's time, so the samples that follow stay in time order.
        if (lines.size() > LOG_SAMPLES && countLabel != null) {
            LogEvent first = lines.getFirst();
            items.add(new EvidenceItem(first.timestamp(), lines.size() + " " + countLabel + " since "
                    + AnalysisContext.hhmm(first.timestamp()), null, null, first.logGroup()));
        }
        lines.stream().limit(LOG_SAMPLES).forEach(l -> items.add(context.logItem(l)));
        return this;
    }

    EvidenceList metric(Instant time, String summary, String resource, String reference) {
        items.add(context.metricItem(time, summary, resource, reference));
        return this;
    }

    EvidenceList fact(String summary, String resource, String reference) {
        items.add(new EvidenceItem(null, summary, null, resource, reference));
        return this;
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    /** A timeline: timed items by time (stable, so a count stays ahead of its samples), undated facts last. */
    List<EvidenceItem> build() {
        return items.stream()
                .sorted(java.util.Comparator.comparing(EvidenceItem::time, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .toList();
    }
}
