package io.shopflow.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A field of personal data in an event (a name, an email, an address). Declaring an event field of this type is what
 * makes it personal: writers must seal it, readers open it through {@code shared-events/personal-data}
 * (docs/decisions/0007-personal-data.md).
 *
 * <p>On the wire it is a JWE in compact serialization sealed with its person's data key ({@code alg=dir},
 * {@code enc=A256GCM}, {@code kid=<user id>/<key version>}). Versions written before personal data was sealed carried
 * clear text; their upcasters keep it as {@link #clearTextBeforeSealing()}, so a reader of those stored events gets
 * what they said without anyone having to pretend it was ever sealed.
 */
public record PersonalField(String sealed, String clearTextBeforeSealing) {

    /**
     * The shape of a compact JWE with direct key agreement: header, an empty encrypted key, IV, ciphertext, tag, each
     * base64url. Checked here so that clear text can never be passed off as sealed; whether it opens is checked by
     * whoever opens it.
     */
    public static final Pattern SEALED_SHAPE =
            Pattern.compile("^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");

    /** How an upcaster marks the clear text of a version written before sealing; never written by a current writer. */
    public static final String CLEAR_TEXT_BEFORE_SEALING = "clearTextBeforeSealing";

    public PersonalField {
        if ((sealed == null) == (clearTextBeforeSealing == null)) {
            throw new IllegalArgumentException("A personal field is either sealed or clear text from before sealing");
        }
        if (sealed != null && !SEALED_SHAPE.matcher(sealed).matches()) {
            // Never echo the value: it may be clear text that should not have been here, and it would reach a log.
            throw new IllegalArgumentException("A sealed personal field must be a compact JWE (dir, A256GCM)");
        }
    }

    /** A field sealed by {@code shared-events/personal-data}. */
    public static PersonalField sealed(String jwe) {
        return new PersonalField(Objects.requireNonNull(jwe, "jwe"), null);
    }

    /** The clear text a stored event of a version before sealing carried. */
    public static PersonalField clearTextBeforeSealing(String clearText) {
        return new PersonalField(null, Objects.requireNonNull(clearText, "clearText"));
    }

    /** The envelope, if the field was sealed. */
    public Optional<String> envelope() {
        return Optional.ofNullable(sealed);
    }

    /** Sealed fields as the JWE string the schema names; clear text from before sealing as the upcasters mark it. */
    @JsonValue
    Object json() {
        return sealed != null ? sealed : Map.of(CLEAR_TEXT_BEFORE_SEALING, clearTextBeforeSealing);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static PersonalField fromJson(JsonNode node) {
        if (node.isTextual()) {
            return sealed(node.textValue());
        }
        var clearText = node.path(CLEAR_TEXT_BEFORE_SEALING);
        if (node.isObject() && node.size() == 1 && clearText.isTextual()) {
            return clearTextBeforeSealing(clearText.textValue());
        }
        throw new IllegalArgumentException("A personal field is a sealed JWE string");
    }

    /** Never the clear text: an event's toString must not put personal data in a log. */
    @Override
    public String toString() {
        return sealed != null ? "PersonalField[sealed]" : "PersonalField[clear text from before sealing]";
    }
}
