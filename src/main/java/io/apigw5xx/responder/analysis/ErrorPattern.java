package io.apigw5xx.responder.analysis;

/** How the errors behaved over the last 15 minutes. */
public enum ErrorPattern {
    /** Every minute fails at a similar rate: usually configuration. */
    CONSTANT,
    /** Some minutes fail, some do not: usually a downstream dependency. */
    INTERMITTENT,
    /** The rate keeps rising: saturation, a slow backend, a leak. */
    GRADUAL,
    /** Too little data to tell. */
    UNKNOWN
}
