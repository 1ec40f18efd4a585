package io.apigw5xx.responder.trigger;

import static io.apigw5xx.responder.trigger.TriggerEvents.refusal;
import static io.apigw5xx.responder.trigger.TriggerEvents.snsWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TriggerParserTest {

    private final TriggerParser parser = new TriggerParser("us-east-1");

    static String[] sampleFiles() {
        return TriggerEvents.FILES;
    }

    @ParameterizedTest
    @MethodSource("sampleFiles")
    void parse_sampleEvent_bytesAndStringGiveTheSameOutcome(String file) {
        String text = TriggerEvents.text(file);

        TriggerOutcome fromBytes = parser.parse(text.getBytes(StandardCharsets.UTF_8));

        assertThat(fromBytes).isEqualTo(parser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0085", "\u009b{", "{\"a\":\u2028}", "\u0000", "x\u0085y"})
    void parse_controlOrLineBreakCharactersInBadJson_reasonStaysOneLine(String event) {
        TriggerOutcome outcome = parser.parse(event.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(outcome).isInstanceOf(TriggerOutcome.Refused.class);
        String reason = ((TriggerOutcome.Refused) outcome).reason();
        assertThat(reason.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                .as("one line: %s", reason).isTrue();
    }

    @Test
    void parse_eachSampleEvent_givesItsExpectedOutcome() {
        Map<String, Class<? extends TriggerOutcome>> expected = Map.of(
                "sns-alarm-rest.json", TriggerOutcome.Investigate.class,
                "sns-alarm-http-api.json", TriggerOutcome.Investigate.class,
                "eventbridge-alarm.json", TriggerOutcome.Investigate.class,
                "alarm-action.json", TriggerOutcome.Investigate.class,
                "manual-rerun.json", TriggerOutcome.Investigate.class,
                "sns-ok.json", TriggerOutcome.Resolved.class);

        expected.forEach((file, outcome) ->
                assertThat(parser.parse(TriggerEvents.text(file))).as(file).isInstanceOf(outcome));
    }

    @Test
    void parse_null_refusedAsEmpty() {
        assertThat(refusal(parser.parse((byte[]) null))).isEqualTo("event is empty");
        assertThat(refusal(parser.parse((String) null))).isEqualTo("event is empty");
    }

    @Test
    void parse_whitespaceOnly_refusedAsEmpty() {
        assertThat(refusal(parser.parse("  \n "))).contains("event is empty");
    }

    @Test
    void parse_malformedJson_refusedAsNotValidJsonWithPosition() {
        assertThat(refusal(parser.parse("{\"Records\": [")))
                .startsWith("event is not valid JSON").contains("line 1");
    }

    @Test
    void parse_trailingGarbageAfterAValidEvent_refused() {
        assertThat(refusal(parser.parse(TriggerEvents.text("manual-rerun.json") + " {}")))
                .startsWith("event is not valid JSON: more content after the first JSON value");
    }

    @Test
    void parse_duplicateKeys_refused() {
        assertThat(refusal(parser.parse("{\"apiName\": \"a\", \"apiName\": \"b\", \"stage\": \"prod\"}")))
                .contains("Duplicate field 'apiName'");
    }

    @Test
    void parse_binaryBytes_refused() {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0x80, 0x7f};

        assertThat(refusal(parser.parse(binary))).startsWith("event is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "\"ALARM\"", "true", "null"})
    void parse_jsonThatIsNotAnObject_refused(String json) {
        assertThat(refusal(parser.parse(json))).contains("expected a JSON object");
    }

    @Test
    void parse_unknownShape_refusedNamingItsFields() {
        assertThat(refusal(parser.parse("{\"hello\": \"world\", \"count\": 3}")))
                .contains("unrecognised event", "'hello'", "'count'");
    }

    @Test
    void parse_eventOverTheSizeLimit_refusedWithoutParsing() {
        byte[] huge = new byte[TriggerParser.MAX_EVENT_BYTES + 1];

        assertThat(refusal(parser.parse(huge))).contains("more than the 1048576-byte limit");
    }

    @Test
    void parse_deepNesting_refused() {
        String deep = "{\"apiName\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertThat(refusal(parser.parse(deep)))
                .startsWith("event is not valid JSON: Document nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    @Test
    void parse_hugeValueInAField_reasonQuotesOnlyAShortPiece() {
        String metric = "X".repeat(100_000);
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger")).put("MetricName", metric));

        String reason = refusal(parser.parse(event));

        assertThat(reason).contains("(100000 chars)").doesNotContain("X".repeat(61));
        assertThat(reason.length()).isLessThan(300);
    }

    @Test
    void parse_controlCharactersInAValue_reasonStaysOneLine() {
        String event = snsWith("sns-alarm-rest.json", m -> ((ObjectNode) m.get("Trigger")).put("MetricName", "Lat\nency\r\u0000"));

        assertThat(refusal(parser.parse(event))).contains("'Lat?ency??'");
    }
}
