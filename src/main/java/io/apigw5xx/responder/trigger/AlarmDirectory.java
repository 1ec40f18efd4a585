package io.apigw5xx.responder.trigger;

import java.util.List;

/**
 * Reads alarm definitions (CloudWatch DescribeAlarms): how a composite alarm's triggering child is turned into
 * the API Gateway metric it watches. The adapter lives with the other AWS adapters.
 */
public interface AlarmDirectory {

    /** The region whose alarms this directory reads. */
    String region();

    /**
     * The metric and composite alarms with these names (at most 100, one call); names not found are left out.
     *
     * @throws Unavailable when the alarms cannot be read (access denied, throttled, timeout)
     */
    List<AlarmDefinition> describe(List<String> alarmNames);

    /** Used when no CloudWatch client is wired (laptop replay, tests): composite alarms are refused with the reason. */
    AlarmDirectory NONE = new AlarmDirectory() {
        @Override
        public String region() {
            return null;
        }

        @Override
        public List<AlarmDefinition> describe(List<String> alarmNames) {
            throw new Unavailable("no CloudWatch client to call DescribeAlarms with");
        }
    };

    /** Why the alarms could not be read, in one line. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }
}
