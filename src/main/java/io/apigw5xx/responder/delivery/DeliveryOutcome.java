package io.apigw5xx.responder.delivery;

/** How one channel fared with one report. */
public record DeliveryOutcome(String channel, Status status, String detail) {

    public enum Status {
        DELIVERED,
        /** The channel is not configured (no webhook, no topic). */
        SKIPPED,
        /** The same alarm transition was already reported. */
        DUPLICATE,
        FAILED
    }

    public static DeliveryOutcome delivered(String channel, String detail) {
        return new DeliveryOutcome(channel, Status.DELIVERED, detail);
    }

    public static DeliveryOutcome skipped(String channel, String detail) {
        return new DeliveryOutcome(channel, Status.SKIPPED, detail);
    }

    public static DeliveryOutcome failed(String channel, String detail) {
        return new DeliveryOutcome(channel, Status.FAILED, detail);
    }
}
