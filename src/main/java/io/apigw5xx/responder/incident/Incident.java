package io.apigw5xx.responder.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * What an investigation is about: which API and stage, in which account and region, around which time.
 *
 * @param account AWS account id, null when the trigger did not say (manual runs)
 * @param alarm   the alarm that fired; null for manual and CLI runs
 * @param at      the moment of interest: the alarm's state-change time, or the time a person asked about
 * @param window  the time range evidence is read from
 */
public record Incident(
        TriggerSource source,
        String account,
        String region,
        ApiRef api,
        String stage,
        Alarm alarm,
        Instant at,
        TimeWindow window) {

    public Incident {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
    }

    public Incident withApi(ApiRef resolved) {
        return new Incident(source, account, region, resolved, stage, alarm, at, window);
    }

    /** "orders-api/prod": how reports name the failing stage. */
    public String apiStageLabel() {
        return api.label() + "/" + stage;
    }
}
