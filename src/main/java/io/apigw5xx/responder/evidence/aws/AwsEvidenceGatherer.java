package io.apigw5xx.responder.evidence.aws;

import io.apigw5xx.responder.evidence.Evidence;
import io.apigw5xx.responder.evidence.EvidenceGatherer;
import io.apigw5xx.responder.evidence.ParallelEvidenceGatherer;
import io.apigw5xx.responder.evidence.StageNarrowing;
import io.apigw5xx.responder.incident.Incident;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The AWS evidence gatherer: the four adapters on one {@link AwsClients}, run by
 * {@link ParallelEvidenceGatherer} under the investigation's deadline. Keep one per container (its CloudTrail
 * rate limiter must be shared by consecutive investigations).
 */
public final class AwsEvidenceGatherer implements EvidenceGatherer {

    private final ParallelEvidenceGatherer gatherer;

    public AwsEvidenceGatherer(AwsClients clients, Clock clock) {
        this.gatherer = new ParallelEvidenceGatherer(
                new TopologyAdapter(clients.apiGateway(), clients.apiGatewayV2(), clients.lambda(), clients.iamPolicies(), clock),
                new CloudWatchMetricsAdapter(clients.cloudWatch(), clock),
                new CloudTrailChangesAdapter(clients.cloudTrail(), clients.globalCloudTrail(), clients.region().id(), clock),
                new LogsAdapter(clients.logs(), clock),
                clients,
                clock);
    }

    /**
     * A gatherer on clients that are still being built ({@link AwsClients.Builder#buildInBackground}): the function
     * reports ready without waiting for them, and the first investigation waits only for what is left by the time
     * it needs evidence (its trigger is parsed and its ledger claim made first). Built once, then kept.
     */
    public static EvidenceGatherer onceBuilt(Supplier<AwsClients> clients, Clock clock) {
        return new EvidenceGatherer() {
            private volatile AwsEvidenceGatherer built;

            @Override
            public Evidence gather(Incident incident, Instant deadline) {
                return built().gather(incident, deadline);
            }

            /** An API-wide alarm is narrowed with the same adapters (and call meter) as its gathering. */
            @Override
            public StageNarrowing narrow(Incident incident, Instant deadline) {
                return incident.stageUnknown() ? built().narrow(incident, deadline) : StageNarrowing.unchanged(incident);
            }

            private AwsEvidenceGatherer built() {
                AwsEvidenceGatherer gatherer = built;
                if (gatherer == null) {
                    synchronized (this) {
                        if (built == null) {
                            built = new AwsEvidenceGatherer(clients.get(), clock);
                        }
                        gatherer = built;
                    }
                }
                return gatherer;
            }
        };
    }

    @Override
    public Evidence gather(Incident incident, Instant deadline) {
        return gatherer.gather(incident, deadline);
    }

    @Override
    public StageNarrowing narrow(Incident incident, Instant deadline) {
        return gatherer.narrow(incident, deadline);
    }
}
