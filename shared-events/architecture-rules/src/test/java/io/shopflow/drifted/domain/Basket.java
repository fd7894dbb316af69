package io.shopflow.drifted.domain;

import io.shopflow.drifted.persistence.BasketStore;
import java.sql.Connection;

/** Saves itself: the domain depends on persistence (a cycle with it) and on JDBC. */
public class Basket {
    public void save(BasketStore store, Connection connection) {
        store.save(this, connection);
    }
}
