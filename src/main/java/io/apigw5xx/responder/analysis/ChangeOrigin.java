package io.apigw5xx.responder.analysis;

/** Where the analysis saw a change: the report says it for every change it cites. */
public enum ChangeOrigin {
    CLOUDTRAIL("CloudTrail"),
    /** Only the resource's own timestamp (LastModified, lastUpdatedDate, createdDate, UpdateDate): no actor. */
    RESOURCE_TIMESTAMP("resource timestamp"),
    /** A CloudTrail record and the resource's own timestamp, merged into one change. */
    BOTH("CloudTrail + resource timestamp");

    private final String label;

    ChangeOrigin(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
