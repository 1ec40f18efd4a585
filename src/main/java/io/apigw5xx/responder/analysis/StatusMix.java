package io.apigw5xx.responder.analysis;

import java.util.Map;
import java.util.TreeMap;

/**
 * How the 5xx responses split by status code (500/502/503/504).
 *
 * @param inferred true when no access or execution logs gave real counts and the mix was inferred from
 *                 metrics (IntegrationLatency at the timeout → 504, Lambda Errors → 502 ...)
 */
public record StatusMix(Map<Integer, Long> counts, boolean inferred) {

    public StatusMix {
        counts = counts == null ? Map.of() : Map.copyOf(new TreeMap<>(counts));
    }

    public static StatusMix unknown() {
        return new StatusMix(Map.of(), true);
    }
}
