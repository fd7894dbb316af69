package io.shopflow.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.shopflow.infra.TokenKeys;
import java.util.Map;

/** A fresh token key pair for a Quarkus test of the api-gateway, with development tokens on. */
public class TokenKeysTestResource implements QuarkusTestResourceLifecycleManager {

    private TokenKeys keys;

    @Override
    public Map<String, String> start() {
        keys = TokenKeys.generate();
        return keys.gatewaySettings();
    }

    @Override
    public void stop() {
        keys.close();
    }
}
