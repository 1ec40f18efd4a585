package io.apigw5xx.responder.evidence;

import java.time.Instant;

/** A log line verbatim, with where it came from. */
public record LogEvent(String logGroup, String logStream, Instant timestamp, String message) {}
