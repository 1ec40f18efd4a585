package io.apigw5xx.responder.incident;

public enum AlarmState {
    ALARM,
    OK,
    INSUFFICIENT_DATA
}
