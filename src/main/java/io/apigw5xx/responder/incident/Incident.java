package io.apigw5xx.responder.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * What an investigation is about: which API and stage, in which account and region, around which time.
 *
 * @param account AWS account id, null when the trigger did not say (manual runs)
 * @param alarm   the alarm that fired; null for manual and CLI runs
 * @param stage   the stage to investigate; {@link #ALL_STAGES} until an API-wide alarm is narrowed
 * @param at      the moment of interest: the alarm's state-change time, or the time a person asked about
 * @param window  the time range evidence is read from
 * @param scope   what the alarm covers beyond one stage (every stage, one route); {@link AlarmScope#STAGE} otherwise
 * @param slackThread the Slack thread a re-run asked from Slack answers in; null otherwise
 * @param requestedBy who asked for a manual re-run (free text, e.g. {@code slack:U0123}); null otherwise
 * @param investigationId the id (a UUID) the front door gave a manual re-run; the ledger keeps the run under it so
 *                        the caller can look it up. Null for every other run
 */
public record Incident(
        TriggerSource source,
        String account,
        String region,
        ApiRef api,
        String stage,
        Alarm alarm,
        Instant at,
        TimeWindow window,
        AlarmScope scope,
        SlackThread slackThread,
        String requestedBy,
        String investigationId) {

    /**
     * The stage of an API-wide alarm before the gatherer has picked the failing one. Not a valid stage name,
     * so no trigger can produce it by accident, and an AWS call made with it fails visibly.
     */
    public static final String ALL_STAGES = "*";

    public Incident {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(window, "window");
        scope = scope == null ? AlarmScope.STAGE : scope;
        if (ALL_STAGES.equals(stage) && !scope.allStages()) {
            throw new IllegalArgumentException("stage " + ALL_STAGES + " is only for an alarm that covers every stage");
        }
    }

    /** An incident nobody asked about from Slack: every trigger but a re-run from a thread. */
    public Incident(TriggerSource source, String account, String region, ApiRef api, String stage, Alarm alarm, Instant at,
            TimeWindow window, AlarmScope scope) {
        this(source, account, region, api, stage, alarm, at, window, scope, null, null, null);
    }

    /** An incident about one stage. */
    public Incident(TriggerSource source, String account, String region, ApiRef api, String stage, Alarm alarm, Instant at,
            TimeWindow window) {
        this(source, account, region, api, stage, alarm, at, window, AlarmScope.STAGE);
    }

    public Incident withApi(ApiRef resolved) {
        return new Incident(source, account, region, resolved, stage, alarm, at, window, scope, slackThread, requestedBy,
                investigationId);
    }

    /** An API-wide incident narrowed to the stage carrying the errors; {@code rates} are every stage's, worst first. */
    public Incident narrowedTo(String failingStage, java.util.List<StageRate> rates) {
        return new Incident(source, account, region, api, failingStage, alarm, at, window, scope.withStageRates(rates),
                slackThread, requestedBy, investigationId);
    }

    /** True while an API-wide alarm's failing stage is not known yet. */
    public boolean stageUnknown() {
        return ALL_STAGES.equals(stage);
    }

    /** "orders-api/prod": how reports name the failing stage; "orders-api (all stages)" before narrowing. */
    public String apiStageLabel() {
        return stageUnknown() ? api.label() + " (all stages)" : api.label() + "/" + stage;
    }
}
