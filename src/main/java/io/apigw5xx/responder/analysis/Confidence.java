package io.apigw5xx.responder.analysis;

public enum Confidence {
    HIGH,
    MEDIUM,
    LOW
}
