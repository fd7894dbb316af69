package io.shopflow.events.user;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shopflow.events.PersonalField;
import java.util.List;

/**
 * v1 -> v2 of UserRegistered and UserUpdated: the personal fields, clear text in v1, become {@link PersonalField}s.
 * An upcaster holds no key and cannot seal, nor should it pretend to: the clear text of a v1 event stays what it
 * was, marked as such, until the topic's retention drops the event (docs/decisions/0007-personal-data.md).
 */
public final class UserUpcasters {

    private static final List<String> PERSONAL_FIELDS = List.of("name", "email", "address");

    private UserUpcasters() {
    }

    /** Both events changed the same fields in the same way, so one step serves both. */
    public static ObjectNode personalFieldsMarkedAsClearText(ObjectNode v1) {
        for (var field : PERSONAL_FIELDS) {
            var clearText = v1.get(field);
            if (clearText != null && clearText.isTextual()) {
                v1.set(field, v1.objectNode().put(PersonalField.CLEAR_TEXT_BEFORE_SEALING, clearText.textValue()));
            }
        }
        return v1;
    }
}
