package io.apigw5xx.responder.trigger;

import io.apigw5xx.responder.incident.Incident;
import java.util.Objects;

/** What an incoming event asks for. Every event maps to exactly one outcome; none throws. */
public sealed interface TriggerOutcome {

    /** An alarm went into ALARM (or a person asked): investigate. */
    record Investigate(Incident incident) implements TriggerOutcome {
        public Investigate {
            Objects.requireNonNull(incident, "incident");
        }
    }

    /** The alarm returned to OK: send a short "resolved" follow-up. */
    record Resolved(Incident incident) implements TriggerOutcome {
        public Resolved {
            Objects.requireNonNull(incident, "incident");
        }
    }

    /** A well-formed event that needs no action (INSUFFICIENT_DATA, ALARM → ALARM repeats ...). */
    record Ignored(String reason) implements TriggerOutcome {}

    /** Not something the responder understands: logged with the reason and answered, never retried. */
    record Refused(String reason) implements TriggerOutcome {}
}
