package io.shopflow.order;

import io.shopflow.events.PersonalField;
import io.shopflow.events.user.UserErased;
import io.shopflow.events.user.UserUpdated;
import io.shopflow.personaldata.DataKey;
import io.shopflow.personaldata.KeyId;
import io.shopflow.personaldata.PersonalData;
import java.math.BigDecimal;
import java.util.UUID;

/** User events as user-service writes them, personal fields sealed with a key order-service never sees. */
final class UserEvents {

    private UserEvents() {
    }

    static UserUpdated updated(String userId, long version) {
        var key = DataKey.generate(new KeyId(UUID.fromString(userId), 1));
        return new UserUpdated(userId, sealed(key, "Ada Lovelace"), sealed(key, "ada@example.org"),
                sealed(key, "12 St James's Square, London"), new BigDecimal("100.00"), version);
    }

    static UserErased erased(String userId) {
        return new UserErased(userId);
    }

    private static PersonalField sealed(DataKey key, String clearText) {
        return PersonalField.sealed(PersonalData.seal(key, clearText));
    }
}
