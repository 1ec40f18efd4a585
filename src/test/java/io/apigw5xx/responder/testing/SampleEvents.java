package io.apigw5xx.responder.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The sample events of events/, moved in time so that they point at an incident a test has just seeded. */
public final class SampleEvents {

    /** The state-change time written in events/sns-alarm-rest.json, in the alarm notification's own format. */
    private static final String SNS_ALARM_REST_TIME = "2026-03-14T09:42:17.481+0000";
    private static final DateTimeFormatter ALARM_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private SampleEvents() {
    }

    /** A file of events/ as text (the build runs tests in the project directory). */
    public static String text(String file) {
        try {
            return Files.readString(Path.of(System.getProperty("project.basedir", ".")).resolve("events").resolve(file),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** events/sns-alarm-rest.json (under {@code projectDir}) with its state-change time set to {@code at}. */
    public static byte[] snsAlarmRestAt(Path projectDir, Instant at) throws IOException {
        return at(projectDir, "sns-alarm-rest.json", at);
    }

    /** events/{@code file}, an SNS alarm sample of the same story, with its state-change time set to {@code at}. */
    public static byte[] at(Path projectDir, String file, Instant at) throws IOException {
        String event = Files.readString(projectDir.resolve("events").resolve(file), StandardCharsets.UTF_8);
        if (!event.contains(SNS_ALARM_REST_TIME)) {
            throw new IllegalStateException("events/" + file + " no longer carries " + SNS_ALARM_REST_TIME);
        }
        return event.replace(SNS_ALARM_REST_TIME, ALARM_TIME.format(at)).getBytes(StandardCharsets.UTF_8);
    }
}
