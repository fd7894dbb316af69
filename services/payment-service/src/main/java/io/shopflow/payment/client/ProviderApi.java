package io.shopflow.payment.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The payment provider's HTTP API (see the payment-provider simulator), as a Quarkus REST client. */
@RegisterRestClient(configKey = "payment-provider")
@Path("/v1/charges")
public interface ProviderApi {

    record ChargeRequest(String reference, BigDecimal amount, String currency) {
    }

    /** A tolerant reader: the provider may add fields to its answers at any time. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Charge(String id, String reference, BigDecimal amount, String currency, boolean refunded) {
    }

    /** Idempotent by {@code reference}: the same reference is charged once, however often it is sent. */
    @POST
    Uni<Charge> charge(ChargeRequest request);

    @POST
    @Path("/{id}/refund")
    Uni<Charge> refund(@PathParam("id") String chargeId);

    /** The charges made under {@code reference}: none, or the one. */
    @GET
    Uni<List<Charge>> charges(@QueryParam("reference") String reference);
}
