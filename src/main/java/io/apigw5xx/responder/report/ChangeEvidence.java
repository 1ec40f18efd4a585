package io.apigw5xx.responder.report;

import io.apigw5xx.responder.analysis.EvidenceItem;
import io.apigw5xx.responder.analysis.Findings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The change evidence in findings: the items the analysis made from a change, which say where it was read
 * ({@link EvidenceItem#origin()}). Log lines and metric readings have none. The graph marks these; the re-check
 * compares them.
 */
public final class ChangeEvidence {

    private static final Pattern EVENT_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ChangeEvidence() {}

    /**
     * How change items were marked before they carried {@link EvidenceItem#origin()}: findings stored by an earlier
     * version (the ledger keeps them 30 days) are still read by the re-check.
     */
    static final List<String> SOURCE_MARKS = List.of("(source: CloudTrail", "(source: the resource's own timestamp");
    /** A resource's own timestamp and CloudTrail's eventTime for the same change differ by seconds, not minutes. */
    static final java.time.Duration SAME_CHANGE = java.time.Duration.ofSeconds(60);

    public static boolean isChange(EvidenceItem e) {
        if (e.time() == null) {
            return false;
        }
        if (e.origin() != null) {
            return true;
        }
        // Findings stored without the field: a named actor, a CloudTrail event id, or the origin in words.
        return (e.actor() != null && !e.actor().isBlank()
                || e.reference() != null && EVENT_ID.matcher(e.reference()).matches()
                || e.summary() != null && SOURCE_MARKS.stream().anyMatch(e.summary()::contains));
    }

    /** Two reads of the same change: the same resource, within a minute (a timestamp read, then its CloudTrail record). */
    static boolean sameChange(EvidenceItem a, EvidenceItem b) {
        return java.util.Objects.equals(a.resource(), b.resource())
                && java.time.Duration.between(a.time(), b.time()).abs().compareTo(SAME_CHANGE) <= 0;
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
