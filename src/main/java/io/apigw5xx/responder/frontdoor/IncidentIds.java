package io.apigw5xx.responder.frontdoor;

import io.apigw5xx.responder.delivery.LedgerKeys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The ids {@code GET /incidents/{id}} takes: a ledger item's key, {@code pk} and {@code sk}, base64url-encoded,
 * so an id is stable and needs no index. A re-run started here gets its id before the responder writes its item,
 * because both sides derive the key from the investigation id and the moment asked about ({@link LedgerKeys}).
 */
public final class IncidentIds {

    /** A ledger item's key. */
    public record Key(String pk, String sk) {}

    private IncidentIds() {}

    public static String of(String pk, String sk) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((pk + "\n" + sk).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the item the responder keeps for the re-run with this investigation id about {@code at}. */
    public static String ofInvestigation(String investigationId, Instant at) {
        return of(LedgerKeys.investigationPk(investigationId), LedgerKeys.runSk(at));
    }

    /** Throws {@link BadRequestException} when {@code id} is not one of these ids. */
    public static Key key(String id) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
            int nl = raw.indexOf('\n');
            if (nl > 0 && nl < raw.length() - 1) {
                return new Key(raw.substring(0, nl), raw.substring(nl + 1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new BadRequestException("not an incident id (use the id from GET /incidents or POST /investigations)");
    }
}
