package io.apigw5xx.responder.delivery;

import java.time.Instant;
import java.util.List;

/**
 * The answer to "may this alarm transition be reported?", asked before investigating so that a duplicate
 * SNS delivery or a Lambda retry costs one conditional write, not a second investigation.
 *
 * @param outcomes  what admission itself produced (e.g. a FAILED ledger outcome when the claim could not be
 *                  written and the report goes out without dedupe)
 * @param deliverBy the latest the report may still go out; null: the channels' own budget from now
 */
public record Admission(Kind kind, List<DeliveryOutcome> outcomes, Instant deliverBy) {

    public enum Kind {
        /** This invocation owns the transition (or the re-run with an investigation id) and must report it. */
        FIRST,
        /** Someone already reported (or is reporting) it: post nothing. */
        DUPLICATE,
        /** Not tracked: a manual run without an investigation id, no ledger configured, or the ledger failed. */
        UNTRACKED,
        /** This invocation owns the re-check of a transition already reported (the ledger's follow-up state). */
        FOLLOW_UP,
        /** Nothing to post and nothing to investigate: the re-check of an alarm that is back to OK. */
        SETTLED
    }

    public Admission {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public Admission(Kind kind, List<DeliveryOutcome> outcomes) {
        this(kind, outcomes, null);
    }

    public static Admission untracked() {
        return new Admission(Kind.UNTRACKED, List.of(), null);
    }

    public boolean duplicate() {
        return kind == Kind.DUPLICATE;
    }

    /** Investigate nothing and post nothing: a duplicate, or a follow-up that is no longer needed. */
    public boolean postsNothing() {
        return kind == Kind.DUPLICATE || kind == Kind.SETTLED;
    }
}
