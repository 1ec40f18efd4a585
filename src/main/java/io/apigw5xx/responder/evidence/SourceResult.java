package io.apigw5xx.responder.evidence;

import java.util.List;

/**
 * What one evidence source returned: its data, plus gaps for the parts it could not read (a missing log
 * group, a page limit reached, CloudTrail's delivery delay) while the rest still arrived.
 */
public record SourceResult<T>(T value, List<Gap> gaps) {

    public SourceResult {
        gaps = gaps == null ? List.of() : List.copyOf(gaps);
    }

    public static <T> SourceResult<T> of(T value) {
        return new SourceResult<>(value, List.of());
    }
}
