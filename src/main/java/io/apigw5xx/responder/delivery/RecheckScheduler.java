package io.apigw5xx.responder.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apigw5xx.responder.AwsJsonCall;
import io.apigw5xx.responder.incident.Incident;
import io.apigw5xx.responder.trigger.RecheckEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Sends the re-check of an alarm transition to the re-check queue with DelaySeconds, so SQS hands it to the
 * function once CloudTrail has had its 15 minutes. Chosen over an EventBridge Scheduler one-time schedule:
 * one {@code sqs:SendMessage} permission instead of CreateSchedule + DeleteSchedule + iam:PassRole and a
 * second role, nothing left behind to delete, and it can be tested for real (moto honours DelaySeconds;
 * its schedules never fire). SQS's 900-second cap fits: the function runs at alarm time, at most minutes
 * after the onset, and onset + 15 minutes is then less than 15 minutes away.
 */
public final class RecheckScheduler {

    /** SQS's maximum per-message delay. */
    static final Duration MAX_DELAY = Duration.ofSeconds(900);

    private final AwsJsonCall sqs;
    private final String queueUrl;
    private final ObjectMapper json;
    private final Clock clock;

    /**
     * {@code sqs}: an AWS JSON 1.0 call to the queue's regional SQS endpoint (SendMessage is the one SQS call the
     * responder makes; the SQS SDK module would cost 0.7 MB of jar for it).
     */
    public RecheckScheduler(AwsJsonCall sqs, String queueUrl, ObjectMapper json, Clock clock) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the re-check due at {@code due}; returns the SQS MessageId. SDK errors propagate. */
    public String schedule(Incident incident, Instant due) {
        int delay = (int) delaySeconds(clock.instant(), due);
        JsonNode answer = sqs.call("AmazonSQS.SendMessage", AwsJsonCall.body().put("QueueUrl", queueUrl)
                .put("MessageBody", RecheckEvent.write(json, incident, due)).put("DelaySeconds", delay));
        String id = answer.path("MessageId").asText("");
        if (id.isEmpty()) {
            throw SdkClientException.create("SQS SendMessage to " + queueUrl + " answered without a MessageId");
        }
        return id;
    }

    /** Seconds from now until due, within SQS's 0–900. */
    static long delaySeconds(Instant now, Instant due) {
        long s = Duration.between(now, due).toSeconds();
        return Math.max(0, Math.min(MAX_DELAY.toSeconds(), s));
    }
}
