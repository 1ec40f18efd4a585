package io.apigw5xx.responder.evidence;

/** An API authorizer; {@code lambdaFunction} is set for Lambda (TOKEN/REQUEST) authorizers. */
public record Authorizer(String id, String name, String type, String uri, String lambdaFunction) {}
