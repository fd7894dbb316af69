package io.shopflow.drifted.persistence;

import io.shopflow.drifted.domain.Basket;
import java.sql.Connection;

public class BasketStore {
    public void save(Basket basket, Connection connection) {
    }
}
