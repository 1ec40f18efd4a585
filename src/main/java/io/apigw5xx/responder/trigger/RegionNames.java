package io.apigw5xx.responder.trigger;

import java.util.Locale;
import java.util.Map;

/**
 * The region code for the display name an SNS alarm notification carries in {@code Region}. Last resort only (an
 * old notification without AlarmArn, delivered raw so no topic ARN either): the names are not the SDK's
 * descriptions ("EU (Ireland)" in notifications, "Europe (Ireland)" in the SDK; "US - N. Virginia" in 2013-2015
 * notifications), so both spellings are listed and matching ignores case, spaces and punctuation.
 */
final class RegionNames {

    private static final Map<String, String> CODES = Map.ofEntries(
            entry("US East (N. Virginia)", "us-east-1"), entry("US - N. Virginia", "us-east-1"),
            entry("US East (Ohio)", "us-east-2"),
            entry("US West (N. California)", "us-west-1"), entry("US - N. California", "us-west-1"),
            entry("US West (Oregon)", "us-west-2"), entry("US - Oregon", "us-west-2"),
            entry("Africa (Cape Town)", "af-south-1"),
            entry("Asia Pacific (Hong Kong)", "ap-east-1"), entry("Asia Pacific (Mumbai)", "ap-south-1"),
            entry("Asia Pacific (Hyderabad)", "ap-south-2"), entry("Asia Pacific (Tokyo)", "ap-northeast-1"),
            entry("Asia Pacific (Seoul)", "ap-northeast-2"), entry("Asia Pacific (Osaka)", "ap-northeast-3"),
            entry("Asia Pacific (Singapore)", "ap-southeast-1"), entry("Asia Pacific (Sydney)", "ap-southeast-2"),
            entry("Asia Pacific (Jakarta)", "ap-southeast-3"), entry("Asia Pacific (Melbourne)", "ap-southeast-4"),
            entry("Canada (Central)", "ca-central-1"), entry("Canada West (Calgary)", "ca-west-1"),
            entry("EU (Frankfurt)", "eu-central-1"), entry("Europe (Frankfurt)", "eu-central-1"),
            entry("EU (Zurich)", "eu-central-2"), entry("Europe (Zurich)", "eu-central-2"),
            entry("EU (Ireland)", "eu-west-1"), entry("Europe (Ireland)", "eu-west-1"),
            entry("EU (London)", "eu-west-2"), entry("Europe (London)", "eu-west-2"),
            entry("EU (Paris)", "eu-west-3"), entry("Europe (Paris)", "eu-west-3"),
            entry("EU (Milan)", "eu-south-1"), entry("Europe (Milan)", "eu-south-1"),
            entry("EU (Spain)", "eu-south-2"), entry("Europe (Spain)", "eu-south-2"),
            entry("EU (Stockholm)", "eu-north-1"), entry("Europe (Stockholm)", "eu-north-1"),
            entry("Israel (Tel Aviv)", "il-central-1"), entry("Middle East (Bahrain)", "me-south-1"),
            entry("Middle East (UAE)", "me-central-1"), entry("South America (Sao Paulo)", "sa-east-1"),
            entry("South America (São Paulo)", "sa-east-1"),
            entry("AWS GovCloud (US-West)", "us-gov-west-1"), entry("AWS GovCloud (US-East)", "us-gov-east-1"),
            entry("China (Beijing)", "cn-north-1"), entry("China (Ningxia)", "cn-northwest-1"));

    private RegionNames() {}

    /** The code for a display name, or null when the name is not known. */
    static String code(String displayName) {
        return displayName == null ? null : CODES.get(key(displayName));
    }

    private static Map.Entry<String, String> entry(String name, String code) {
        return Map.entry(key(name), code);
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{Nd}]", "");
    }
}
