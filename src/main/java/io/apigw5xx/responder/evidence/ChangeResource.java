package io.apigw5xx.responder.evidence;

/** A resource a CloudTrail LookupEvents summary names (ResourceType, ResourceName). */
public record ChangeResource(String resourceType, String resourceName) {}
