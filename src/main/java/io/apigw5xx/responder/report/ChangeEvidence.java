package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The change evidence in findings: timed items that name who made them or a CloudTrail event. Log lines and
 * metric readings carry neither. The graph marks these; the re-check compares them.
 */
public final class ChangeEvidence {

    private static final Pattern EVENT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ChangeEvidence() {}

    public static boolean isChange(EvidenceItem e) {
        return e.time() != null && (e.actor() != null && !e.actor().isBlank()
                || e.reference() != null && EVENT_ID.matcher(e.reference()).matches());
    }

    /** Every change across the causes, once each (the same change often supports two causes), in time order. */
    public static List<EvidenceItem> of(Findings f) {
        Map<String, EvidenceItem> unique = new LinkedHashMap<>();
        f.causes().stream().flatMap(c -> c.evidence().stream()).filter(ChangeEvidence::isChange)
                .forEach(e -> unique.putIfAbsent(key(e), e));
        return unique.values().stream().sorted(java.util.Comparator.comparing(EvidenceItem::time)).toList();
    }

    /** Two reads of the same change agree on when, on what, and on the CloudTrail event when both have one. */
    static String key(EvidenceItem e) {
        return e.time() + "|" + (e.resource() == null ? "" : e.resource()) + "|"
                + (e.reference() != null && EVENT_ID.matcher(e.reference()).matches() ? e.reference() : "");
    }
}
